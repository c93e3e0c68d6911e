//! Spreadsheets in and out: cases and credits from CSV (UTF-8 or Shift_JIS) and Excel.

/// `jsog-renewal import-cases FILE SHEET [--skip-bad]`
pub fn cli_import_cases(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("症例の取り込みは準備中です".into())
}

/// `jsog-renewal import-credits FILE SHEET`
pub fn cli_import_credits(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("単位の取り込みは準備中です".into())
}

/// `jsog-renewal export-all DIR --out OUT`
pub fn cli_export_all(args: &[String]) -> Result<(), String> {
    let _ = args;
    Err("一括出力は準備中です".into())
}
