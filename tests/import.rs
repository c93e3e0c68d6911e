//! Spreadsheets in and out: CSV in both encodings, Excel, bad rows, alternative headers, every
//! date form, the portal's totals, the CLI's all-or-nothing import and the CSV round trip.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use jsog_renewal::import::{
    self, CaseImport, Cell, Context, CreditImport, ImportError, ImportOptions, PORTAL_NOTE,
    PortalColumn, Preview,
};
use jsog_renewal::model::vocabulary::{OUTCOMES, ROLES};
use jsog_renewal::model::{
    ActivityItem, Application, Case, CommonTopic, CreditKind, Mode, Role, Sex,
};
use jsog_renewal::rules::{self, CategoryCode, RuleSet};
use jsog_renewal::store;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn rules() -> RuleSet {
    RuleSet::for_year(2024).expect("FY2024 rules")
}

fn preview_cases(name: &str, app: &Application) -> CaseImport {
    let rules = rules();
    import::preview_cases(&fixture(name), None, app, Some(&rules)).expect("readable")
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// The dates the fixture generator wrote: every 27 days from 2019-06-03.
fn fixture_date(i: usize) -> NaiveDate {
    d(2019, 6, 3) + chrono::Days::new(27 * i as u64)
}

/// `VERB FILE SHEET [EXTRA…]` (import-cases, import-credits) run as a user would.
fn run_import(verb: &str, file: &Path, sheet: &Path, extra: &[&str]) -> std::process::Output {
    binary()
        .arg(verb)
        .arg(file)
        .arg(sheet)
        .args(extra)
        .output()
        .expect("runs")
}

fn binary() -> Command {
    crate::common::bin()
}

#[test]
fn shift_jis_csv_from_excel_with_60_cases_claims_six_units() {
    let mut app = Application::new(2024);
    let preview = preview_cases("cases_sjis_60.csv", &app);
    assert_eq!(preview.missing_columns(), Vec::<&str>::new());
    assert_eq!(preview.rows.len(), 60);
    assert_eq!(preview.bad_rows().count(), 0, "{:?}", preview.rows);
    // The title row above the header is skipped: the first case is on line 3.
    assert_eq!(preview.rows[0].line, 3);
    let outcome = preview
        .apply(&mut app, ImportOptions::default())
        .expect("imports");
    assert_eq!(outcome.added, 60);
    let report = rules::evaluate(&app, &rules());
    assert_eq!(report.category(CategoryCode::Clinical).claimed, 6);
    assert_eq!(report.cases_valid, 60);
    let first = &app.cases[0];
    assert_eq!(first.date, Some(d(2019, 6, 3)));
    assert_eq!(first.age, Some(22));
    assert_eq!(first.sex, Some(Sex::Female));
    assert_eq!(first.diagnosis, "子宮筋腫");
    assert_eq!(first.treatment, "腹腔鏡下子宮筋腫核出術");
    assert_eq!(first.outcome, "治癒");
    assert_eq!(first.facility, "さくら市民病院");
    assert_eq!(first.role, "指導医");
}

#[test]
fn every_date_form_in_the_fixture_is_read_to_the_right_day() {
    // The fixture cycles through 2023/4/1, 2023-04-01, R5.4.1, 令和5年4月1日, Excel serial and
    // full-width digits.
    let app = Application::new(2024);
    let preview = preview_cases("cases_sjis_60.csv", &app);
    for (i, row) in preview.rows.iter().enumerate() {
        let case = row.value.as_ref().expect("good row");
        assert_eq!(case.date, Some(fixture_date(i)), "line {}", row.line);
    }
}

#[test]
fn utf8_with_bom_reads_the_same_as_shift_jis() {
    let app = Application::new(2024);
    let sjis = preview_cases("cases_sjis_60.csv", &app);
    let utf8 = preview_cases("cases_utf8_bom.csv", &app);
    assert_eq!(utf8.rows.len(), 12);
    for (a, b) in utf8.rows.iter().zip(&sjis.rows) {
        assert_eq!(a.value, b.value);
    }
}

#[test]
fn alternative_headers_and_tabs_are_recognised() {
    let mut app = Application::new(2024);
    let preview = preview_cases("cases_alt_headers.tsv", &app);
    // 診療日, 年齢␣, 検査･処置･投薬 (half-width dot), 施設名, 担当医 — and no No. column.
    assert_eq!(preview.missing_columns(), Vec::<&str>::new());
    assert_eq!(preview.mapping.get(0), None);
    assert_eq!(preview.mapping.get(1), Some(0));
    assert_eq!(preview.mapping.get(7), Some(6));
    assert_eq!(preview.mapping.get(8), Some(7));
    preview
        .apply(&mut app, ImportOptions::default())
        .expect("imports");
    assert_eq!(app.cases.len(), 10);
    assert_eq!(app.cases[1].facility, "みなと産婦人科クリニック");
    assert_eq!(app.cases[1].treatment, "腹腔鏡下卵巣嚢腫摘出術");
    assert_eq!(app.cases[1].role, "担当医");
}

#[test]
fn one_bad_row_imports_nothing_and_names_the_row() {
    let mut app = Application::new(2024);
    let preview = preview_cases("cases_one_bad.csv", &app);
    let bad: Vec<_> = preview.bad_rows().collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].line, 5);
    let text = bad[0].problem_text();
    assert!(
        text.starts_with("5行目: 年齢「不明」は0～120の整数で入力してください"),
        "{text}"
    );
    // A 転帰 outside the usual words is written on paper too: kept, not refused.
    let line6 = preview.rows.iter().find(|r| r.line == 6).expect("line 6");
    assert_eq!(
        line6.value.as_ref().map(|c| c.outcome.as_str()),
        Some("良好")
    );
    let err = preview
        .apply(&mut app, ImportOptions::default())
        .expect_err("all or nothing");
    assert!(matches!(err, ImportError::BadRows { count: 1, .. }));
    assert!(err.to_string().contains("5行目"), "{err}");
    assert!(app.cases.is_empty());

    let outcome = preview
        .apply(
            &mut app,
            ImportOptions {
                skip_bad: true,
                ..ImportOptions::default()
            },
        )
        .expect("good rows only");
    assert_eq!((outcome.added, outcome.skipped_bad), (7, 1));
    assert_eq!(app.cases.len(), 7);
}

#[test]
fn each_kind_of_bad_row_is_listed_with_its_line_and_reason() {
    let app = Application::new(2024);
    let preview = preview_cases("cases_many_bad.csv", &app);
    // Ten numbered data rows; the pre-numbered empty row 12 is not data.
    assert_eq!(preview.rows.len(), 10);
    let bad: Vec<(usize, String)> = preview
        .bad_rows()
        .map(|r| {
            let reasons: Vec<String> = r.problems.iter().map(ToString::to_string).collect();
            (r.line, reasons.join("／"))
        })
        .collect();
    let lines: Vec<usize> = bad.iter().map(|b| b.0).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 7]);
    assert!(
        bad[0]
            .1
            .contains("診察日「2023/2/30」を日付として読めません")
    );
    assert!(bad[1].1.contains("年齢「130」は0～120"));
    assert!(bad[2].1.contains("性別「不明」を読めません"));
    assert!(bad[3].1.contains("診断名が空です"));
    assert!(bad[4].1.contains("診察日「R5.13.1」を日付として読めません"));

    let outside = preview.rows.iter().find(|r| r.line == 8).expect("line 8");
    assert!(!outside.is_bad());
    assert!(
        outside.notes[0].contains("活動期間外"),
        "{:?}",
        outside.notes
    );

    let dup = preview.rows.iter().find(|r| r.line == 10).expect("line 10");
    assert!(dup.duplicate);
    assert!(dup.notes[0].contains("9行目と同じ"), "{:?}", dup.notes);
    assert_eq!(preview.duplicate_count(), 1);
}

