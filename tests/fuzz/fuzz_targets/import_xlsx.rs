//! The Excel import must never panic or hang, whatever the workbook holds.
#![no_main]

use jsog_renewal::import::{self, CaseImport, Context, Preview};
use jsog_renewal::model::{Application, Case};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The importer reads workbooks from files, as users give them.
    let path = std::env::temp_dir().join(format!("jsog-fuzz-{}.xlsx", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(table) = import::read_for::<Case>(&path, None) {
        let app = Application::new(2024);
        let preview: CaseImport = Preview::new(
            table,
            &Context {
                app: &app,
                rules: None,
            },
        );
        let _ = preview;
    }
});
