//! The lists people really keep: credit lists in their own words (category and topic in one
//! cell, the portal's and the certificates' words, their own headers) and electronic-chart
//! exports with identifying columns, no 性別 and a birth date in place of the age; and the
//! import reference in docs/import.md, which must list what the code accepts.

use std::path::Path;

use jsog_renewal::import::{self, Context, CreditChoices, CreditImport, Preview};
use jsog_renewal::model::{
    ActivityItem as I, Application, CommonTopic as T, CreditKind, CreditKind as K, Mode, Sex,
};
use jsog_renewal::rules::RuleSet;

fn credit_preview(csv: &str, app: &Application) -> CreditImport {
    let table = import::parse_delimited(csv, "単位.csv").expect("parses");
    let rules = RuleSet::for_year(app.fiscal_year).ok();
    Preview::new(
        table,
        &Context {
            app,
            rules: rules.as_ref(),
        },
    )
}

/// The list of the report: Excel headers 「受講日, 講習会名, 種別, 単位数, 主催」, category and
/// topic in one cell as the society's pages and certificates write them.
const PEOPLES_LIST: &str = "受講日,講習会名,種別,単位数,主催\n\
2021/6/12,医療安全講習会,共通講習（医療安全）,1単位,学会\n\
2021/7/3,倫理講習,共通講習(医療倫理),1,学会\n\
2021/9/18,制度の講習,共通講習 医療制度と法律,1,地方学会\n\
2022/1/22,地域医療講習,共通講習・地域医療,1,地方学会\n\
2022/4/22,第74回学術講演会,学術集会参加,2,学会\n\
2022/5/14,周産期セミナー,産婦人科領域講習,1,地方学会\n\
2022/6/11,感染対策 e-learning,専門医共通講習【感染対策】,1単位,機構\n\
2022/8/20,両立支援講習,必修講習B 両立支援,1,地方学会\n\
2022/10/1,座長,学術業績（座長）,1,地方学会\n\
2023/2/4,査読,査読,1,日産婦誌\n";

#[test]
fn a_credit_list_in_people_s_words_imports_every_row_with_its_category_and_topic() {
    let app = Application::new(2024);
    let preview = credit_preview(PEOPLES_LIST, &app);
    let bad: Vec<String> = preview.bad_rows().map(|r| r.problem_text()).collect();
    assert!(bad.is_empty(), "{bad:?}");
    let kinds: Vec<CreditKind> = preview.good_rows().map(|(_, c)| c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            K::Common(T::Safety),
            K::Common(T::Ethics),
            K::Common(T::LawAndSystem),
            K::Common(T::CommunityMedicine),
            K::Activity(I::MeetingAttendance),
            K::Domain,
            K::Common(T::InfectionControl),
            K::Common(T::WorkLifeSupport),
            K::Activity(I::Chair),
            K::Activity(I::PeerReview),
        ]
    );
    let credits: Vec<_> = preview.good_rows().map(|(_, c)| c.clone()).collect();
    // 「1単位」 is one unit; 学術集会参加's two units are kept as written.
    assert_eq!(credits.first().map(|c| c.units), Some(1));
    assert_eq!(credits.get(4).map(|c| c.units), Some(2));
    // The title says e-learning, and no 形態 column says otherwise; the summary says where from.
    assert_eq!(credits.get(6).map(|c| c.mode), Some(Mode::ELearning));
    assert_eq!(credits.get(5).map(|c| c.mode), Some(Mode::Attended));
    let summary: Vec<String> = preview
        .reading_summary()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        summary
            .iter()
            .any(|l| l.contains("e-learning（講習名から） ×1")),
        "{summary:?}"
    );
}

#[test]
fn every_spelling_of_a_topic_reads_as_that_topic() {
    let cases: &[(&str, &str, CreditKind)] = &[
        ("共通講習（医療安全）", "", K::Common(T::Safety)),
        ("共通講習(医療倫理)", "", K::Common(T::Ethics)),
        ("共通講習 医療制度と法律", "", K::Common(T::LawAndSystem)),
        ("共通講習・地域医療", "", K::Common(T::CommunityMedicine)),
        (
            "共通講習（必修B）医療福祉制度",
            "",
            K::Common(T::WelfareSystem),
        ),
        ("ii", "医療経済", K::Common(T::Economics)),
        ("共通講習", "任意", K::Common(T::Optional)),
        ("共通講習(任意C)", "", K::Common(T::Optional)),
        ("学術集会参加", "", K::Activity(I::MeetingAttendance)),
        ("学術業績", "(3) 論文発表", K::Activity(I::Paper)),
        ("iv", "2", K::Activity(I::Presentation)),
        ("学術業績", "座長", K::Activity(I::Chair)),
        ("", "論文", K::Activity(I::Paper)),
        ("校医", "", K::Activity(I::SchoolPhysician)),
        ("領域講習", "周産期", K::Domain),
        ("iii", "", K::Domain),
        ("C.自己学習", "", K::SelfStudy),
    ];
    let mut csv = String::from("区分,項目,日付,名称\n");
    for (category, item, _) in cases {
        csv.push_str(&format!("\"{category}\",\"{item}\",2022/6/1,講習\n"));
    }
    let app = Application::new(2026);
    let preview = credit_preview(&csv, &app);
    let bad: Vec<String> = preview.bad_rows().map(|r| r.problem_text()).collect();
    assert!(bad.is_empty(), "{bad:?}");
    let read: Vec<CreditKind> = preview.good_rows().map(|(_, c)| c.kind).collect();
    let want: Vec<CreditKind> = cases.iter().map(|c| c.2).collect();
    assert_eq!(read, want);
}