#[test]
fn duplicates_of_cases_already_entered_are_flagged_and_can_be_left_out() {
    let mut app = Application::new(2024);
    preview_cases("cases_utf8_bom.csv", &app)
        .apply(&mut app, ImportOptions::default())
        .expect("first import");
    let again = preview_cases("cases_sjis_60.csv", &app);
    assert_eq!(again.duplicate_count(), 12);
    assert!(again.rows[0].notes[0].contains("申請にすでにある症例1"));
    let outcome = again
        .apply(
            &mut app,
            ImportOptions {
                skip_duplicates: true,
                ..ImportOptions::default()
            },
        )
        .expect("imports");
    assert_eq!((outcome.added, outcome.skipped_duplicates), (48, 12));
    assert_eq!(app.cases.len(), 60);
}

/// Writes an .xlsx the way people keep their list: a title row, real date cells, a date typed
/// as text, a serial left as a number, ages as numbers; a second sheet holds something else.
fn write_xlsx(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let other = book.add_worksheet();
    other.set_name("メモ").expect("name");
    other
        .write_string(0, 0, "このシートは症例ではありません")
        .expect("write");
    let sheet = book.add_worksheet();
    sheet.set_name("症例").expect("name");
    let date_format = Format::new().set_num_format("yyyy/m/d");
    sheet.write_string(0, 0, "症例一覧").expect("write");
    let header = [
        "No.",
        "診察日（年/月/日）",
        "年齢",
        "性別",
        "診断名",
        "検査・処置・投薬等",
        "転帰",
        "診療施設名",
        "担当医/指導医",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).expect("write");
    }
    let rows: [(&str, u8, &str, &str); 5] = [
        ("date-cell", 34, "女", "治癒"),
        ("text", 41, "女性", "軽快"),
        ("serial", 28, "F", "分娩"),
        ("wareki", 55, "女", "経過観察"),
        ("no-such-day", 63, "女", "よくなった"),
    ];
    for (i, (form, age, sex, outcome)) in rows.iter().enumerate() {
        let r = (i + 2) as u32;
        let day = d(2022, 4, 1) + chrono::Days::new(10 * i as u64);
        sheet.write_number(r, 0, (i + 1) as f64).expect("write");
        match *form {
            "date-cell" => {
                let dt = ExcelDateTime::parse_from_str(&day.format("%Y-%m-%d").to_string())
                    .expect("date");
                sheet
                    .write_datetime_with_format(r, 1, &dt, &date_format)
                    .expect("write");
            }
            "serial" => {
                let serial = (day - d(1899, 12, 30)).num_days() as f64;
                sheet.write_number(r, 1, serial).expect("write");
            }
            "wareki" => {
                sheet.write_string(r, 1, "R4.5.1").expect("write");
            }
            "no-such-day" => {
                sheet.write_string(r, 1, "2022/2/29").expect("write");
            }
            _ => {
                sheet
                    .write_string(r, 1, day.format("%Y-%m-%d").to_string())
                    .expect("write");
            }
        }
        sheet.write_number(r, 2, f64::from(*age)).expect("write");
        sheet.write_string(r, 3, *sex).expect("write");
        sheet.write_string(r, 4, "子宮筋腫").expect("write");
        sheet.write_string(r, 5, "経過観察").expect("write");
        sheet.write_string(r, 6, *outcome).expect("write");
        sheet.write_string(r, 7, "さくら市民病院").expect("write");
        sheet.write_string(r, 8, "担当医").expect("write");
    }
    book.save(path).expect("save xlsx");
}

#[test]
fn xlsx_sheet_with_date_cells_serials_and_text_dates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("症例.xlsx");
    write_xlsx(&path);
    assert_eq!(
        import::sheet_names(&path).expect("sheets"),
        vec!["メモ".to_string(), "症例".to_string()]
    );
    let app = Application::new(2024);
    let err = import::preview_cases(&path, Some("なし"), &app, None).expect_err("no such sheet");
    assert!(err.to_string().contains("メモ、症例"), "{err}");
    // Without a sheet named, the one whose header names the columns is taken, not the first.
    let guessed = import::preview_cases(&path, None, &app, None).expect("reads");
    assert_eq!(guessed.table.sheet.as_deref(), Some("症例"));
    let preview = import::preview_cases(&path, Some("症例"), &app, None).expect("reads");
    assert_eq!(preview.rows.len(), 5);
    let dates: Vec<Option<NaiveDate>> = preview
        .rows
        .iter()
        .map(|r| r.value.as_ref().and_then(|c| c.date))
        .collect();
    assert_eq!(
        &dates[..4],
        &[
            Some(d(2022, 4, 1)),
            Some(d(2022, 4, 11)),
            Some(d(2022, 4, 21)),
            Some(d(2022, 5, 1))
        ]
    );
    assert_eq!(preview.rows[0].value.as_ref().and_then(|c| c.age), Some(34));
    // The bad row is named by its Excel row number (title on row 1, header on row 2).
    let bad: Vec<_> = preview.bad_rows().collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].line, 7);
    assert!(
        bad[0].problem_text().contains("診察日「2022/2/29」"),
        "{}",
        bad[0].problem_text()
    );
}

#[test]
fn unknown_headers_can_be_mapped_by_hand() {
    let text = "日,とし,性,病気,やったこと,結果,病院,立ち位置\n\
                2023/4/1,30,女,子宮筋腫,手術,治癒,さくら市民病院,担当医\n";
    let table = import::parse_delimited(text, "手入力.csv").expect("parses");
    let app = Application::new(2024);
    let ctx = Context {
        app: &app,
        rules: None,
    };
    let mut preview: CaseImport = Preview::new(table, &ctx);
    assert!(preview.missing_columns().contains(&"診察日"));
    assert!(preview.rows.is_empty());
    assert_eq!(preview.column_titles()[0], "A: 日");
    let mut mapping = preview.mapping.clone();
    for (field, col) in [
        (1, 0),
        (2, 1),
        (3, 2),
        (4, 3),
        (5, 4),
        (6, 5),
        (7, 6),
        (8, 7),
    ] {
        mapping.set(field, Some(col));
    }
    preview.remap(mapping, &ctx);
    assert_eq!(preview.missing_columns(), Vec::<&str>::new());
    assert_eq!(preview.rows.len(), 1);
    assert_eq!(
        preview.rows[0].value.as_ref().map(|c| c.diagnosis.as_str()),
        Some("子宮筋腫")
    );
}

