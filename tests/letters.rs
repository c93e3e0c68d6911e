//! The letters beside the bundle (`export --letters`), read back with mutool as the row tests
//! read the forms: one signature request per facility of 様式3 with its pages, cases and
//! signer; the 送付状 with each part's pages as the bundle holds them; the envelope label with
//! the remembered address and 「…在中」 in red; and blanks, never a guess, where nothing was
//! entered.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use jsog_renewal::mailing::{COMMITTEES_FILE, Committee, Committees};
use jsog_renewal::model::Application;

use crate::common::paper::{self, PaperPage, squeeze};

/// The demo's regional society, as its 様式1 names it.
const SOCIETY: &str = "みほん地方産科婦人科学会";

fn run(args: &[&str], dir: &Path, data: &Path) -> Output {
    crate::common::bin()
        .args(args)
        .current_dir(dir)
        .env(jsog_renewal::paths::DATA_DIR_ENV, data)
        .output()
        .expect("the binary runs")
}

/// The demo as `d.ron` in a folder of its own, with a data folder holding `committee` for the
/// demo's society (none: no address book at all).
fn demo(committee: Option<&Committee>, edit: impl FnOnce(&mut Application)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data folder");
    let mut app = jsog_renewal::demo::application();
    edit(&mut app);
    jsog_renewal::store::save(&app, &dir.path().join("d.ron")).expect("saved");
    if let Some(c) = committee {
        let mut list = Committees::default();
        list.set(SOCIETY, c.clone());
        list.save(&data.join(COMMITTEES_FILE))
            .expect("address book");
    }
    dir
}

fn export_letters(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["export", "d.ron", "--out", "out", "--letters"];
    args.extend_from_slice(extra);
    let out = run(&args, dir, &dir.join("data"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The bundle's pages by the form its header names (「様式3 」…, 「チェックリスト 」).
fn bundle_by_form(path: &Path) -> BTreeMap<String, Vec<PaperPage>> {
    let mut forms: BTreeMap<String, Vec<PaperPage>> = BTreeMap::new();
    for page in paper::read(path) {
        let header = page.lines().next().unwrap_or_default().to_string();
        let form = header.split(' ').next().unwrap_or_default().to_string();
        forms.entry(form).or_default().push(page);
    }
    forms
}

/// The value of the labelled row `label` on `pages` (a 記 row: label cell, value cell).
fn field<'a>(pages: &'a [PaperPage], label: &str) -> &'a str {
    pages
        .iter()
        .flat_map(|p| p.rows())
        .find(|r| r.first().is_some_and(|c| squeeze(c) == squeeze(label)))
        .and_then(|r| r.get(1))
        .map(String::as_str)
        .unwrap_or_else(|| panic!("no row {label}"))
}

fn lines(pages: &[PaperPage]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p.lines().map(str::to_string))
        .collect()
}

/// Every line of text on `pages`, those inside ruled boxes too (the label is one box).
fn all_lines(pages: &[PaperPage]) -> Vec<String> {
    let mut out = lines(pages);
    for row in pages.iter().flat_map(|p| p.rows()) {
        for cell in row {
            out.extend(cell.lines().map(str::to_string));
        }
    }
    out
}

fn committee() -> Committee {
    Committee {
        postal_code: "100-0099".into(),
        address: "見本県見本市本町9-9 見本会館3階".into(),
        addressee: String::new(),
    }
}

/// The 様式3 pages (1-based) whose lines name `facility`: its heading opens each of them.
fn facility_pages(form3: &[PaperPage], facility: &str) -> (usize, usize) {
    let on: Vec<usize> = form3
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.lines()
                .any(|l| squeeze(l).starts_with(&format!("診療施設{}", squeeze(facility))))
        })
        .map(|(i, _)| i + 1)
        .collect();
    (
        *on.first().expect("a page of the facility"),
        *on.last().expect("a page of the facility"),
    )
}

