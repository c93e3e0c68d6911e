//! The paper bundle as the applicant posts it: every entered value on paper, the font embedded
//! as a subset, pages that follow the case count, long text wrapped without loss, values that
//! cannot be printed caught before export, and the same pages in two independent renderers.
//!
//! Uses poppler-utils (`pdftotext`, `pdffonts`, `pdfinfo`, `pdftoppm`), MuPDF (`mutool`) and
//! `qpdf`, as installed by the CI set-up script.

use std::path::{Path, PathBuf};
use std::process::Command;

use jsog_renewal::demo;
use jsog_renewal::model::{ApplicantField, Application, CaseField};
use jsog_renewal::pdf::{self, ExportOptions, Form, Mm, Pt, labels};
use jsog_renewal::rules::{self, FieldPath, RuleSet, Severity};
use jsog_renewal::store;

fn rules() -> RuleSet {
    RuleSet::for_year(2024).expect("the FY2024 rule set loads")
}

/// Runs a tool and returns its standard output; panics with its error output when it fails.
fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not be run: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes the bundle of `app` into a fresh directory; returns the directory and the PDF.
fn export(app: &Application) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let result = pdf::export_bundle(app, &rules(), dir.path(), &ExportOptions::default())
        .expect("export succeeds");
    let path = result.files.first().expect("the combined bundle").clone();
    (dir, path)
}