#[test]
fn export_then_import_gives_the_same_cases_and_credits() {
    let mut original = Application::new(2024);
    let outcomes =
        OUTCOMES
            .canonical_words()
            .chain(["継続中", "良好（外来でフォロー）", " 前後に空白 "]);
    for (i, outcome) in outcomes.enumerate() {
        original.cases.push(Case {
            unread: Default::default(),
            date: Some(d(2020, 1, 1) + chrono::Days::new(i as u64 * 40)),
            age: Some(20 + i as u8),
            sex: Some(if i % 2 == 0 { Sex::Female } else { Sex::Male }),
            diagnosis: format!("診断, \"引用\" {i}"),
            treatment: "処置\n2行目".into(),
            outcome: outcome.trim().into(),
            facility: "さくら市民病院".into(),
            role: match i % 3 {
                0 => ROLES.words[0].canonical.into(),
                1 => "山田 花子／佐藤 一郎".into(),
                _ => "指導医（佐藤）".into(),
            },
        });
    }
    original.cases.push(Case {
        date: Some(d(2021, 2, 3)),
        age: Some(0),
        sex: Some(Sex::Female),
        diagnosis: "新生児".into(),
        facility: "みなと産婦人科クリニック".into(),
        ..Case::default()
    });
    let rules = rules();
    let credits_app = {
        let mut app = Application::new(2024);
        import::preview_credits(&fixture("credits_utf8_bom.csv"), None, &app, Some(&rules))
            .expect("reads")
            .apply(&mut app, ImportOptions::default())
            .expect("imports");
        app
    };
    original.credits = credits_app.credits.clone();

    let dir = tempfile::tempdir().expect("tempdir");
    let cases_path = dir.path().join("cases.csv");
    let credits_path = dir.path().join("credits.csv");
    let cases_bytes = import::cases_csv(&original).expect("csv");
    assert!(cases_bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    import::write_csv(&cases_path, &cases_bytes).expect("write");
    import::write_csv(&credits_path, &import::credits_csv(&original).expect("csv")).expect("write");

    let mut back = Application::new(2024);
    import::preview_cases(&cases_path, None, &back, Some(&rules))
        .expect("reads")
        .apply(&mut back, ImportOptions::default())
        .expect("imports");
    import::preview_credits(&credits_path, None, &back, Some(&rules))
        .expect("reads")
        .apply(&mut back, ImportOptions::default())
        .expect("imports");
    assert_eq!(back.cases, original.cases);
    assert_eq!(back.credits, original.credits);
}

#[test]
fn credit_list_fills_every_field() {
    let mut app = Application::new(2024);
    let rules = rules();
    let preview: CreditImport =
        import::preview_credits(&fixture("credits_utf8_bom.csv"), None, &app, Some(&rules))
            .expect("reads");
    assert_eq!(preview.bad_rows().count(), 0, "{:?}", preview.rows);
    preview
        .apply(&mut app, ImportOptions::default())
        .expect("imports");
    let c = &app.credits;
    assert_eq!(c.len(), 8);
    assert_eq!(c[0].kind, CreditKind::Common(CommonTopic::Safety));
    assert!(c[0].on_portal && !c[0].proof_enclosed);
    assert_eq!(c[1].date, Some(d(2022, 7, 3)));
    assert_eq!(c[2].mode, Mode::ELearning);
    assert_eq!(c[3].kind, CreditKind::Common(CommonTopic::Optional));
    assert_eq!(c[5].kind, CreditKind::Domain);
    assert_eq!(c[5].mode, Mode::Lectured { minutes: 60 });
    assert!(c[5].proof_enclosed);
    assert_eq!(c[5].note, "講演記録あり");
    assert_eq!(c[6].kind, CreditKind::Activity(ActivityItem::Paper));
    assert_eq!(c[6].role, Role::First);
    assert_eq!(
        c[7].kind,
        CreditKind::Activity(ActivityItem::MeetingAttendance)
    );
    assert_eq!(c[7].units, 3);
}

#[test]
fn bad_credit_rows_are_named() {
    let text = "区分,項目,日付,名称,形式,時間（分）\n\
                共通講習,医療安全,2022/6/1,講習A,受講,\n\
                共通講習,医療安心,2022/6/2,講習B,受講,\n\
                領域講習,,2022/6/3,講習C,講師,\n\
                学術業績,(11),2022/6/4,講習D,,\n";
    let table = import::parse_delimited(text, "単位.csv").expect("parses");
    let app = Application::new(2024);
    let preview: CreditImport = Preview::new(
        table,
        &Context {
            app: &app,
            rules: None,
        },
    );
    let bad: Vec<String> = preview.bad_rows().map(|r| r.problem_text()).collect();
    assert_eq!(bad.len(), 3, "{bad:?}");
    assert!(
        bad[0].starts_with("3行目: 項目（B列）「医療安心」の「医療安心」を読めません"),
        "{}",
        bad[0]
    );
    assert!(
        bad[1].starts_with("4行目: 講師の単位には講演時間（分）が必要です"),
        "{}",
        bad[1]
    );
    assert!(
        bad[2].starts_with("5行目: 項目（B列）「(11)」の「11」を読めません"),
        "{}",
        bad[2]
    );
}

#[test]
fn portal_table_pasted_from_the_browser_becomes_portal_credits() {
    let text = std::fs::read_to_string(fixture("portal_totals.txt")).expect("fixture");
    let totals = import::parse_portal_totals(&text).expect("parses");
    assert_eq!(totals.units.len(), 11);
    assert_eq!(
        totals.units[0],
        (PortalColumn::Common(CommonTopic::Safety), 2)
    );
    assert_eq!(
        totals.units[8],
        (PortalColumn::Common(CommonTopic::Optional), 2)
    );
    assert_eq!(totals.units[9], (PortalColumn::Domain, 26));
    assert_eq!(totals.units[10], (PortalColumn::Meeting, 5));

    let rules = rules();
    let mut app = Application::new(2024);
    let added = import::apply_portal_totals(&mut app, &totals, &rules);
    assert_eq!(added, 9, "columns with 0 units add nothing");
    assert!(
        app.credits
            .iter()
            .all(|c| c.on_portal && c.note == PORTAL_NOTE)
    );
    // Pasting again replaces rather than doubles.
    import::apply_portal_totals(&mut app, &totals, &rules);
    assert_eq!(app.credits.len(), 9);

    let report = rules::evaluate(&app, &rules);
    assert_eq!(report.category(CategoryCode::Common).counted, 9);
    assert_eq!(report.category(CategoryCode::Domain).counted, 26);
    assert_eq!(report.category(CategoryCode::Activity).counted, 5);
}

#[test]
fn a_flat_portal_table_with_eleven_columns_is_read_too() {
    let text = "医療安全\t医療倫理\t感染対策\t医療制度と法律\t地域医療\t医療福祉制度\t医療経済\t両立支援\t任意C\t産婦人科領域講習\t学術集会参加\n\
                単位数\t1\t1\t1\t0\t0\t0\t0\t0\t1\t20\t0\n";
    let totals = import::parse_portal_totals(text).expect("parses");
    assert_eq!(totals.units[9], (PortalColumn::Domain, 20));
    let err = import::parse_portal_totals("医療安全\t医療倫理\n1\t1\n").expect_err("no 単位数");
    assert!(err.to_string().contains("単位数"), "{err}");
}

#[test]
fn oversized_and_undecodable_input_is_refused_not_hung() {
    let long = "あ".repeat(import::MAX_CELL_CHARS + 1);
    let text = format!("診察日,診断名\n2023/4/1,{long}\n");
    let err = import::parse_delimited(&text, "長い.csv").expect_err("too long");
    assert!(err.to_string().contains("2行目 B列"), "{err}");

    let many = "2023/4/1,a\n".repeat(import::MAX_ROWS + 1);
    let err = import::parse_delimited(&many, "多い.csv").expect_err("too many");
    assert!(matches!(err, ImportError::TooManyRows { .. }));

    let err = import::decode_text(&[0x93, 0xfa, 0xff, 0xfe, 0x80]).expect_err("garbage");
    assert!(matches!(err, ImportError::Encoding));
    assert_eq!(Cell::Number(45017.0).text(), "45017");
}

fn temp_app(dir: &Path, app: &Application) -> PathBuf {
    let path = dir.join("app.ron");
    store::save(app, &path).expect("save");
    path
}

#[test]
fn cli_import_then_check_shows_category_i_claimed_as_six_units() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = temp_app(dir.path(), &Application::new(2024));
    let out = run_import("import-cases", &file, &fixture("cases_sjis_60.csv"), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("60件の症例"));
    let check = binary()
        .args(["check", "--json"])
        .arg(&file)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let category_i = &json["categories"][0];
    assert_eq!(category_i["code"], "i");
    assert_eq!(category_i["claimed"], 6);
}