#[test]
fn an_open_word_is_an_error_naming_the_cell_and_the_choices_until_the_user_chooses() {
    let csv =
        "受講日,講習会名,種別\n2022/8/20,必修講習,必修講習A\n2022/8/21,何かの会,共通講習 XYZ\n";
    let app = Application::new(2024);
    let mut preview = credit_preview(csv, &app);
    let bad: Vec<String> = preview.bad_rows().map(|r| r.problem_text()).collect();
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(
        bad.first().is_some_and(|b| b.starts_with(
            "2行目: 区分（C列）「必修講習A」だけでは決められません: 医療安全・医療倫理・感染対策のどれかです"
        )),
        "{bad:?}"
    );
    assert!(
        bad.get(1).is_some_and(
            |b| b.contains("区分（C列）「共通講習 XYZ」の「xyz」を読めません（使える言葉: ")
        ),
        "{bad:?}"
    );
    // Chosen in the preview, the row imports as chosen; nothing was guessed before.
    let mut choices = CreditChoices::default();
    choices.kinds.insert(2, K::Common(T::Ethics));
    let rules = RuleSet::for_year(2024).ok();
    preview.choose(
        choices,
        &Context {
            app: &app,
            rules: rules.as_ref(),
        },
    );
    let good: Vec<CreditKind> = preview.good_rows().map(|(_, c)| c.kind).collect();
    assert_eq!(good, vec![K::Common(T::Ethics)]);
    // A choice the cell does not leave open is not taken.
    let mut wrong = CreditChoices::default();
    wrong.kinds.insert(2, K::Domain);
    preview.choose(
        wrong,
        &Context {
            app: &app,
            rules: rules.as_ref(),
        },
    );
    assert_eq!(preview.good_count(), 0);
}

/// An electronic chart's export (made-up values): identifying columns, no 性別, no 年齢, one row
/// with a birth date that cannot be read and one whose visit date cannot.
const CHART: &str = "患者ID,患者氏名,生年月日,受診日,病名,処置内容,転帰,医療機関名,担当医\n\
QX-7781,架空 一子,1990/06/15,2023/06/14,子宮筋腫,経過観察,継続,試験病院,担当医\n\
QX-7782,架空 二子,1990/06/15,2023/06/15,卵巣嚢腫,腹腔鏡手術,治癒,試験病院,担当医\n\
QX-7783,架空 三子,2000/02/29,2023/02/28,切迫早産,入院管理,軽快,試験病院,指導医\n\
QX-7784,架空 四子,2000/02/29,2023/03/01,妊娠悪阻,補液,軽快,試験病院,担当医\n\
QX-7785,架空 五子,ＸＸ不明９９,2023/04/01,子宮頸管炎,投薬,治癒,試験病院,担当医\n\
QX-7786,架空 六子,1985/01/02,そのうち,月経困難症,投薬,軽快,試験病院,担当医\n";

/// What identifies the patients above: none of it may appear anywhere.
const IDENTIFYING: &[&str] = &[
    "QX-778",
    "架空",
    "1990/06/15",
    "2000/02/29",
    "ＸＸ不明",
    "1985/01/02",
    "1990",
    "1985",
];

fn grep_none(what: &str, text: &str) {
    for value in IDENTIFYING {
        assert!(!text.contains(value), "「{value}」 reached {what}:\n{text}");
    }
}

fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (packaging/deps.sh test installs it)");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_chart_export_imports_without_its_identifying_columns_and_none_of_their_values_goes_anywhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("申請.ron");
    let chart = dir.path().join("カルテ.csv");
    std::fs::write(&chart, CHART).expect("write");
    let new = crate::common::bin()
        .args(["new", "--year", "2024"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(new.status.success(), "{new:?}");

    let out = crate::common::bin()
        .arg("import-cases")
        .arg(&file)
        .arg(&chart)
        .arg("--skip-bad")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stdout}{stderr}");
    for line in [
        "患者を特定できる列（患者ID・患者氏名・生年月日）は取り込みませんでした",
        "年齢は生年月日と診察日から計算しました",
        "性別の列がないため、すべての行を「女」として取り込みます",
        "6行目: 生年月日を日付として読めないため年齢を計算できません（値は表示しません）",
        "7行目: 診察日「そのうち」を日付として読めません",
        "4件の症例",
    ] {
        assert!(
            stdout.contains(line) || stderr.contains(line),
            "「{line}」 in:\n{stdout}{stderr}"
        );
    }
    grep_none("the output", &stdout);
    grep_none("the messages", &stderr);

    let app = jsog_renewal::store::load(&file).expect("loads");
    // Ages at the visit: the day before the birthday, the birthday, and 29 February's.
    let ages: Vec<Option<u8>> = app.cases.iter().map(|c| c.age).collect();
    assert_eq!(ages, vec![Some(32), Some(33), Some(22), Some(23)]);
    assert!(app.cases.iter().all(|c| c.sex == Some(Sex::Female)));
    let saved = std::fs::read_to_string(&file).expect("read");
    grep_none("the application file", &saved);

    let data = dir.path().join("data");
    let recovery = jsog_renewal::ui::persist::Recovery::new(data.clone());
    recovery.write(&app, Some(&file)).expect("recovery copy");
    for entry in std::fs::read_dir(&data).expect("data folder") {
        let path = entry.expect("entry").path();
        grep_none(
            "the recovery copy",
            &std::fs::read_to_string(&path).unwrap_or_default(),
        );
    }

    let bundle = dir.path().join("書類");
    let export = crate::common::bin()
        .arg("export")
        .arg(&file)
        .arg("--out")
        .arg(&bundle)
        .output()
        .expect("runs");
    grep_none(
        "the export's output",
        &String::from_utf8_lossy(&export.stdout),
    );
    grep_none(
        "the export's messages",
        &String::from_utf8_lossy(&export.stderr),
    );
    let mut pdfs = 0;
    for entry in std::fs::read_dir(&bundle).expect("bundle folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "pdf") {
            pdfs += 1;
            let text = pdf_text(&path);
            assert!(
                text.contains("子宮筋腫") || !text.contains("様式3"),
                "{}",
                path.display()
            );
            grep_none("a PDF", &text);
        }
    }
    assert!(pdfs > 0, "the bundle was written: {export:?}");
}

#[test]
fn docs_import_md_lists_every_header_and_word_the_code_accepts() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/import.md");
    let doc = std::fs::read_to_string(&path).expect("docs/import.md");
    let made = import::reference::with_accepted_words(&doc)
        .expect("docs/import.md has the generated part's markers");
    if std::env::var("UPDATE_DOCS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &made).expect("write docs/import.md");
        return;
    }
    assert!(
        doc == made,
        "docs/import.md differs from the importer's tables: run UPDATE_DOCS=1 cargo test docs_import"
    );
    // The generated part is made from the tables: a word of each shows there.
    for word in [
        "学術集会参加",
        "必修講習A",
        "講習会名",
        "種別",
        "受講形態",
        "患者ID",
        "オンデマンド",
    ] {
        assert!(doc.contains(&format!("`{word}`")), "{word}");
    }
}

#[test]
fn a_paste_beyond_the_file_limits_is_refused_as_a_file_would_be_and_nothing_is_read() {
    let app = Application::new(2024);
    let ctx = Context {
        app: &app,
        rules: None,
    };
    let row = "2023/1/10\t31\t女\t子宮筋腫\t経過観察\t継続\t病院\t担当医\n";
    let rows = row.repeat(import::MAX_ROWS + 1);
    let err = import::preview_paste::<jsog_renewal::model::Case>(&rows, &ctx)
        .expect_err("more rows than a file may hold");
    assert!(
        err.to_string()
            .contains(&format!("上限{}行", import::MAX_ROWS)),
        "{err}"
    );
    let wide = format!("{}\n", vec!["x"; import::MAX_COLUMNS + 1].join("\t"));
    let err = import::preview_paste::<jsog_renewal::model::Case>(&wide, &ctx)
        .expect_err("wider than a file may be");
    assert!(err.to_string().contains("1行目の列が多すぎます"), "{err}");
    let err = import::preview_paste::<jsog_renewal::model::Case>("一行だけの文", &ctx)
        .expect_err("no table");
    assert!(err.to_string().contains("表ではありません"), "{err}");
}