#[test]
fn export_letters_writes_one_request_per_facility_with_its_pages_cases_and_signer() {
    let dir = demo(Some(&committee()), |_| {});
    export_letters(dir.path(), &[]);
    let out = dir.path().join("out");
    let demo = jsog_renewal::demo::application();
    // The facilities of 様式3 in the order they first appear, with their cases.
    let mut facilities: Vec<(String, usize)> = Vec::new();
    for c in &demo.cases {
        match facilities.iter_mut().find(|(f, _)| *f == c.facility) {
            Some((_, n)) => *n += 1,
            None => facilities.push((c.facility.clone(), 1)),
        }
    }
    assert_eq!(facilities.len(), 2, "the demo has two facilities");
    let bundle = bundle_by_form(&out.join("更新申請書類一式.pdf"));
    let form3 = bundle.get("様式3").expect("様式3 in the bundle");
    // With the letters, each facility starts on a sheet of its own: each 診療責任者 is handed
    // sheets of their own facility only.
    let ranges: Vec<(usize, usize)> = facilities
        .iter()
        .map(|(f, _)| facility_pages(form3, f))
        .collect();
    assert!(ranges[0].1 < ranges[1].0, "{ranges:?}");
    let mut first_no = 1;
    for (i, (facility, cases)) in facilities.iter().enumerate() {
        let file = out.join(format!("署名のお願い_{}_{facility}.pdf", i + 1));
        let pages = paper::read(&file);
        assert_eq!(pages.len(), 1, "{facility}: one page");
        let text = lines(&pages);
        assert!(
            text.iter().any(|l| l == "診療実績の証明への署名のお願い"),
            "{text:?}"
        );
        let head = demo.facility_heads.get(facility).expect("demo head");
        assert!(
            text.iter()
                .any(|l| squeeze(l) == squeeze(&format!("診療責任者 {head} 先生"))),
            "{facility}: addressed to {head}: {text:?}"
        );
        assert_eq!(squeeze(field(&pages, "施設")), squeeze(facility));
        let last_no = first_no + cases - 1;
        assert_eq!(
            squeeze(field(&pages, "症例")),
            format!("{cases}例（様式3のNo.{first_no}～{last_no}）")
        );
        let (p, q) = facility_pages(form3, facility);
        let sheets = q + 1 - p;
        assert_eq!(
            squeeze(field(&pages, "同封のページ")),
            format!(
                "様式3の{p}～{q}ページ（全{}ページ中、{sheets}枚）",
                form3.len()
            ),
            "{facility}"
        );
        assert!(
            squeeze(field(&pages, "ご記入いただく欄")).starts_with(&format!("{q}ページ末尾")),
            "the certification block closes the facility's last page"
        );
        // §2 of the FY2024 overview: 5月31日必着; asked back two weeks before.
        assert!(
            squeeze(field(&pages, "ご返送の期限"))
                .starts_with("2024年5月17日まで（申請書類は2024年5月31日必着"),
            "{}",
            field(&pages, "ご返送の期限")
        );
        assert!(squeeze(field(&pages, "ご返送先")).contains(&squeeze(&demo.applicant.name)));
        first_no = last_no + 1;
    }
    assert!(
        !out.join("署名のお願い_3_").exists()
            && std::fs::read_dir(&out)
                .expect("out")
                .filter(|e| {
                    e.as_ref()
                        .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("署名のお願い"))
                })
                .count()
                == 2,
        "one letter per facility, no more"
    );
}

#[test]
fn the_cover_letter_lists_each_part_with_the_pages_the_bundle_holds_and_the_address() {
    let dir = demo(Some(&committee()), |_| {});
    export_letters(dir.path(), &[]);
    let out = dir.path().join("out");
    let bundle = bundle_by_form(&out.join("更新申請書類一式.pdf"));
    let cover = paper::read(&out.join("送付状.pdf"));
    for (form, part) in [
        ("様式1", "(1) 様式1"),
        ("様式2", "(2) 様式2"),
        ("様式3", "(3) 様式3"),
        ("様式4", "(4) 様式4"),
        ("チェックリスト", "(7) チェックリスト"),
    ] {
        let n = bundle.get(form).map_or(0, Vec::len);
        assert!(n > 0, "{form} in the bundle");
        let row = cover
            .iter()
            .flat_map(|p| p.rows())
            .find(|r| {
                r.first()
                    .is_some_and(|c| squeeze(c).starts_with(&squeeze(part)))
            })
            .unwrap_or_else(|| panic!("{part} on the 送付状"));
        assert_eq!(
            row.get(1).map(|c| squeeze(c)),
            Some(format!("{n}枚")),
            "{part}"
        );
    }
    let text = lines(&cover);
    assert!(text.iter().any(|l| l == "〒100-0099"), "{text:?}");
    assert!(
        text.iter()
            .any(|l| squeeze(l) == squeeze("見本県見本市本町9-9 見本会館3階"))
    );
    assert!(
        text.iter()
            .any(|l| squeeze(l) == squeeze(&format!("{SOCIETY} 専門医制度委員会 御中")))
    );
    // §2: 審査料 22,000円.
    assert!(squeeze(field(&cover, "審査料")).starts_with("22,000円"));
    // The checklist says where to post, now that the address is known.
    let checklist = lines(bundle.get("チェックリスト").expect("checklist"));
    assert!(
        checklist
            .iter()
            .any(|l| squeeze(l).contains("送付先：〒100-0099"))
            || {
                let all: String = checklist.iter().map(|l| squeeze(l)).collect();
                all.contains("送付先：〒100-0099")
            },
        "{checklist:?}"
    );
}

/// The text drawn in red on each page of `path` (mutool's trace of its fill colour).
fn red_text(path: &Path) -> String {
    let out = Command::new("mutool")
        .arg("trace")
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("mutool could not be run: {e}"));
    assert!(out.status.success());
    let trace = String::from_utf8_lossy(&out.stdout);
    let mut red = String::new();
    let mut inside = false;
    for line in trace.lines() {
        let line = line.trim();
        if line.starts_with("<fill_text") {
            inside = line.contains("color=\".85 .1 .1\"");
        } else if line.starts_with("</fill_text") {
            inside = false;
        } else if inside && let Some(start) = line.find("unicode=\"") {
            let rest = &line[start + 9..];
            if let Some(end) = rest.find('"') {
                red.push_str(&rest[..end]);
            }
        }
    }
    red
}