#[test]
fn cli_one_bad_row_exits_1_names_the_row_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = temp_app(dir.path(), &Application::new(2024));
    let before = std::fs::read(&file).expect("read");
    let out = run_import("import-cases", &file, &fixture("cases_one_bad.csv"), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("5行目: 年齢「不明」"), "{stderr}");
    assert_eq!(std::fs::read(&file).expect("read"), before);

    let out = run_import(
        "import-cases",
        &file,
        &fixture("cases_one_bad.csv"),
        &["--skip-bad"],
    );
    assert!(out.status.success());
    assert_eq!(store::load(&file).expect("load").cases.len(), 7);
}

/// Credits, like cases, say how each column was read before anything is imported.
#[test]
fn credit_import_summarises_how_each_column_was_read() {
    let app = Application::new(2024);
    let preview =
        import::preview_credits(&fixture("credits_utf8_bom.csv"), None, &app, Some(&rules()))
            .expect("reads");
    let lines: Vec<String> = preview
        .reading_summary()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "区分: 共通講習 ×4、領域講習 ×2、学術業績 ×2",
            "項目: 医療安全 ×1、医療倫理 ×1、感染対策 ×1、任意C ×1、(3) 論文発表 ×1、(1) 学術集会等参加 ×1",
            "日付: 2021/03/01～2023/06/01、西暦 ×6、和暦 ×2",
            "形態: 受講 ×5、e-learning ×2、講師 ×1",
            "ポータル登録済み: はい ×6、いいえ ×2",
            "証明書類を同封: いいえ ×6、はい ×2",
        ]
    );
}

