//! Many hands and hostile files: one regression test per row of the table in issue 12, run
//! through the built program where the row was found there. Every test also checks that the
//! user's files are left as they were when the answer is a refusal.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, Plan, eval, has_message};
use jsog_renewal::import::{self, CASE_FIELDS, ImportError};
use jsog_renewal::model::{Case, CreditKind, Mode, Workplace};
use jsog_renewal::store::{self, StoreError};

fn bin() -> Command {
    crate::common::bin()
}

/// Runs the program, killing it (and failing) if it takes longer than `limit`: a hang is a
/// failure, not a stuck test run.
fn run_within(args: &[&str], dir: &Path, limit: Duration) -> Output {
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn run(args: &[&str], dir: &Path) -> Output {
    run_within(args, dir, Duration::from_secs(60))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A case CSV of one complete case whose diagnosis is `marker`.
fn case_csv(marker: &str) -> String {
    let header: Vec<&str> = CASE_FIELDS.iter().map(|f| f.label).collect();
    format!(
        "{}\n1,2021/05/10,34,女,{marker},腹腔鏡手術,治癒,見本病院,担当医\n",
        header.join(",")
    )
}

fn diagnoses(path: &Path) -> Vec<String> {
    store::load(path)
        .expect("loads")
        .cases
        .into_iter()
        .map(|c| c.diagnosis)
        .collect()
}

// Row 1: two `import-cases` into the same application at once: no import is silently lost.
#[test]
fn row01_concurrent_imports_are_all_kept_or_refused_aloud() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = dir.path().join("申請.ron");
    store::save(&Plan::passing().build(), &app).expect("save");
    let pairs = 12;
    let mut outcomes = Vec::new();
    for pair in 0..pairs {
        let markers = [format!("同時A{pair}"), format!("同時B{pair}")];
        let children: Vec<_> = markers
            .iter()
            .map(|m| {
                let sheet = dir.path().join(format!("{m}.csv"));
                fs::write(&sheet, case_csv(m)).expect("write csv");
                let child = bin()
                    .args(["import-cases", "申請.ron", &format!("{m}.csv")])
                    .current_dir(dir.path())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn");
                (m.clone(), child)
            })
            .collect();
        for (m, child) in children {
            let out = child.wait_with_output().expect("wait");
            outcomes.push((m, out.status.success(), stderr(&out)));
        }
    }
    let kept = diagnoses(&app);
    for (marker, ok, err) in &outcomes {
        if *ok {
            assert!(
                kept.contains(marker),
                "{marker} exited 0 but is not in the file"
            );
        } else {
            assert!(err.contains("エラー"), "{marker} failed without saying why");
        }
    }
    assert!(
        outcomes.iter().filter(|o| o.1).count() == 2 * pairs,
        "with the lock every import waits its turn and succeeds: {outcomes:?}"
    );
    let leftovers: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// An .xlsx whose only sheet holds A1 and XFD1048576.
fn corner_cells_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "診察日").expect("A1");
    sheet
        .write_string(1_048_575, 16_383, "x")
        .expect("XFD1048576");
    book.save(path).expect("save xlsx");
}

// Row 2: A1 and XFD1048576 — refused from the cell stream, before any grid is built.
#[test]
fn row02_sheet_with_far_corner_cell_is_refused_not_allocated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("corner.xlsx");
    corner_cells_xlsx(&path);
    assert!(fs::metadata(&path).expect("meta").len() < 20_000);
    let err = import::read_file(&path, None).expect_err("refused");
    assert!(matches!(err, ImportError::TooManyColumns { .. }), "{err:?}");
    assert!(err.to_string().contains("列が多すぎます"), "{err}");
}

/// A minimal .xlsx with the given sheet XML and shared strings, deflated.
fn raw_xlsx(path: &Path, sheet_xml: &dyn Fn(&mut dyn Write), shared: Option<&str>) {
    use zip::write::SimpleFileOptions;
    let file = fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let parts: [(&str, String); 4] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.into(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.into(),
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, opts).expect("part");
        zip.write_all(text.as_bytes()).expect("write part");
    }
    zip.start_file("xl/worksheets/sheet1.xml", opts)
        .expect("sheet");
    sheet_xml(&mut zip);
    zip.start_file("xl/sharedStrings.xml", opts)
        .expect("strings");
    let strings = shared.unwrap_or("");
    write!(
        zip,
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>{strings}</t></si></sst>"#
    )
    .expect("strings");
    zip.finish().expect("finish");
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