#[test]
fn the_label_carries_the_address_and_the_red_in_envelope_line() {
    let dir = demo(Some(&committee()), |_| {});
    export_letters(dir.path(), &["--envelope", "naga3"]);
    let label = dir.path().join("out").join("宛名ラベル_長3.pdf");
    let pages = paper::read(&label);
    let text = all_lines(&pages);
    // A name too long for the line wraps in its box; read as one text.
    let whole: String = text.iter().map(|l| squeeze(l)).collect();
    for want in [
        "〒100-0099".to_string(),
        "見本県見本市本町9-9 見本会館3階".to_string(),
        format!("{SOCIETY} 専門医制度委員会 御中"),
        "差出人".to_string(),
    ] {
        assert!(
            whole.contains(&squeeze(&want)),
            "{want} on the label: {text:?}"
        );
    }
    let addressee = whole.find(&squeeze(SOCIETY)).expect("addressee");
    let postal = whole.find("〒100-0099").expect("postal code");
    assert!(postal < addressee, "the address above the addressee");
    assert_eq!(red_text(&label), "産婦人科専門医資格更新申請書類在中");
    // ... in a red frame.
    let trace = Command::new("mutool")
        .arg("trace")
        .arg(&label)
        .output()
        .expect("mutool");
    assert!(
        String::from_utf8_lossy(&trace.stdout)
            .lines()
            .any(|l| l.contains("<stroke_path") && l.contains("color=\".85 .1 .1\"")),
        "a red frame"
    );
}

#[test]
fn without_a_remembered_address_the_letters_leave_blanks_and_say_so() {
    let dir = demo(None, |app| app.facility_heads.clear());
    let out = export_letters(dir.path(), &[]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("住所が登録されていないため、送付状と宛名ラベルの宛先は空欄です"),
        "{said}"
    );
    let folder = dir.path().join("out");
    let label = all_lines(&paper::read(&folder.join("宛名ラベル_角2.pdf")));
    // A 〒 to fill in, the society's committee as addressee, and no address made up (the
    // only address on it is the sender's, under 差出人).
    assert!(label.iter().any(|l| l == "〒"), "{label:?}");
    let sender = label.iter().position(|l| l == "差出人").expect("sender");
    let sender_postal = &jsog_renewal::demo::application()
        .applicant
        .work
        .address
        .postal_code;
    let postal_lines: Vec<usize> = label
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with('〒') && l.len() > "〒".len())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(postal_lines, vec![sender + 1], "{label:?}");
    assert!(label[sender + 1].contains(sender_postal.as_str()));
    assert!(
        label
            .iter()
            .any(|l| squeeze(l) == squeeze(&format!("{SOCIETY} 専門医制度委員会 御中")))
    );
    // A facility without a 診療責任者 name: the letter prints a blank to write it in.
    let request = lines(&paper::read(
        &folder.join("署名のお願い_1_みほん市立総合病院.pdf"),
    ));
    assert!(request.iter().any(|l| l == "診療責任者"), "{request:?}");
    assert!(!request.iter().any(|l| l.contains("先生")), "{request:?}");
}

#[test]
fn letters_in_the_bundle_stand_in_front_of_their_facility_s_pages() {
    let dir = demo(Some(&committee()), |_| {});
    export_letters(dir.path(), &["--letters-in-bundle"]);
    let pages = paper::read(&dir.path().join("out").join("更新申請書類一式.pdf"));
    let demo = jsog_renewal::demo::application();
    let mut facilities: Vec<String> = Vec::new();
    for c in &demo.cases {
        if !facilities.contains(&c.facility) {
            facilities.push(c.facility.clone());
        }
    }
    let requests: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lines().any(|l| l == "診療実績の証明への署名のお願い"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(requests.len(), facilities.len(), "one request per facility");
    for (at, facility) in requests.iter().zip(&facilities) {
        // Addressed to the facility, and followed by its first page of 様式3.
        assert_eq!(squeeze(field(&pages[*at..=*at], "施設")), squeeze(facility));
        let next = pages.get(at + 1).expect("a page after the request");
        let header = next.lines().next().unwrap_or_default();
        assert!(header.starts_with("様式3 "), "{header}");
        assert!(
            next.lines()
                .any(|l| squeeze(l).starts_with(&format!("診療施設{}", squeeze(facility)))),
            "{facility}"
        );
    }
    // 様式3 keeps its own page numbers: the requests are not among its pages.
    let form3: Vec<&PaperPage> = pages
        .iter()
        .filter(|p| p.lines().next().is_some_and(|h| h.starts_with("様式3 ")))
        .collect();
    let n = form3.len();
    for (i, p) in form3.iter().enumerate() {
        let footer = format!("{} / {n}", i + 1);
        assert!(
            p.lines().any(|l| l == footer),
            "page {} of 様式3 says {footer}",
            i + 1
        );
    }
}