/// Hand-kept lists end with a 合計 row and 以下余白: those are the sheet's footer, named and left
/// out, never refused as bad rows. A real row whose first cell merely starts with 計 (計画分娩)
/// is still data, and refused when it cannot be read.
#[test]
fn footer_rows_are_set_aside_and_named_not_refused() {
    let app = Application::new(2024);
    let preview = preview_cases("cases_with_footer.csv", &app);
    assert_eq!(preview.good_count(), 3);
    assert_eq!(preview.bad_rows().count(), 0);
    let lines: Vec<(usize, &str)> = preview
        .set_aside
        .iter()
        .map(|s| (s.line, s.text.as_str()))
        .collect();
    assert_eq!(lines, [(5, "合計"), (6, "以下余白")]);
    assert_eq!(
        preview.set_aside[0].to_string(),
        "5行目「合計」は合計などの行として取り込みません"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let file = temp_app(dir.path(), &app);
    let out = run_import(
        "import-cases",
        &file,
        &fixture("cases_with_footer.csv"),
        &[],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("6行目「以下余白」は合計などの行"),
        "{stdout}"
    );
    assert_eq!(store::load(&file).expect("load").cases.len(), 3);

    let planned = dir.path().join("planned.csv");
    std::fs::write(
        &planned,
        "診断名,診察日,年齢,性別,検査・処置・投薬等,転帰,診療施設名,担当医/指導医\n\
         計画分娩,不明,30,女,分娩誘発,分娩,見本病院,担当医\n",
    )
    .expect("write");
    let preview = preview_cases_of(&planned);
    assert!(preview.set_aside.is_empty());
    assert_eq!(preview.bad_rows().count(), 1);
}

#[test]
fn cli_credits_portal_and_csv_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = temp_app(dir.path(), &Application::new(2024));
    for source in ["credits_utf8_bom.csv", "portal_totals.txt"] {
        let out = run_import("import-credits", &file, &fixture(source), &[]);
        assert!(
            out.status.success(),
            "{source}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(store::load(&file).expect("load").credits.len(), 8 + 9);
    let app = store::load(&file).expect("load");
    // Six of the listed credits are marked as on the portal: the totals include them too.
    assert_eq!(import::portal_overlap(&app), 6);
    let csv = dir.path().join("単位.csv");
    let out = binary()
        .arg("export-credits")
        .arg(&file)
        .arg(&csv)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = std::fs::read_to_string(&csv).expect("csv");
    // The window's column names (the old short names are still read, see the fixtures).
    assert!(
        text.starts_with(
            "\u{feff}区分,項目,日付,講習名・演題名・論文名,主催者・学会名・雑誌名,形態,講演時間（分）,単位,ポータル登録済み,証明書類を同封,"
        ),
        "{}",
        text.lines().next().unwrap_or_default()
    );
    assert_eq!(text.lines().count(), 1 + 17);
    let out = binary()
        .arg("export-cases")
        .arg(&file)
        .arg(dir.path().join("症例.csv"))
        .output()
        .expect("runs");
    assert!(out.status.success());
}

// ---- Case lists as doctors keep them: free-text 転帰 and 担当医/指導医, messy sheets ----

/// The fixture's cells, split independently of the importer (the generator writes no quotes):
/// each data line (those starting with a number) as its fields.
fn fixture_lines(name: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(fixture(name)).expect("fixture");
    let (text, _) = import::decode_text(&bytes).expect("decodes");
    let delimiter = if name.ends_with(".tsv") { '\t' } else { ',' };
    text.lines()
        .skip_while(|l| !l.contains("転帰"))
        .skip(1)
        .filter(|l| !l.trim_matches([',', '\t', '\r']).is_empty())
        .map(|l| l.split(delimiter).map(str::to_string).collect())
        .collect()
}

/// The dates `free_rows` of the generator wrote: every `step` days from `start`.
fn free_date(start: NaiveDate, step: u64, i: usize) -> NaiveDate {
    start + chrono::Days::new(step * i as u64)
}

#[test]
fn shift_jis_list_with_names_and_free_outcomes_imports_every_row_as_written() {
    let mut app = Application::new(2024);
    let preview = preview_cases("cases_free_text_sjis.csv", &app);
    assert_eq!(preview.missing_columns(), Vec::<&str>::new());
    assert_eq!(preview.rows.len(), 60, "trailing empty rows are not data");
    assert_eq!(
        preview.bad_rows().count(),
        0,
        "{:?}",
        preview.bad_rows().next()
    );
    // Title on line 1, a blank line 2, the header on line 3.
    assert_eq!(preview.rows[0].line, 4);
    let lines = fixture_lines("cases_free_text_sjis.csv");
    assert_eq!(lines.len(), 60);
    for (i, (row, cells)) in preview.rows.iter().zip(&lines).enumerate() {
        let case = row.value.as_ref().expect("good row");
        assert_eq!(case.outcome, cells[6], "転帰 of line {}", row.line);
        assert_eq!(case.role, cells[8], "担当医/指導医 of line {}", row.line);
        assert_eq!(case.diagnosis, cells[4]);
        assert_eq!(
            case.date,
            Some(free_date(d(2019, 5, 7), 26, i)),
            "date 「{}」 of line {}",
            cells[1],
            row.line
        );
        let age: u8 = cells[2].trim_end_matches('歳').parse().expect("age");
        assert_eq!(case.age, Some(age), "age 「{}」", cells[2]);
    }
    let first = preview.rows[0].value.as_ref().expect("good");
    assert_eq!(first.outcome, "継続");
    assert_eq!(first.role, "山田 花子／佐藤 一郎");
    assert_eq!(
        preview.rows[1].value.as_ref().map(|c| c.outcome.as_str()),
        Some("異常なし")
    );
    preview
        .apply(&mut app, ImportOptions::default())
        .expect("imports");
    let report = rules::evaluate(&app, &rules());
    assert_eq!(report.cases_valid, 60);
    assert_eq!(report.category(CategoryCode::Clinical).claimed, 6);
    // An empty 転帰 stays empty and is a warning on its case, not an error.
    assert_eq!(app.cases[11].outcome, "");
    let blank = report
        .findings
        .iter()
        .find(|f| f.path.to_string() == "cases[11].outcome")
        .expect("finding on the blank outcome");
    assert_eq!(blank.severity, rules::Severity::Warning);
    assert!(blank.message.contains("転帰が空欄"), "{}", blank.message);
}

#[test]
fn the_summary_says_per_column_how_values_were_read() {
    let app = Application::new(2024);
    let preview = preview_cases("cases_free_text_sjis.csv", &app);
    let summary: Vec<String> = preview
        .reading_summary()
        .iter()
        .map(ToString::to_string)
        .collect();
    let column = |label: &str| {
        summary
            .iter()
            .find(|s| s.starts_with(&format!("{label}: ")))
            .cloned()
            .unwrap_or_else(|| panic!("no {label} in {summary:?}"))
    };
    // Twelve outcomes cycle over 60 rows: five of each.
    let outcome = column("転帰");
    for part in [
        "継続 ×10（うち 継続中 ×5）",
        "異常なし ×5",
        "経過観察 ×5（うち 経過観察中 ×5）",
        "転医 ×5（うち 転院 ×5）",
        "「良好」×5",
        "空欄 ×5",
    ] {
        assert!(outcome.contains(part), "{part} in {outcome}");
    }
    assert!(
        outcome.starts_with("転帰: 継続 ×10"),
        "most frequent first: {outcome}"
    );
    let role = column("担当医/指導医");
    assert!(role.contains("担当医 ×10"), "{role}");
    assert!(role.contains("指導医 ×10"), "{role}");
    assert!(
        role.contains("氏名など（記載のまま） ×40（例: 山田 花子／佐藤 一郎"),
        "{role}"
    );
    let date = column("診察日");
    assert!(date.starts_with("診察日: 2019/05/07～2023/07/19"), "{date}");
    for form in [
        "曜日付き ×",
        "和暦 ×",
        "日付の数値（シリアル値） ×",
        "西暦 ×",
    ] {
        assert!(date.contains(form), "{form} in {date}");
    }
    let age = column("年齢");
    assert!(age.contains("「歳」付き ×20"), "{age}");
    assert_eq!(column("性別"), "性別: 女 ×60");
}

#[test]
fn a_tsv_with_other_header_names_and_no_number_column_imports() {
    let mut app = Application::new(2024);
    let preview = preview_cases("cases_other_headers.tsv", &app);
    // 受診日, 年令, 性, 病名, 処置内容, 転帰, 病院名, 担当医・指導医.
    assert_eq!(preview.missing_columns(), Vec::<&str>::new());
    assert_eq!(preview.mapping.get(0), None, "no No. column");
    for field in 1..=8 {
        assert_eq!(preview.mapping.get(field), Some(field - 1), "field {field}");
    }
    assert_eq!(
        preview.bad_rows().count(),
        0,
        "{:?}",
        preview.bad_rows().next()
    );
    preview
        .apply(&mut app, ImportOptions::default())
        .expect("imports");
    assert_eq!(app.cases.len(), 15);
    assert_eq!(app.cases[0].date, Some(d(2020, 2, 3)));
    assert_eq!(app.cases[0].treatment, "腹腔鏡下子宮筋腫核出術");
    assert_eq!(app.cases[3].outcome, "経過観察中");
    assert_eq!(app.cases[3].role, "高橋 美咲／佐藤 一郎");
}

#[test]
fn two_genuinely_bad_rows_import_nothing_and_are_named_with_their_reason() {
    let mut app = Application::new(2024);
    let preview = preview_cases("cases_two_bad.csv", &app);
    let bad: Vec<String> = preview.bad_rows().map(|r| r.problem_text()).collect();
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(
        bad[0].starts_with("4行目: 年齢「四十代」は0～120の整数"),
        "{}",
        bad[0]
    );
    assert!(
        bad[1].starts_with("8行目: 診察日「2021年2月30日(火)」を日付として読めません"),
        "{}",
        bad[1]
    );
    // Names in 担当医/指導医 and 継続 in 転帰 on the other rows are no reason to refuse them.
    assert_eq!(preview.good_count(), 8);
    let err = preview
        .apply(&mut app, ImportOptions::default())
        .expect_err("all or nothing");
    assert!(
        matches!(err, ImportError::BadRows { count: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("4, 8行目"), "{err}");
    assert!(app.cases.is_empty());
}

#[test]
fn a_list_of_104_cases_imports_and_counts_up_to_the_maximum() {
    let mut app = Application::new(2024);
    let preview = preview_cases("cases_104.csv", &app);
    assert_eq!(preview.rows.len(), 104);
    assert_eq!(
        preview.bad_rows().count(),
        0,
        "{:?}",
        preview.bad_rows().next()
    );
    preview
        .apply(&mut app, ImportOptions::default())
        .expect("imports");
    let report = rules::evaluate(&app, &rules());
    assert_eq!(report.cases_valid, 104);
    let clinical = report.category(CategoryCode::Clinical);
    assert_eq!((clinical.claimed, clinical.counted), (10, 10));
    assert_eq!(app.cases[103].role, "山田 花子／鈴木 次郎");
    assert_eq!(app.cases[103].date, Some(free_date(d(2019, 5, 2), 17, 103)));
}

#[test]
fn the_header_is_found_below_titles_and_notes_but_not_past_twenty_rows() {
    let header = "No.,診察日,年齢,性別,診断名,検査・処置・投薬等,転帰,診療施設名,担当医/指導医\n";
    let case = "1,2021/8/17,45歳,女,子宮筋腫,手術,継続,さくら市民病院,山田 花子\n";
    let app = Application::new(2024);
    let ctx = Context {
        app: &app,
        rules: None,
    };
    for above in [0usize, 1, 5, 19] {
        let text = format!("{}{header}{case}", "症例一覧（メモ）,,\n".repeat(above));
        let table = import::parse_delimited(&text, "x.csv").expect("parses");
        let preview: CaseImport = Preview::new(table, &ctx);
        assert_eq!(preview.header_index, Some(above), "{above} rows above");
        assert_eq!(preview.good_count(), 1, "{above} rows above");
    }
    let text = format!("{}{header}{case}", "メモ\n".repeat(20));
    let table = import::parse_delimited(&text, "x.csv").expect("parses");
    let preview: CaseImport = Preview::new(table, &ctx);
    assert!(!preview.missing_columns().is_empty(), "header on row 21");
}

#[test]
fn separate_attending_and_supervising_columns_are_joined_into_the_one_cell() {
    let text = "診察日,年齢,性別,診断名,転帰,診療施設名,担当医,指導医\n\
                2021/8/17,45,女,子宮筋腫,継続,さくら市民病院,山田 花子,佐藤 一郎\n\
                2021/8/18,46,女,子宮筋腫,継続,さくら市民病院,山田 花子,\n\
                2021/8/19,47,女,子宮筋腫,継続,さくら市民病院,,佐藤 一郎\n";
    let table = import::parse_delimited(text, "二列.csv").expect("parses");
    let app = Application::new(2024);
    let ctx = Context {
        app: &app,
        rules: None,
    };
    let preview: CaseImport = Preview::new(table, &ctx);
    let roles: Vec<&str> = preview
        .rows
        .iter()
        .filter_map(|r| r.value.as_ref().map(|c| c.role.as_str()))
        .collect();
    assert_eq!(
        roles,
        vec!["山田 花子／佐藤 一郎", "山田 花子", "佐藤 一郎"]
    );
    // The export has the form's nine columns only.
    let mut app = Application::new(2024);
    preview
        .apply(&mut app, ImportOptions::default())
        .expect("imports");
    let csv = String::from_utf8(import::cases_csv(&app).expect("csv")).expect("utf-8");
    let header = csv.lines().next().expect("header");
    assert_eq!(header.split(',').count(), 9, "{header}");
}

#[test]
fn cli_names_the_columns_it_looked_for_when_no_header_is_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = temp_app(dir.path(), &Application::new(2024));
    let before = std::fs::read(&file).expect("read");
    let list = dir.path().join("見出しなし.csv");
    std::fs::write(
        &list,
        "2021/8/17,45,女,子宮筋腫,手術,継続,さくら市民病院,担当医\n",
    )
    .expect("write");
    let out = run_import("import-cases", &file, &list, &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // 性別 is not looked for: a list without it reads as 女, said in the summary.
    for column in [
        "「診察日」",
        "「年齢」",
        "「診断名」",
        "「診療施設名」",
        "先頭20行",
    ] {
        assert!(stderr.contains(column), "{column} in {stderr}");
    }
    assert_eq!(std::fs::read(&file).expect("read"), before);
}

#[test]
fn cli_imports_the_free_text_list_prints_the_summary_and_claims_six_units() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = temp_app(dir.path(), &Application::new(2024));
    let out = run_import(
        "import-cases",
        &file,
        &fixture("cases_free_text_sjis.csv"),
        &[],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("60件の症例"), "{stdout}");
    assert!(
        stdout.contains("  転帰: 継続 ×10（うち 継続中 ×5）"),
        "{stdout}"
    );
    assert!(stdout.contains("  担当医/指導医: "), "{stdout}");
    let check = binary()
        .args(["check", "--json"])
        .arg(&file)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    assert_eq!(json["categories"][0]["code"], "i");
    assert_eq!(json["categories"][0]["claimed"], 6);
}

#[test]
fn cli_two_bad_rows_exit_1_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = temp_app(dir.path(), &Application::new(2024));
    let before = std::fs::read(&file).expect("read");
    let out = run_import("import-cases", &file, &fixture("cases_two_bad.csv"), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("4行目: 年齢「四十代」"), "{stderr}");
    assert!(
        stderr.contains("8行目: 診察日「2021年2月30日(火)」"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);
}

/// The exported case list's cells, header first.
fn csv_cells(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).expect("csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn import_save_load_export_gives_the_same_cells() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = temp_app(dir.path(), &Application::new(2024));
    let out = run_import(
        "import-cases",
        &file,
        &fixture("cases_free_text_sjis.csv"),
        &[],
    );
    assert!(out.status.success());
    let loaded = store::load(&file).expect("load");
    assert_eq!(loaded.cases.len(), 60);
    let exported = dir.path().join("症例.csv");
    let out = binary()
        .arg("export-cases")
        .arg(&file)
        .arg(&exported)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let cells = csv_cells(&exported);
    assert_eq!(cells[0][6], "転帰");
    assert_eq!(cells[0][8], "担当医/指導医");
    let source = fixture_lines("cases_free_text_sjis.csv");
    assert_eq!(cells.len(), 1 + source.len());
    // The export lists the cases as 様式3 prints them (grouped by facility), with its No.
    let printed = loaded.case_order().printed().to_vec();
    assert_eq!(printed.len(), source.len());
    for (n, (back, &i)) in cells[1..].iter().zip(&printed).enumerate() {
        assert_eq!(back[0], (n + 1).to_string(), "the paper's No.");
        // 診断名 … 担当医/指導医 are text: exactly the source's cells.
        assert_eq!(back[4..], source[i][4..9], "case {}", i + 1);
        assert_eq!(
            back[1],
            jsog_renewal::dates::format_slash(free_date(d(2019, 5, 7), 26, i))
        );
    }
    // And the export reads back to the same cases, in the paper's order.
    let mut again = Application::new(2024);
    import::preview_cases(&exported, None, &again, Some(&rules()))
        .expect("reads")
        .apply(&mut again, ImportOptions::default())
        .expect("imports");
    let as_printed: Vec<_> = printed.iter().map(|&i| loaded.cases[i].clone()).collect();
    assert_eq!(again.cases, as_printed);
    assert_eq!(again.case_order().printed(), (0..60).collect::<Vec<_>>());
}

/// A workbook as kept by hand: a title and a blank row above the header, Excel date cells and
/// dates typed as text (with weekdays, 和暦, 元年), ages as numbers and as `45歳`, free text in
/// 転帰 and 担当医/指導医, `No.` with a gap, a formatted but empty column and rows at the end.
fn write_messy_xlsx(path: &Path) -> Vec<(NaiveDate, u8, &'static str, &'static str)> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"(aaa)");
    let border = Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    sheet
        .write_string(0, 0, "症例一覧表（様式3 下書き）")
        .expect("write");
    let header = [
        "No.",
        "診察日\n（年/月/日）",
        "年齢",
        "性別",
        "診断名",
        "検査・処置・投薬等",
        "転　帰",
        "診療施設名",
        "担当医／指導医",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).expect("write");
    }
    let cases: Vec<(NaiveDate, u8, &str, &str)> = vec![
        (d(2021, 8, 17), 45, "継続", "山田 花子／佐藤 一郎"),
        (d(2019, 5, 1), 33, "異常なし", "担当医"),
        (d(2020, 1, 9), 61, "経過観察中", "指導"),
        (d(2022, 12, 5), 28, "", "高橋 美咲"),
        (d(2023, 3, 31), 52, "軽快", ""),
    ];
    let texts = ["", "令和元年5月1日", "2020/ 1/ 9", "R4.12.5（月）", ""];
    for (i, (day, age, outcome, role)) in cases.iter().enumerate() {
        let r = (i + 3) as u32;
        // No. with a gap: 1, 2, 4, 5, 6.
        let no = if i < 2 { i + 1 } else { i + 2 };
        sheet.write_number(r, 0, no as f64).expect("write");
        match i {
            0 => {
                let dt = ExcelDateTime::parse_from_str(&day.format("%Y-%m-%d").to_string())
                    .expect("date");
                sheet
                    .write_datetime_with_format(r, 1, &dt, &date_format)
                    .expect("write");
            }
            4 => {
                let serial = (*day - d(1899, 12, 30)).num_days() as f64;
                sheet.write_number(r, 1, serial).expect("write");
            }
            _ => {
                sheet.write_string(r, 1, texts[i]).expect("write");
            }
        }
        if i % 2 == 0 {
            sheet.write_number(r, 2, f64::from(*age)).expect("write");
        } else {
            sheet.write_string(r, 2, format!("{age}歳")).expect("write");
        }
        sheet.write_string(r, 3, "女").expect("write");
        sheet.write_string(r, 4, "子宮筋腫").expect("write");
        sheet.write_string(r, 5, "経過観察").expect("write");
        if !outcome.is_empty() {
            sheet.write_string(r, 6, *outcome).expect("write");
        }
        sheet.write_string(r, 7, "さくら市民病院").expect("write");
        if !role.is_empty() {
            sheet.write_string(r, 8, *role).expect("write");
        }
    }
    // Formatted but empty cells to the right and below: the sheet's extent grows, no data.
    for r in 3..12 {
        sheet.write_blank(r, 11, &border).expect("write");
    }
    book.save(path).expect("save xlsx");
    cases
}