// Row 3: a sheet of millions of empty rows, and a huge cell: refused by their inflated size
// before the workbook reader sees them (a smaller edition of the table's files, same shape).
#[test]
fn row03_empty_rows_and_huge_cell_are_refused_by_inflated_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows = dir.path().join("rows.xlsx");
    raw_xlsx(
        &rows,
        &|w| {
            w.write_all(SHEET_HEAD.as_bytes()).expect("head");
            let mut chunk = String::new();
            for r in 1..=2_000_000u32 {
                chunk.push_str(&format!("<row r=\"{r}\"/>"));
                if chunk.len() > 1 << 20 {
                    w.write_all(chunk.as_bytes()).expect("rows");
                    chunk.clear();
                }
            }
            w.write_all(chunk.as_bytes()).expect("rows");
            w.write_all(SHEET_TAIL.as_bytes()).expect("tail");
        },
        None,
    );
    let big_cell = dir.path().join("cell.xlsx");
    let huge = "a".repeat(40 * 1024 * 1024);
    raw_xlsx(
        &big_cell,
        &|w| {
            write!(
                w,
                r#"{SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>{SHEET_TAIL}"#
            )
            .expect("sheet");
        },
        Some(&huge),
    );
    for path in [&rows, &big_cell] {
        // Small enough to pass the file-size limit: only the inflated size can refuse it.
        assert!(fs::metadata(path).expect("meta").len() < import::MAX_FILE_BYTES);
        let err = import::read_file(path, None).expect_err("refused");
        assert!(err.to_string().contains("展開すると大きすぎます"), "{err}");
    }
}