/// The text of a PDF in content order, with all white space removed (so that values wrapped
/// over several lines of a cell read as one string).
fn text_of(path: &Path) -> String {
    let p = path.to_str().expect("utf-8 path");
    tool("pdftotext", &["-raw", "-enc", "UTF-8", p, "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pages_of(path: &Path) -> usize {
    let info = tool("pdfinfo", &[path.to_str().expect("utf-8 path")]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives a page count")
}

/// The demo application with its cases repeated (or cut) to `n`.
fn with_cases(n: usize) -> Application {
    let mut app = demo::application();
    let cases = app.cases.clone();
    app.cases = cases.iter().cycle().take(n).cloned().collect();
    app
}

fn form_pages(app: &Application, form: Form) -> usize {
    pdf::render_forms(app, &rules())
        .expect("renders")
        .iter()
        .find(|f| f.form == form)
        .map_or(0, |f| f.pages.len())
}

#[test]
fn demo_bundle_holds_every_entered_value() {
    let app = demo::application();
    let (_dir, path) = export(&app);
    let text = text_of(&path);
    let a = &app.applicant;
    for value in [
        &a.name,
        &a.furigana,
        &a.specialist_number,
        &a.member_number,
        &a.medical_registration_number,
        &a.work.facility,
        &a.work.address.address,
        &a.home.address,
        &a.email,
        &a.regional_society,
    ] {
        assert!(
            text.contains(&squeeze(value)),
            "applicant value missing: {value}"
        );
    }
    for w in &app.workplaces {
        assert!(text.contains(&squeeze(&w.facility)), "{}", w.facility);
        assert!(text.contains(&squeeze(&w.location)), "{}", w.location);
    }
    assert_eq!(app.cases.len(), 100);
    for (i, case) in app.cases.iter().enumerate() {
        for value in [&case.diagnosis, &case.treatment, &case.facility] {
            assert!(text.contains(&squeeze(value)), "case {}: {value}", i + 1);
        }
    }
    assert!(!app.credits.is_empty());
    for credit in &app.credits {
        assert!(
            text.contains(&squeeze(&credit.title)),
            "credit: {}",
            credit.title
        );
        assert!(
            text.contains(&squeeze(&credit.organiser)),
            "{}",
            credit.organiser
        );
    }
    for title in [
        labels::FORM1_TITLE,
        labels::FORM2_TITLE,
        labels::FORM3_TITLE,
        labels::FORM4_TITLE,
        labels::CHECKLIST_TITLE,
    ] {
        assert!(text.contains(&squeeze(title)), "form missing: {title}");
    }
}

#[test]
fn font_is_embedded_as_a_subset_and_the_file_is_small() {
    let (_dir, path) = export(&demo::application());
    assert_one_subset_font(&path);
    let bytes = std::fs::metadata(&path).expect("written").len();
    assert!(bytes < 400 * 1024, "the demo bundle is {bytes} bytes");
}

#[test]
fn qpdf_finds_no_structural_error() {
    let (_dir, path) = export(&demo::application());
    let out = tool("qpdf", &["--check", path.to_str().expect("utf-8 path")]);
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

#[test]
fn pages_follow_the_case_count() {
    let ten = with_cases(10);
    let hundred = with_cases(100);
    let thousand = with_cases(1000);
    let p10 = form_pages(&ten, Form::ClinicalRecord);
    let p100 = form_pages(&hundred, Form::ClinicalRecord);
    let p1000 = form_pages(&thousand, Form::ClinicalRecord);
    // Two facilities, each closed by a certification block; about 20 one-line cases a page.
    assert!(p10 <= 2, "10 cases on {p10} pages");
    assert!((5..=7).contains(&p100), "100 cases on {p100} pages");
    assert!((40..=55).contains(&p1000), "1000 cases on {p1000} pages");

    let (_dir, path) = export(&thousand);
    let total: usize = pdf::render_forms(&thousand, &rules())
        .expect("renders")
        .iter()
        .map(|f| f.pages.len())
        .sum();
    assert_eq!(pages_of(&path), total);
    let text = text_of(&path);
    // Numbered across pages: the last case's number and the form's own page count appear.
    assert!(text.contains(&squeeze(&labels::form3_totals(1000, 10))));
    assert!(text.contains(&squeeze(&labels::page_of(p1000, p1000))));
}

#[test]
fn a_400_character_diagnosis_wraps_without_loss() {
    let mut app = with_cases(10);
    let long: String = "子宮頸部上皮内腫瘍（CIN3）に対し、円錐切除術を施行。"
        .chars()
        .cycle()
        .take(400)
        .collect();
    app.cases[3].diagnosis = long.clone();
    assert!(pdf::preflight(&app, &rules()).is_empty());
    let (_dir, path) = export(&app);
    let text = text_of(&path);
    assert!(text.contains(&squeeze(&long)), "the long diagnosis is cut");
    // Still the case after it, numbered on.
    assert!(text.contains(&squeeze(&app.cases[4].diagnosis)));
}

#[test]
fn no_text_leaves_its_page_or_misses_a_glyph() {
    let metrics = pdf::font::Metrics::get().expect("font");
    let mut exempt = demo::application();
    exempt.consecutive_renewals = 3;
    let mut failing = with_cases(12);
    failing.credits.truncate(3);
    for app in [demo::application(), exempt, failing] {
        for form in pdf::render_forms(&app, &rules()).expect("renders") {
            for page in &form.pages {
                for draw in &page.draws {
                    if let pdf::page::Draw::Text { x, y, size, text } = draw {
                        let w = metrics.width_mm(text, *size);
                        assert!(
                            *x >= pdf::MARGIN_LEFT - Mm(0.01)
                                && *x + w <= page.width - pdf::MARGIN_RIGHT + Mm(0.01),
                            "{text} runs out of the page ({x} + {w})"
                        );
                        assert!(*y > Mm(0.0) && *y < page.height, "{text} off the page");
                        for c in text.chars() {
                            assert!(metrics.has_char(c), "{:?}: {c} not in the font", form.form);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn exempt_applicant_gets_no_clinical_record() {
    let mut app = demo::application();
    app.consecutive_renewals = 3;
    assert!(rules::evaluate(&app, &rules()).exempt_from_clinical);
    let forms: Vec<Form> = pdf::render_forms(&app, &rules())
        .expect("renders")
        .iter()
        .map(|f| f.form)
        .collect();
    assert!(!forms.contains(&Form::ClinicalRecord));
    let (_dir, path) = export(&app);
    let text = text_of(&path);
    assert!(!text.contains(labels::CERTIFICATION_TITLE));
}

#[test]
fn a_failing_application_says_so_and_why_on_the_summary() {
    let mut app = with_cases(12);
    app.credits.truncate(3);
    let report = rules::evaluate(&app, &rules());
    assert!(!report.passes);
    let (_dir, path) = export(&app);
    let text = text_of(&path);
    assert!(text.contains(&squeeze(labels::FAILS)));
    for e in report.errors() {
        assert!(
            text.contains(&squeeze(&e.message)),
            "reason missing: {}",
            e.message
        );
    }
    let passing = text_of(&export(&demo::application()).1);
    assert!(passing.contains(&squeeze(labels::PASSES)));
    assert!(!passing.contains(&squeeze(labels::FAILS)));
}

#[test]
fn checklist_takes_fee_and_deadline_from_the_rule_set() {
    let app = demo::application();
    let r = rules();
    let text = text_of(&export(&app).1);
    assert!(text.contains(&labels::yen(r.fees.review)));
    assert!(text.contains(&jsog_renewal::dates::format_kanji(r.application_window.end)));
    for credit in &app.credits {
        if let Some(proof) = rules::proof_to_enclose(credit, &r) {
            assert!(text.contains(&squeeze(proof)), "{proof}");
        }
    }
}

#[test]
fn preflight_flags_an_emoji_and_a_character_missing_from_the_font() {
    let metrics = pdf::font::Metrics::get().expect("font");
    let rare = '𠮷'; // 「つちよし」, found in family names, missing from the font
    assert!(!metrics.has_char(rare) && !metrics.has_char('😀'));
    let mut app = demo::application();
    app.applicant.name = "見本 花子😀".into();
    app.cases[5].diagnosis = format!("子宮筋腫{rare}");
    let findings = pdf::preflight(&app, &rules());
    let at = |path: FieldPath| {
        findings
            .iter()
            .find(|f| f.path == path && f.severity == Severity::Error)
    };
    let name = at(FieldPath::Applicant(ApplicantField::Name)).expect("the emoji is flagged");
    assert!(name.message.contains('😀'), "{}", name.message);
    let case = at(FieldPath::Case(5, CaseField::Diagnosis)).expect("the rare ideograph is flagged");
    assert!(case.message.contains(rare));
    assert_eq!(findings.len(), 2, "{findings:?}");

    // Rare kanji that the font does have are not flagged.
    app.applicant.name = "髙﨑 花子".into();
    app.cases[5].diagnosis = "子宮筋腫".into();
    assert!(pdf::preflight(&app, &rules()).is_empty());
}

#[test]
fn preflight_flags_a_name_too_long_for_its_cell() {
    let mut app = demo::application();
    app.applicant.name = "見本".repeat(60);
    let findings = pdf::preflight(&app, &rules());
    assert!(
        findings
            .iter()
            .any(|f| f.path == FieldPath::Applicant(ApplicantField::Name)
                && f.severity == Severity::Error),
        "{findings:?}"
    );
}

fn cli(args: &[&str]) -> std::process::Output {
    crate::common::bin()
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn cli_exports_the_bundle_and_refuses_when_a_value_would_be_lost() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.ron");
    let out = dir.path().join("out");
    let file_s = file.to_str().expect("utf-8");
    let out_s = out.to_str().expect("utf-8");
    store::save(&demo::application(), &file).expect("saved");
    let ok = cli(&["export", file_s, "--out", out_s, "--per-form"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(out.join(labels::BUNDLE_FILE).is_file());
    for form in Form::ALL {
        assert!(out.join(form.file_name()).is_file(), "{form:?}");
    }

    let mut bad = demo::application();
    bad.applicant.name = "見本 花子😀".into();
    store::save(&bad, &file).expect("saved");
    let refused_dir = dir.path().join("refused");
    let refused = cli(&[
        "export",
        file_s,
        "--out",
        refused_dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("applicant.name"), "{stderr}");
    assert!(!refused_dir.exists(), "nothing is written");

    let forced = cli(&[
        "export",
        file_s,
        "--out",
        refused_dir.to_str().expect("utf-8"),
        "--force",
    ]);
    assert!(forced.status.success());
    assert!(refused_dir.join(labels::BUNDLE_FILE).is_file());
}

/// Reads a binary PGM (P5) as (width, height, pixels).
fn read_pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = std::fs::read(path).expect("pgm written");
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i] == b'#' {
            while bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let w: usize = fields[1].parse().expect("width");
    let h: usize = fields[2].parse().expect("height");
    (w, h, bytes[i + 1..].to_vec())
}

/// Renders the given pages (numbered from 1) with poppler and with MuPDF and asserts that
/// each has ink and that both renderers agree block by block.
fn assert_renderers_agree(path: &Path, pages: &[usize]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = path.to_str().expect("utf-8 path");
    for &n in pages {
        let page = n.to_string();
        let poppler = dir.path().join(format!("poppler-{n}"));
        tool(
            "pdftoppm",
            &[
                "-gray",
                "-r",
                "100",
                "-f",
                &page,
                "-l",
                &page,
                "-singlefile",
                p,
                poppler.to_str().expect("utf-8"),
            ],
        );
        let mupdf = dir.path().join(format!("mupdf-{n}.pgm"));
        tool(
            "mutool",
            &[
                "draw",
                "-q",
                "-r",
                "100",
                "-c",
                "gray",
                "-o",
                mupdf.to_str().expect("utf-8"),
                p,
                &page,
            ],
        );
        let a = read_pgm(&dir.path().join(format!("poppler-{n}.pgm")));
        let b = read_pgm(&mupdf);
        assert_eq!((a.0, a.1), (b.0, b.1), "page {n} size differs");
        for (name, img) in [("poppler", &a.2), ("mupdf", &b.2)] {
            let ink = img.iter().filter(|&&v| v < 128).count();
            assert!(ink > 500, "page {n} is nearly blank in {name}");
        }
        // Anti-aliasing of hairlines differs pixel by pixel; compare blocks of 16×16 pixels
        // (4 mm) instead: text missing or moved in one renderer changes whole blocks.
        const B: usize = 16;
        let (w, h) = (a.0, a.1);
        let block = |img: &[u8], bx: usize, by: usize| -> u32 {
            let mut sum = 0u32;
            for y in by * B..(by + 1) * B {
                for x in bx * B..(bx + 1) * B {
                    sum += u32::from(img[y * w + x]);
                }
            }
            sum / (B * B) as u32
        };
        let (mut blocks, mut differing) = (0, 0);
        for by in 0..h / B {
            for bx in 0..w / B {
                blocks += 1;
                if block(&a.2, bx, by).abs_diff(block(&b.2, bx, by)) > 24 {
                    differing += 1;
                }
            }
        }
        assert!(
            differing * 200 < blocks,
            "page {n}: {differing} of {blocks} blocks differ"
        );
    }
}

#[test]
fn poppler_and_mupdf_render_every_page_alike() {
    let (_dir, path) = export(&demo::application());
    let pages: Vec<usize> = (1..=pages_of(&path)).collect();
    assert_renderers_agree(&path, &pages);
}

/// One embedded subset of BIZ UD明朝 with a Unicode map, and nothing else, as pdffonts sees it.
fn assert_one_subset_font(path: &Path) {
    let fonts = tool("pdffonts", &[path.to_str().expect("utf-8 path")]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "exactly one font: {fonts}");
    let cols: Vec<&str> = rows[0].split_whitespace().collect();
    assert!(cols[0].ends_with("+BIZUDMincho-Regular"), "{fonts}");
    // name, type…, encoding, emb, sub, uni, object, generation
    let n = cols.len();
    assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{fonts}");
}

#[test]
fn ten_thousand_cases_export_whole_in_every_file() {
    let app = with_cases(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let options = ExportOptions {
        per_form_files: true,
        ..ExportOptions::default()
    };
    let result = pdf::export_bundle(&app, &rules(), dir.path(), &options).expect("exports");
    assert_eq!(result.files.len(), 1 + Form::ALL.len());
    for path in &result.files {
        let out = tool("qpdf", &["--check", path.to_str().expect("utf-8")]);
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");
        assert_one_subset_font(path);
    }
    let form3 = dir.path().join(Form::ClinicalRecord.file_name());
    let text = text_of(&form3);
    // The cases repeat the demo's hundred: each value is on paper once per case holding it.
    let mut expected = std::collections::BTreeMap::new();
    for case in &app.cases {
        for value in [&case.diagnosis, &case.treatment, &case.facility] {
            *expected.entry(squeeze(value)).or_insert(0usize) += 1;
        }
    }
    for (value, count) in &expected {
        let found = text.matches(value.as_str()).count();
        assert!(found >= *count, "{value}: {found} of {count}");
    }
    assert!(text.contains(&squeeze(&labels::form3_totals(10_000, 10))));
    // The bundle's first, middle and last pages, drawn alike by both renderers.
    let bundle = dir.path().join(labels::BUNDLE_FILE);
    let pages = pages_of(&bundle);
    assert!(pages > 400, "{pages} pages");
    assert_renderers_agree(&bundle, &[1, pages / 2, pages]);
}

#[test]
fn preflight_flags_a_case_too_long_for_a_page() {
    let mut app = with_cases(10);
    app.cases[2].treatment = "経腟超音波、ホルモン療法。".repeat(300);
    let findings = pdf::preflight(&app, &rules());
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].path, FieldPath::Case(2, CaseField::Treatment));
}

#[test]
fn an_empty_application_still_exports_every_form_with_blanks_to_fill_in() {
    let app = Application::new(2024);
    assert!(pdf::preflight(&app, &rules()).is_empty());
    let forms = pdf::render_forms(&app, &rules()).expect("renders");
    assert_eq!(forms.len(), Form::ALL.len());
    let (_dir, path) = export(&app);
    let text = text_of(&path);
    assert!(text.contains(&squeeze(labels::NO_WORKPLACE)));
    assert!(text.contains(&squeeze(labels::NO_CREDITS)));
    assert!(text.contains(&squeeze(&labels::form3_totals(0, 0))));
}

#[test]
fn checklist_of_a_provisional_year_says_the_criteria_are_provisional() {
    let mut app = demo::application();
    app.fiscal_year = 2027;
    let r = RuleSet::for_year(2027).expect("FY2027 rules");
    let dir = tempfile::tempdir().expect("temp dir");
    let result = pdf::export_bundle(&app, &r, dir.path(), &ExportOptions::default())
        .expect("export succeeds");
    let text = text_of(result.files.first().expect("bundle"));
    let notice = r.provisional_notice().expect("FY2027 is provisional");
    assert!(
        text.contains(&squeeze(&notice)),
        "the checklist names provisional criteria"
    );
    // FY2024 is the society's published overview: no such line.
    assert!(!text_of(&export(&demo::application()).1).contains("暫定基準"));
}

/// The raw text of one PDF, white space kept (so that a cell's own spaces can be checked).
fn raw_text_of(path: &Path) -> String {
    let p = path.to_str().expect("utf-8 path");
    tool("pdftotext", &["-raw", "-enc", "UTF-8", p, "-"])
}

#[test]
fn free_text_outcomes_and_doctors_print_on_form_3_exactly_as_written() {
    let mut app = demo::application();
    app.cases.clear();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases_free_text_sjis.csv");
    jsog_renewal::import::preview_cases(&fixture, None, &app, Some(&rules()))
        .expect("reads")
        .apply(&mut app, jsog_renewal::import::ImportOptions::default())
        .expect("imports");
    assert_eq!(app.cases.len(), 60);
    assert!(pdf::preflight(&app, &rules()).is_empty());
    let dir = tempfile::tempdir().expect("temp dir");
    pdf::export_bundle(
        &app,
        &rules(),
        dir.path(),
        &ExportOptions {
            per_form_files: true,
            ..ExportOptions::default()
        },
    )
    .expect("exports");
    let text = raw_text_of(&dir.path().join(Form::ClinicalRecord.file_name()));
    let lines: Vec<&str> = text.lines().collect();
    for (i, case) in app.cases.iter().enumerate() {
        // Every usual word and two names fit their column: each cell is on one line, as written.
        for cell in [&case.outcome, &case.role] {
            assert!(
                lines.iter().any(|l| l.contains(cell.as_str())),
                "case {}: 「{cell}」 not printed as written",
                i + 1
            );
        }
    }
    assert!(text.contains("山田 花子／佐藤 一郎"));
    assert!(text.contains("異常なし") && text.contains("継続"));
}

#[test]
fn a_long_doctors_cell_wraps_and_one_too_long_for_a_page_is_flagged() {
    let mut app = with_cases(3);
    let names = "山田 花子／佐藤 一郎／鈴木 次郎／高橋 美咲";
    app.cases[1].role = names.into();
    assert!(
        pdf::preflight(&app, &rules()).is_empty(),
        "wrapping is no loss"
    );
    let (_dir, path) = export(&app);
    assert!(
        text_of(&path).contains(&squeeze(names)),
        "every name printed"
    );

    app.cases[1].role = "山田 花子／".repeat(120);
    app.cases[2].outcome = "経過観察𠮷".into();
    let findings = pdf::preflight(&app, &rules());
    assert!(
        findings
            .iter()
            .any(|f| f.path == FieldPath::Case(1, CaseField::Role)
                && f.message.contains("担当医/指導医")),
        "{findings:?}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f.path == FieldPath::Case(2, CaseField::Outcome) && f.message.contains('𠮷')),
        "{findings:?}"
    );
}

/// Page count of each form in the bundle of `app`, in posting order.
fn form_page_counts(app: &Application) -> Vec<(Form, usize)> {
    pdf::render_forms(app, &rules())
        .expect("renders")
        .iter()
        .map(|f| (f.form, f.pages.len()))
        .collect()
}

#[test]
fn form3_prints_every_text_at_9pt_or_more_and_fits_landscape() {
    let mut app = with_cases(30);
    app.cases[2].diagnosis = "子宮頸部上皮内腫瘍（CIN3）に対し円錐切除術を施行。".repeat(4);
    let forms = pdf::render_selected(&app, &rules(), &[Form::ClinicalRecord]).expect("renders");
    assert_eq!(forms.len(), 1);
    let m = pdf::font::Metrics::get().expect("font");
    for page in &forms[0].pages {
        assert!(page.width > page.height, "様式3 is landscape");
        for draw in &page.draws {
            if let pdf::page::Draw::Text { x, size, text, .. } = draw {
                assert!(*size >= Pt(9.0), "{text} at {size}");
                assert!(*x + m.width_mm(text, *size) <= page.width - pdf::MARGIN_RIGHT + Mm(0.01));
            }
        }
    }
    // The long diagnosis wraps over several lines of its cell, nothing lost.
    let lines: Vec<&str> = forms[0].pages.iter().flat_map(|p| p.texts()).collect();
    let joined: String = lines.concat();
    assert!(joined.contains(&app.cases[2].diagnosis));
    assert!(!lines.iter().any(|l| *l == app.cases[2].diagnosis));
}

#[test]
fn form3_of_100_cases_is_no_larger_than_the_office_path() {
    let files =
        pdf::forms_pdf(&demo::application(), &rules(), &[Form::ClinicalRecord]).expect("exports");
    assert_eq!(files.len(), 1);
    let bytes = files[0].bytes.len();
    // LibreOffice prints the same 100 cases into 116 KiB (at 5.3 pt).
    assert!(bytes <= 117 * 1024, "様式3 is {bytes} bytes");
}

/// Every object of a PDF as qpdf reads it (its JSON, version 2), by object: `{"value": …}`,
/// or `{"stream": {"dict": …}}` for a stream; names are written `/Name`.
fn qpdf_objects(path: &Path) -> serde_json::Map<String, serde_json::Value> {
    let p = path.to_str().expect("utf-8 path");
    let json = tool(
        "qpdf",
        &["--json=2", "--json-key=qpdf", "--json-stream-data=none", p],
    );
    let mut v: serde_json::Value = serde_json::from_str(&json).expect("qpdf writes JSON");
    match v["qpdf"][1].take() {
        serde_json::Value::Object(objects) => objects,
        other => panic!("no objects in qpdf's JSON: {other}"),
    }
}

#[test]
fn every_stream_is_compressed_and_the_bundle_has_one_font() {
    let (bytes, _) = pdf::bundle_pdf(&demo::application(), &rules()).expect("exports");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bundle.pdf");
    std::fs::write(&path, &bytes).expect("written");
    let objects = qpdf_objects(&path);
    let streams: Vec<&serde_json::Value> = objects
        .values()
        .filter_map(|o| o.get("stream")?.get("dict"))
        .collect();
    assert!(streams.len() > 10, "{}", streams.len());
    for dict in &streams {
        assert_eq!(
            dict.get("/Filter").and_then(|f| f.as_str()),
            Some("/FlateDecode"),
            "uncompressed stream: {dict}"
        );
    }
    let dicts: Vec<&serde_json::Value> = objects
        .values()
        .filter_map(|o| o.get("value").or_else(|| o.get("stream")?.get("dict")))
        .collect();
    let of_type = |t: &str| {
        dicts
            .iter()
            .filter(|d| d.get("/Type").and_then(|v| v.as_str()) == Some(t))
            .count()
    };
    assert_eq!(of_type("/FontDescriptor"), 1);
    assert_eq!(of_type("/Font"), 2, "one Type0 font and its CID font");
    let font_files = dicts
        .iter()
        .filter(|d| d.get("/FontFile2").is_some())
        .count();
    assert_eq!(font_files, 1);
}

fn pdfinfo_field(path: &Path, field: &str) -> String {
    tool(
        "pdfinfo",
        &["-isodates", path.to_str().expect("utf-8 path")],
    )
    .lines()
    .find_map(|l| {
        l.strip_prefix(&format!("{field}:"))
            .map(|v| v.trim().to_string())
    })
    .unwrap_or_default()
}

#[test]
fn cli_form_option_writes_only_the_named_forms() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.ron");
    let file_s = file.to_str().expect("utf-8");
    store::save(&demo::application(), &file).expect("saved");

    let only3 = dir.path().join("only3");
    let ok = cli(&[
        "export",
        file_s,
        "--out",
        only3.to_str().expect("utf-8"),
        "--form",
        "3",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let written: Vec<String> = std::fs::read_dir(&only3)
        .expect("written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, vec![Form::ClinicalRecord.file_name().to_string()]);

    let two = dir.path().join("two");
    let ok = cli(&[
        "export",
        file_s,
        "--out",
        two.to_str().expect("utf-8"),
        "--form",
        "1,checklist",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let mut written: Vec<String> = std::fs::read_dir(&two)
        .expect("written")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected = vec![
        Form::Application.file_name().to_string(),
        Form::Checklist.file_name().to_string(),
    ];
    expected.sort();
    assert_eq!(written, expected);

    let bad = cli(&[
        "export",
        file_s,
        "--out",
        two.to_str().expect("utf-8"),
        "--form",
        "5",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("不明な様式"));
}

#[test]
fn per_form_files_hold_the_bundles_own_pages() {
    let app = demo::application();
    let dir = tempfile::tempdir().expect("temp dir");
    let options = ExportOptions {
        per_form_files: true,
        ..ExportOptions::default()
    };
    let result = pdf::export_bundle(&app, &rules(), dir.path(), &options).expect("exports");
    let bundle = dir.path().join(labels::BUNDLE_FILE);
    let b = bundle.to_str().expect("utf-8");
    let mut first = 1;
    for (form, count) in form_page_counts(&app) {
        let path = dir.path().join(form.file_name());
        assert!(result.files.contains(&path));
        assert_eq!(pages_of(&path), count, "{form:?}");
        let p = path.to_str().expect("utf-8");
        let out = tool("qpdf", &["--check", p]);
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");
        // The same text as the bundle's pages of the form …
        let last = first + count - 1;
        let (f, l) = (first.to_string(), last.to_string());
        let in_bundle = tool("pdftotext", &["-raw", "-f", &f, "-l", &l, b, "-"]);
        let alone = tool("pdftotext", &["-raw", p, "-"]);
        assert_eq!(alone, in_bundle, "{form:?}");
        // … drawn alike: the first page renders to the same pixels.
        let img = |src: &str, page: usize, name: &str| {
            let base = dir.path().join(name);
            let n = page.to_string();
            tool(
                "pdftoppm",
                &[
                    "-gray",
                    "-r",
                    "50",
                    "-f",
                    &n,
                    "-l",
                    &n,
                    "-singlefile",
                    src,
                    base.to_str().expect("utf-8"),
                ],
            );
            read_pgm(&dir.path().join(format!("{name}.pgm")))
        };
        assert!(
            img(p, 1, "alone") == img(b, first, "bundled"),
            "{form:?}: page 1 differs from the bundle's page {first}"
        );
        first = last + 1;
    }
}

#[test]
fn metadata_names_the_applicant_the_form_and_the_producer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.ron");
    let file_s = file.to_str().expect("utf-8");
    let app = demo::application();
    store::save(&app, &file).expect("saved");
    let export = |out: &Path| {
        let status = crate::common::bin()
            .args([
                "export",
                file_s,
                "--out",
                out.to_str().expect("utf-8"),
                "--per-form",
            ])
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .expect("runs");
        assert!(status.status.success());
    };
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    export(&a);
    export(&b);
    let form3 = a.join(Form::ClinicalRecord.file_name());
    let title = pdfinfo_field(&form3, "Title");
    assert!(title.contains(app.applicant.name.trim()), "{title}");
    assert!(
        title.contains(labels::FORM3) && title.contains(labels::FORM3_TITLE),
        "{title}"
    );
    let bundle_title = pdfinfo_field(&a.join(labels::BUNDLE_FILE), "Title");
    assert!(
        bundle_title.contains(app.applicant.name.trim()),
        "{bundle_title}"
    );
    assert_eq!(
        pdfinfo_field(&form3, "Producer"),
        format!("jsog-renewal {}", env!("CARGO_PKG_VERSION"))
    );
    // 1700000000 s after the epoch is 2023-11-14 22:13:20 UTC.
    assert_eq!(
        pdfinfo_field(&form3, "CreationDate"),
        "2023-11-14T22:13:20Z"
    );
    // The same input and date give the same files, byte for byte.
    for name in [labels::BUNDLE_FILE, Form::ClinicalRecord.file_name()] {
        let x = std::fs::read(a.join(name)).expect("written");
        let y = std::fs::read(b.join(name)).expect("written");
        assert!(x == y, "{name} differs between two runs");
    }
}

#[test]
fn creation_date_is_now_without_source_date_epoch() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.ron");
    store::save(&demo::application(), &file).expect("saved");
    let out = dir.path().join("out");
    let before = chrono::Utc::now().timestamp();
    let run = crate::common::bin()
        .args([
            "export",
            file.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ])
        .args(["--form", "checklist"])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("runs");
    assert!(run.status.success());
    let after = chrono::Utc::now().timestamp();
    let created = pdfinfo_field(&out.join(Form::Checklist.file_name()), "CreationDate");
    let when = chrono::NaiveDateTime::parse_from_str(&created, "%Y-%m-%dT%H:%M:%SZ")
        .unwrap_or_else(|e| panic!("{created}: {e}"))
        .and_utc()
        .timestamp();
    assert!((before - 1..=after + 1).contains(&when), "{created}");
}

/// The sibling modules each file of `src/pdf/` names through `super::` (test modules left
/// out), and whether it names anything of the parent `mod.rs` itself.
fn pdf_imports() -> std::collections::BTreeMap<String, (Vec<String>, bool)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pdf");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src/pdf") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if path.extension().is_some_and(|e| e == "rs") && stem != "mod" {
            files.push((stem.to_string(), path));
        }
    }
    let modules: Vec<String> = files.iter().map(|(m, _)| m.clone()).collect();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = std::collections::BTreeMap::new();
    for (module, path) in &files {
        let source = std::fs::read_to_string(path).expect("source");
        let code = source.split("#[cfg(test)]").next().unwrap_or("");
        let mut names = Vec::new();
        for (at, _) in code.match_indices("super::") {
            let rest = &code[at + "super::".len()..];
            match rest.strip_prefix('{') {
                Some(list) => {
                    let list = list.split('}').next().unwrap_or("");
                    names.extend(list.split(',').map(|n| ident(n.trim())));
                }
                None => names.push(ident(rest)),
            }
        }
        let parent = names.iter().any(|n| !n.is_empty() && !modules.contains(n));
        names.retain(|n| modules.contains(n));
        names.sort();
        names.dedup();
        out.insert(module.clone(), (names, parent));
    }
    out
}

#[test]
fn pdf_modules_form_layers_without_a_cycle() {
    let imports = pdf_imports();
    for (module, (_, parent)) in &imports {
        assert!(!parent, "{module} reaches into pdf/mod.rs");
    }
    // Depth-first search: a module met again while still on the path closes a cycle.
    fn visit<'a>(
        m: &'a str,
        imports: &'a std::collections::BTreeMap<String, (Vec<String>, bool)>,
        path: &mut Vec<&'a str>,
        done: &mut Vec<&'a str>,
    ) {
        assert!(!path.contains(&m), "import cycle: {path:?} → {m}");
        if done.contains(&m) {
            return;
        }
        path.push(m);
        for next in imports
            .get(m)
            .map(|(n, _)| n.as_slice())
            .unwrap_or_default()
        {
            visit(next, imports, path, done);
        }
        path.pop();
        done.push(m);
    }
    let mut done = Vec::new();
    for module in imports.keys() {
        visit(module, &imports, &mut Vec::new(), &mut done);
    }
    // The layers: units → font → page → layout → frame → forms; the writer takes pages and
    // knows neither the layout nor the forms.
    let allowed: [(&str, &[&str]); 5] = [
        ("units", &[]),
        ("font", &["error", "units"]),
        ("page", &["units"]),
        ("layout", &["font", "page", "units"]),
        ("write", &["error", "font", "page", "units"]),
    ];
    for (module, may) in allowed {
        let (names, _) = imports.get(module).expect("module exists");
        for n in names {
            assert!(may.contains(&n.as_str()), "{module} imports {n}");
        }
    }
}

#[test]
fn the_same_application_and_date_give_byte_identical_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.ron");
    store::save(&with_cases(1000), &file).expect("saved");
    let export = |out: &str, epoch: &str| -> Vec<(String, Vec<u8>)> {
        let out = dir.path().join(out);
        let run = crate::common::bin()
            .args(["export", file.to_str().expect("utf-8")])
            .args(["--out", out.to_str().expect("utf-8"), "--per-form"])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .expect("runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&out)
            .expect("written")
            .map(|e| {
                let e = e.expect("entry");
                let name = e.file_name().to_string_lossy().into_owned();
                (name, std::fs::read(e.path()).expect("readable"))
            })
            .collect();
        files.sort();
        files
    };
    let a = export("a", "1700000000");
    let b = export("b", "1700000000");
    assert_eq!(a.len(), 1 + Form::ALL.len());
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs between two runs");
    }
    // The date is part of the file: another date gives other bytes.
    let c = export("c", "1700003600");
    for ((name, x), (_, z)) in a.iter().zip(&c) {
        assert!(x != z, "{name} does not change with the creation date");
    }
}

/// The rows of 様式3's case table whose No. cell reads `no`.
fn form3_rows_numbered(path: &Path, no: usize) -> Vec<Vec<String>> {
    let form3 = format!("{} ", Form::ClinicalRecord.label());
    crate::common::paper::read(path)
        .iter()
        .filter(|p| p.lines().next().is_some_and(|l| l.starts_with(&form3)))
        .flat_map(|p| p.rows().cloned().collect::<Vec<_>>())
        .filter(|r| r.len() == 9 && r[0].trim() == no.to_string())
        .collect()
}

#[test]
fn a_finding_names_a_case_by_the_no_form_3_prints_it_under() {
    // Typed and imported cases of two facilities interleave: 様式3 groups them, so the 26th
    // case entered is printed as No. 48, and the finding about it says 症例48.
    let (app, marked) = crate::common::typed_and_imported();
    let report = rules::evaluate(&app, &rules());
    let finding = report
        .findings
        .iter()
        .find(|f| f.path == FieldPath::Case(marked, CaseField::Outcome))
        .expect("the blank 転帰 is a finding");
    assert!(
        finding.message.starts_with("症例48："),
        "{}",
        finding.message
    );
    let (_dir, path) = export(&app);
    let rows = form3_rows_numbered(&path, 48);
    assert_eq!(rows.len(), 1, "one row No. 48: {rows:?}");
    assert_eq!(squeeze(&rows[0][4]), crate::common::MARKED);
    assert_eq!(squeeze(&rows[0][7]), crate::common::SOUTH);
}

#[test]
fn preflight_names_a_case_by_its_no_on_form_3() {
    let (mut app, marked) = crate::common::typed_and_imported();
    app.cases[marked].treatment.push('🩺');
    let found = pdf::preflight(&app, &rules());
    let f = found
        .iter()
        .find(|f| f.path == FieldPath::Case(marked, CaseField::Treatment))
        .expect("the emoji is flagged");
    assert!(f.message.contains("症例48の"), "{}", f.message);
}