#[test]
fn a_messy_workbook_imports_every_case_as_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("症例一覧.xlsx");
    let cases = write_messy_xlsx(&path);
    let mut app = Application::new(2024);
    let preview = import::preview_cases(&path, None, &app, Some(&rules())).expect("reads");
    assert_eq!(preview.header_index, Some(2));
    assert_eq!(preview.rows.len(), cases.len());
    assert_eq!(
        preview.bad_rows().count(),
        0,
        "{:?}",
        preview.bad_rows().next()
    );
    preview
        .apply(&mut app, ImportOptions::default())
        .expect("imports");
    for (case, (day, age, outcome, role)) in app.cases.iter().zip(&cases) {
        assert_eq!(case.date, Some(*day));
        assert_eq!(case.age, Some(*age));
        assert_eq!(case.outcome, *outcome);
        assert_eq!(case.role, *role);
    }
    let summary: Vec<String> = preview_cases_of(&path)
        .reading_summary()
        .iter()
        .map(ToString::to_string)
        .collect();
    let date = summary
        .iter()
        .find(|s| s.starts_with("診察日"))
        .expect("date");
    for form in [
        "Excelの日付 ×1",
        "日付の数値（シリアル値） ×1",
        "和暦 ×2",
        "西暦 ×1",
    ] {
        assert!(date.contains(form), "{form} in {date}");
    }
}