// Row 4: cells that start a formula are escaped on the way out and restored on the way in.
#[test]
fn row04_formula_cells_are_escaped_in_csv_and_restored_on_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = Plan::passing().build();
    let hostile = ["=HYPERLINK(\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"];
    for (case, text) in app.cases.iter_mut().zip(hostile) {
        case.diagnosis = text.to_string();
        case.treatment = format!("{text}処置");
    }
    app.cases.truncate(hostile.len());
    let src = dir.path().join("a.ron");
    store::save(&app, &src).expect("save");
    let out = run(&["export-cases", "a.ron", "cases.csv"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = fs::read_to_string(dir.path().join("cases.csv")).expect("csv");
    for line in csv.lines().skip(1) {
        for field in line.split(',') {
            let field = field.trim_matches('"');
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unescaped cell {field:?} in {line}"
            );
        }
    }
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    let back = dir.path().join("b.ron");
    store::save(&jsog_renewal::model::Application::new(2024), &back).expect("save");
    let out = run(&["import-cases", "b.ron", "cases.csv"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let restored: Vec<Case> = store::load(&back).expect("load").cases;
    let got: Vec<&str> = restored.iter().map(|c| c.diagnosis.as_str()).collect();
    // Leading and trailing spaces (the tab) are trimmed on import, as for every cell.
    let want: Vec<&str> = hostile.iter().map(|h| h.trim()).collect();
    assert_eq!(got, want);
}

// Row 5: two files whose names differ only in case (and two that become one name once made
// text) each get their own output folder, and the summary matches the files on disk.
#[test]
fn row05_export_all_gives_every_file_its_own_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).expect("mkdir");
    let mut first = jsog_renewal::demo::application();
    first.applicant.name = "見本 一郎".into();
    let mut second = jsog_renewal::demo::application();
    second.applicant.name = "見本 二郎".into();
    second.cases.truncate(3);
    store::save(&first, &docs.join("dup.ron")).expect("save");
    store::save(&second, &docs.join("dup.RON")).expect("save");
    let mut names = vec!["dup.ron".to_string(), "dup.RON".to_string()];
    #[cfg(unix)]
    {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        // Two names that are not UTF-8 and read the same once made text: "x\u{fffd}".
        for bytes in [&b"x\xff.ron"[..], &b"x\xfe.ron"[..]] {
            store::save(&second, &docs.join(OsStr::from_bytes(bytes))).expect("save");
        }
        names.push("x?".into());
        names.push("x?".into());
    }
    let out = run(&["export-all", "docs", "--out", "out"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let folders: Vec<PathBuf> = fs::read_dir(dir.path().join("out"))
        .expect("out")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(folders.len(), names.len(), "{folders:?}");
    let mut sizes = Vec::new();
    for folder in &folders {
        let files: Vec<String> = fs::read_dir(folder)
            .expect("folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files.len(), 1, "one bundle per folder: {files:?}");
        assert!(files[0].ends_with(".pdf"), "no .pdf.bak: {files:?}");
        sizes.push(fs::metadata(folder.join(&files[0])).expect("pdf").len());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("書き出し {}件、失敗 0件", names.len())),
        "{text}"
    );
    // 一郎's bundle has all the demo's cases, 二郎's three: different files.
    let lower = dir.path().join("out").join("dup");
    let upper = dir.path().join("out").join("dup-2");
    let pdf =
        |f: &Path| fs::metadata(f.join(jsog_renewal::pdf::labels::BUNDLE_FILE)).map(|m| m.len());
    assert_ne!(pdf(&lower).expect("dup"), pdf(&upper).expect("dup-2"));
}

// Row 6: a FIFO or a device as FILE or SHEET is refused at once, with the reason.
#[cfg(unix)]
#[test]
fn row06_fifo_and_devices_are_refused_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = dir.path().join("a.ron");
    store::save(&Plan::passing().build(), &app).expect("save");
    let before = fs::read(&app).expect("read");
    let status = Command::new("mkfifo")
        .arg(dir.path().join("pipe"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    for args in [
        &["import-cases", "a.ron", "pipe"][..],
        &["import-cases", "a.ron", "/dev/zero"],
        &["import-cases", "pipe", "a.ron"],
        &["import-credits", "a.ron", "/dev/zero"],
        &["check", "pipe"],
        &["check", "/dev/zero"],
    ] {
        let out = run_within(args, dir.path(), Duration::from_secs(20));
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).contains("通常のファイルではありません"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(
        fs::read(&app).expect("read"),
        before,
        "the file is unchanged"
    );
}

/// Runs with standard output closed before the program writes to it (`| head -0`).
fn run_with_closed_stdout(args: &[&str], dir: &Path) -> Output {
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait")
}

// Row 7: a reader that quits early ends the output quietly, after the work is saved.
#[test]
fn row07_broken_pipe_ends_quietly_after_the_work_is_done() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = dir.path().join("a.ron");
    store::save(&Plan::passing().build(), &app).expect("save");
    fs::write(dir.path().join("one.csv"), case_csv("パイプ症例")).expect("csv");
    let out = run_with_closed_stdout(&["import-cases", "a.ron", "one.csv"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(diagnoses(&app).contains(&"パイプ症例".to_string()));

    let docs = dir.path().join("docs");
    fs::create_dir(&docs).expect("mkdir");
    for i in 0..5 {
        store::save(&Plan::passing().build(), &docs.join(format!("d{i}.ron"))).expect("save");
    }
    let out = run_with_closed_stdout(&["export-all", "docs", "--out", "out"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
    for i in 0..5 {
        let pdf = dir
            .path()
            .join("out")
            .join(format!("d{i}"))
            .join(jsog_renewal::pdf::labels::BUNDLE_FILE);
        assert!(pdf.exists(), "{} of 5 not exported", i + 1);
    }
    let out = run_with_closed_stdout(&["export", "a.ron", "--out", "single"], dir.path());
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_ne!(out.status.code(), Some(101));
    assert!(
        dir.path()
            .join("single")
            .join(jsog_renewal::pdf::labels::BUNDLE_FILE)
            .exists()
    );
}

// Row 8: 4294967295 units (a wrapped or mistyped figure) is an error, never a pass.
#[test]
fn row08_impossible_units_are_an_error_never_a_pass() {
    let mut app = Plan::passing().build();
    assert!(eval(&app).passes, "the plan passes before");
    let rules = common::rules();
    let totals = import::parse_portal_totals("\t産婦人科領域講習\n単位数\t4294967295\n")
        .expect("the figure parses");
    import::apply_portal_totals(&mut app, &totals, &rules);
    let report = eval(&app);
    assert!(!report.passes);
    assert!(
        has_message(&report, "ありえない値"),
        "{:?}",
        report.findings
    );
    assert_eq!(
        report
            .category(jsog_renewal::rules::CategoryCode::Domain)
            .counted,
        29
    );

    // The command line refuses the paste outright and saves nothing.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a.ron");
    store::save(&Plan::passing().build(), &file).expect("save");
    let before = fs::read(&file).expect("read");
    fs::write(
        dir.path().join("portal.txt"),
        "\t産婦人科領域講習\n単位数\t4294967295\n",
    )
    .expect("write");
    let out = run(&["import-credits", "a.ron", "portal.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ありえない値"), "{}", stderr(&out));
    assert_eq!(fs::read(&file).expect("read"), before);

    // A lecture of more minutes than a day has lectures is refused too (rule set: 600).
    let mut app = Plan::passing().build();
    let mut lecture = common::lecture(CreditKind::Domain, "長すぎる講演", 1);
    lecture.mode = Mode::Lectured { minutes: 100_000 };
    lecture.proof_enclosed = true;
    app.credits.push(lecture);
    let report = eval(&app);
    assert!(!report.passes);
    assert!(has_message(&report, "講師の時間"), "{:?}", report.findings);
}

// Row 9: exporting onto the application file itself (or any application file) is refused.
#[test]
fn row09_export_never_writes_onto_an_application_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = dir.path().join("self.ron");
    store::save(&Plan::passing().build(), &app).expect("save");
    let other = dir.path().join("other.txt");
    store::save(&Plan::passing().build(), &other).expect("save");
    let before = fs::read(&app).expect("read");
    let before_other = fs::read(&other).expect("read");
    #[cfg(unix)]
    std::os::unix::fs::symlink("self.ron", dir.path().join("link.csv")).expect("symlink");
    let mut targets = vec!["self.ron", "other.txt"];
    #[cfg(unix)]
    targets.push("link.csv");
    for (verb, target) in targets
        .iter()
        .flat_map(|t| [("export-cases", *t), ("export-credits", *t)])
    {
        let out = run(&[verb, "self.ron", target], dir.path());
        assert_eq!(out.status.code(), Some(2), "{verb} {target}");
        assert!(
            stderr(&out).contains("申請ファイルです"),
            "{}",
            stderr(&out)
        );
    }
    let out = run(&["export-cases", "self.ron", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("通常のファイルではありません"));
    assert_eq!(fs::read(&app).expect("read"), before);
    assert_eq!(fs::read(&other).expect("read"), before_other);
}

// Row 10: saving keeps the permissions (new files as the umask says, tests/umask.rs), saves
// through a symlink and keeps
// every name of a hard-linked file up to date.
#[cfg(unix)]
#[test]
fn row10_save_keeps_mode_follows_links_and_updates_hard_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let mut app = Plan::passing().build();

    let new = dir.path().join("new.ron");
    store::save_private(&app, &new).expect("save");
    assert_eq!(mode(&new), 0o600, "a private copy is its owner's alone");

    let private = dir.path().join("private.ron");
    store::save(&app, &private).expect("save");
    fs::set_permissions(&private, fs::Permissions::from_mode(0o640)).expect("chmod");
    app.applicant.name = "見本 二版".into();
    store::save(&app, &private).expect("save");
    assert_eq!(mode(&private), 0o640, "the mode is kept");
    assert_eq!(
        mode(&store::backup_path(&private)),
        0o640,
        ".bak has it too"
    );

    let target = dir.path().join("real.ron");
    store::save(&app, &target).expect("save");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("real.ron", &link).expect("symlink");
    app.applicant.name = "見本 リンク".into();
    store::save(&app, &link).expect("save through the link");
    assert!(
        fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        store::load(&target).expect("load").applicant.name,
        "見本 リンク"
    );

    let hard = dir.path().join("hard.ron");
    fs::hard_link(&target, &hard).expect("hard link");
    app.applicant.name = "見本 ハード".into();
    store::save(&app, &hard).expect("save");
    assert_eq!(
        store::load(&target).expect("load").applicant.name,
        "見本 ハード"
    );
    assert_eq!(
        store::load(&store::backup_path(&hard))
            .expect("bak")
            .applicant
            .name,
        "見本 リンク"
    );
}

// Row 11: NaN (or ∞) in a file is refused at load with the field named; the file is untouched.
#[test]
fn row11_nan_days_per_week_is_refused_at_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nan.ron");
    let mut app = Plan::passing().build();
    app.workplaces.push(Workplace {
        facility: "見本病院".into(),
        days_per_week: Some(4.0),
        ..Workplace::default()
    });
    store::save(&app, &path).expect("save");
    let text = fs::read_to_string(&path).expect("read");
    let text = text.replace("days_per_week: Some(4.0)", "days_per_week: Some(NaN)");
    assert!(text.contains("NaN"), "the test edits the file");
    fs::write(&path, &text).expect("write");
    let err = store::load(&path).expect_err("refused");
    assert!(matches!(err, StoreError::Invalid { .. }), "{err:?}");
    assert!(err.to_string().contains("週あたりの診療日数"), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
    // Typed in the window, it is an error finding, and it cannot be saved.
    app.workplaces[0].days_per_week = Some(f32::INFINITY);
    assert!(!eval(&app).passes);
    assert!(store::save(&app, &dir.path().join("inf.ron")).is_err());
}