fn preview_cases_of(path: &Path) -> CaseImport {
    import::preview_cases(path, None, &Application::new(2024), Some(&rules())).expect("reads")
}

#[test]
fn application_files_of_format_2_and_1_load_with_their_words() {
    let v2 = store::load(&fixture("application_v2.ron")).expect("format 2 loads");
    let words: Vec<(&str, &str)> = v2
        .cases
        .iter()
        .map(|c| (c.outcome.as_str(), c.role.as_str()))
        .collect();
    assert_eq!(
        words,
        vec![
            ("治癒", "担当医"),
            ("経過観察", "指導医"),
            ("", ""),
            ("分娩", "担当医"),
            ("転医", "")
        ]
    );
    let v1 = store::load(&fixture("application_v1.ron")).expect("format 1 loads");
    assert_eq!(v1.fiscal_year, 2024);
    assert_eq!(v1.cases[0].outcome, "軽快");
    assert_eq!(v1.cases[0].role, "指導医");
    // Saved again, the file is format 3 with the words, and loads to the same application.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("migrated.ron");
    store::save(&v2, &path).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("format_version: 4"), "{text}");
    assert!(text.contains("outcome: \"治癒\""), "{text}");
    assert!(!text.contains("Cured"), "{text}");
    assert_eq!(store::load(&path).expect("load"), v2);
}

mod window {
    //! The import window driven through its labels.

    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use jsog_renewal::import::ImportOptions;
    use jsog_renewal::model::Application;
    use jsog_renewal::ui::import_ui::{ImportDialog, ImportKind};

    use super::fixture;
    use crate::common::window::window;

    struct State {
        dialog: ImportDialog,
        app: Application,
        changed: bool,
    }

    fn harness(file: &str) -> Harness<'static, State> {
        let app = Application::new(2024);
        let mut dialog = ImportDialog::default();
        dialog.open(ImportKind::Cases);
        dialog.load_file(&fixture(file), None, &app);
        window(1000.0, 800.0).without_accessibility_check().build(
            State {
                dialog,
                app,
                changed: false,
            },
            |ui, s: &mut State| {
                s.changed |= s.dialog.show_ui(ui.ctx(), &mut s.app);
            },
        )
    }

    #[test]
    fn import_is_disabled_while_a_bad_row_exists_until_good_rows_only_is_chosen() {
        let mut h = harness("cases_one_bad.csv");
        h.run();
        h.get_by_label_contains("5行目: 年齢「不明」");
        assert!(h.state().dialog.ready(&h.state().app).is_none());
        h.get_by_label("取り込む").click();
        h.run();
        assert!(
            h.state().app.cases.is_empty(),
            "disabled button imports nothing"
        );

        h.get_by_label("正しい行だけ取り込む").click();
        h.run();
        h.get_by_label("取り込む").click();
        h.run();
        assert!(h.state().changed);
        assert_eq!(h.state().app.cases.len(), 7);
        assert!(!h.state().dialog.is_open());
        assert_eq!(
            h.state().dialog.message.as_deref(),
            Some("7件の症例を取り込みました")
        );
    }

    fn app_harness() -> Harness<'static, jsog_renewal::ui::App> {
        use jsog_renewal::ui::{App, AppOptions};
        window(1400.0, 900.0)
            .without_accessibility_check()
            .app(App::new(AppOptions::default()))
    }

    #[test]
    fn the_file_menu_opens_the_import_window() {
        let mut h = app_harness();
        h.run();
        h.get_by_label("ファイル").click();
        h.run();
        h.get_by_label("症例を表から取り込む…").click();
        h.run();
        h.get_by_label("ファイルを選ぶ…");
    }

    #[test]
    fn the_file_menu_opens_the_office_window() {
        let mut h = app_harness();
        h.run();
        h.get_by_label("ファイル").click();
        h.run();
        h.get_by_label("事務用：一括出力…").click();
        h.run();
        h.get_by_label("フォルダを開く…");
    }

    #[test]
    fn a_clean_file_imports_at_once() {
        let mut h = harness("cases_sjis_60.csv");
        h.run();
        h.get_by_label_contains("60行（正しい行 60");
        h.get_by_label("3行目: 2019/06/03  22歳  女  子宮筋腫  腹腔鏡下子宮筋腫核出術  治癒  さくら市民病院  指導医");
        h.get_by_label("取り込む").click();
        h.run();
        assert_eq!(h.state().app.cases.len(), 60);
    }

    #[test]
    fn the_preview_shows_how_each_column_was_read_and_imports_free_text() {
        let mut h = harness("cases_free_text_sjis.csv");
        h.run();
        h.get_by_label("読み取り結果（列ごと）");
        h.get_by_label_contains("継続 ×10（うち 継続中 ×5）");
        h.get_by_label_contains("氏名など（記載のまま） ×40");
        h.get_by_label("取り込む").click();
        h.run();
        assert_eq!(h.state().app.cases.len(), 60);
        assert_eq!(h.state().app.cases[0].role, "山田 花子／佐藤 一郎");
    }

    /// The import window over `app`, with `file` read for cases.
    fn harness_over(app: Application, file: &str) -> Harness<'static, State> {
        let mut dialog = ImportDialog::default();
        dialog.open(ImportKind::Cases);
        dialog.load_file(&fixture(file), None, &app);
        window(1000.0, 800.0).without_accessibility_check().build(
            State {
                dialog,
                app,
                changed: false,
            },
            |ui, s: &mut State| {
                s.changed |= s.dialog.show_ui(ui.ctx(), &mut s.app);
            },
        )
    }

    /// A typed case of the fixture's first facility, dated after all the fixture's cases.
    fn typed_late_case() -> Application {
        let mut app = Application::new(2024);
        app.cases.push(jsog_renewal::model::Case {
            date: chrono::NaiveDate::from_ymd_opt(2024, 4, 1),
            facility: "さくら市民病院".into(),
            diagnosis: "入力した症例".into(),
            ..crate::common::case_on(crate::common::date(2024, 4, 1))
        });
        app
    }

    #[test]
    fn imported_cases_are_sorted_by_date_within_their_facility_unless_unticked() {
        // Ticked by default: the typed case, the latest, moves to the end of its facility.
        let mut h = harness_over(typed_late_case(), "cases_sjis_60.csv");
        h.run();
        h.get_by_label_contains("施設ごとに診察日の順に並べ替える");
        h.get_by_label("取り込む").click();
        h.run();
        let app = &h.state().app;
        assert_eq!(app.cases.len(), 61);
        assert!(app.cases_in_date_order());
        let order = app.case_order();
        let typed = app
            .cases
            .iter()
            .position(|c| c.diagnosis == "入力した症例")
            .expect("kept");
        let group = &order.groups()[0];
        assert_eq!(group.facility, "さくら市民病院");
        assert_eq!(order.number(typed), group.last(), "last of its facility");

        // Unticked: appended as read, the typed case stays No. 1.
        let mut h = harness_over(typed_late_case(), "cases_sjis_60.csv");
        h.run();
        h.get_by_label_contains("施設ごとに診察日の順に並べ替える")
            .click();
        h.run();
        h.get_by_label("取り込む").click();
        h.run();
        let app = &h.state().app;
        assert_eq!(app.cases.len(), 61);
        assert_eq!(app.cases[0].diagnosis, "入力した症例");
        assert_eq!(app.case_order().number(0), 1);
        assert!(!app.cases_in_date_order());
    }

    #[test]
    fn portal_text_pasted_into_the_box_imports_the_totals() {
        let mut dialog = ImportDialog::default();
        dialog.open(ImportKind::Portal);
        let app = Application::new(2024);
        assert!(dialog.ready(&app).is_none());
        let text = std::fs::read_to_string(fixture("portal_totals.txt")).expect("fixture");
        dialog.set_portal_text(&text);
        dialog.set_options(ImportOptions::default());
        let pending = dialog.ready(&app).expect("parsed");
        let mut app = app;
        pending.apply(&mut app).expect("applies");
        assert_eq!(app.credits.len(), 9);
    }
}

mod arbitrary_input {
    //! Whatever a hand-made list holds, reading and previewing gives every row its verdict.

    use jsog_renewal::import::{self, CaseImport, Context, CreditImport, Preview};
    use jsog_renewal::model::Application;
    use proptest::prelude::*;

    /// One cell of a hand-made case list: readable values, misspelt ones, and text that needs
    /// quoting (all of it in Shift_JIS's repertoire).
    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("2023/4/1".to_string()),
            Just("R5.4.1".to_string()),
            Just("令和5年4月1日(土)".to_string()),
            Just("2023-02-30".to_string()),
            Just("34".to_string()),
            Just("３４".to_string()),
            Just("三十四".to_string()),
            Just("女".to_string()),
            Just("男性".to_string()),
            Just("子宮筋腫, 多発".to_string()),
            Just("\"引用\"付き".to_string()),
            Just("二行の\n記載".to_string()),
            "[a-z0-9あ-ん子宮筋腫卵巣 ]{0,10}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Case lists as people write them — the 様式3 headers, then rows of dates in any of the
        /// accepted spellings or impossible ones, ages that are or are not numbers, text with
        /// commas, quotes and line breaks — in UTF-8, UTF-8 with BOM or Shift_JIS, comma or tab
        /// separated: the bytes decode to the text written, every record is a row on its own
        /// line, and every non-blank data row is previewed as good or bad with the line it
        /// starts on.
        #[test]
        fn any_case_list_in_any_encoding_is_read_row_by_row(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 8), 0..40),
            encoding in 0u8..3,
            tab in any::<bool>(),
        ) {
            let header = ["診察日", "年齢", "性別", "診断名", "検査・処置・投薬等", "転帰", "診療施設名", "担当医/指導医"];
            let mut writer = csv::WriterBuilder::new()
                .delimiter(if tab { b'\t' } else { b',' })
                .from_writer(Vec::new());
            writer.write_record(header).expect("header");
            for row in &rows {
                writer.write_record(row).expect("row");
            }
            let text = String::from_utf8(writer.into_inner().expect("flushed")).expect("utf-8");
            let bytes = match encoding {
                0 => text.clone().into_bytes(),
                1 => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
                _ => encoding_rs::SHIFT_JIS.encode(&text).0.into_owned(),
            };
            let (decoded, _) = import::decode_text(&bytes).expect("decodes");
            prop_assert_eq!(&decoded, &text);
            let table = import::parse_delimited(&decoded, "x.csv").expect("parses");
            prop_assert_eq!(table.rows.len(), rows.len() + 1, "one row per record");
            // Each record starts on the line after the previous record's last line.
            let mut line = 2;
            let mut starts = Vec::new();
            for row in &rows {
                starts.push(line);
                line += 1 + row.iter().map(|c| c.matches('\n').count()).sum::<usize>();
            }
            let app = Application::new(2024);
            let ctx = Context { app: &app, rules: None };
            let cases: CaseImport = Preview::new(table.clone(), &ctx);
            prop_assert_eq!(cases.header_index, Some(0));
            let data: Vec<usize> = rows
                .iter()
                .zip(&starts)
                .filter(|(r, _)| r.iter().any(|c| !c.trim().is_empty()))
                .map(|(_, &l)| l)
                .collect();
            let lines: Vec<usize> = cases.rows.iter().map(|r| r.line).collect();
            prop_assert_eq!(lines, data);
            for row in &cases.rows {
                prop_assert_eq!(row.value.is_none(), !row.problems.is_empty());
            }
            // The same sheet read as credits has no credit header: nothing is taken as data
            // beyond the rows there are.
            let credits: CreditImport = Preview::new(table, &ctx);
            prop_assert!(credits.rows.len() <= rows.len() + 1);
        }

        #[test]
        fn any_text_in_a_case_list_is_a_good_or_a_bad_row(
            cells in proptest::collection::vec("[^\r\n\"]{0,12}", 8)
        ) {
            let text = format!(
                "診察日,年齢,性別,診断名,検査・処置・投薬等,転帰,診療施設名,担当医/指導医\n{}\n",
                cells.join(",")
            );
            let table = import::parse_delimited(&text, "x.csv").expect("parses");
            let app = Application::new(2024);
            let preview: CaseImport = Preview::new(table, &Context { app: &app, rules: None });
            for row in &preview.rows {
                prop_assert_eq!(row.value.is_none(), !row.problems.is_empty());
            }
        }
    }
}

#[test]
fn cli_reads_the_right_sheet_of_a_workbook_and_refuses_a_list_without_dates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = temp_app(dir.path(), &Application::new(2024));
    let xlsx = dir.path().join("症例.xlsx");
    write_xlsx(&xlsx);
    let out = run_import("import-cases", &file, &xlsx, &["--skip-bad"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("[症例]"));
    assert_eq!(store::load(&file).expect("load").cases.len(), 4);

    let csv = dir.path().join("no-dates.csv");
    std::fs::write(
        &csv,
        "年齢,性別,診断名,診療施設名\n30,女,子宮筋腫,さくら市民病院\n",
    )
    .expect("write");
    let before = std::fs::read(&file).expect("read");
    let out = run_import("import-cases", &file, &csv, &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("見出し（1行目）に必要な列が見つかりません: 「診察日」（または 診療日"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);
}
