//! Small scenario builders shared by the integration tests: fictional data only.
#![allow(dead_code)]

pub mod paper;
pub mod reference;
pub mod window;

use chrono::NaiveDate;

/// The program under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_jsog-renewal");

/// A data folder of the tests' own (settings, recovery copy, rules folder), empty of rules: the
/// program reads no developer's or machine's rules folder while tested.
pub fn data_dir() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hermetic-data");
    std::fs::create_dir_all(&dir).expect("the tests' data folder");
    dir
}

/// The program, started as every test starts it: hermetic, with [`data_dir`] for its data
/// folder (a test that wants one of its own sets `JSOG_RENEWAL_DATA_DIR` again).
pub fn bin() -> std::process::Command {
    let mut c = std::process::Command::new(BIN);
    c.env(jsog_renewal::paths::DATA_DIR_ENV, data_dir());
    c
}

/// Whether the layout records are to be written anew, read as egui_kittest reads the same
/// variable for its image snapshots: `1`, `true`, `yes`, `on` or `force` update; unset, `0`,
/// `false`, `no` and `off` compare; anything else is refused.
pub fn update_snapshots() -> bool {
    update_snapshots_for(std::env::var("UPDATE_SNAPSHOTS").ok().as_deref())
}

/// [`update_snapshots`] for a value of the variable.
pub fn update_snapshots_for(value: Option<&str>) -> bool {
    match value {
        None | Some("false" | "0" | "no" | "off") => false,
        Some("true" | "1" | "yes" | "on" | "force") => true,
        Some(other) => panic!("UPDATE_SNAPSHOTS={other:?}: use 1 to update, 0 to compare"),
    }
}
use jsog_renewal::model::{
    ActivityItem, Application, Case, CommonTopic, Credit, CreditKind, Mode, Sex,
};
use jsog_renewal::rules::{Report, RuleSet, evaluate};

/// The built-in FY2024 rule set.
/// The built-in rule set of `year`.
pub fn for_year(year: u16) -> RuleSet {
    RuleSet::for_year(year).unwrap_or_else(|e| panic!("FY{year} rules: {e}"))
}

/// A passing FY2024 plan moved to `year`, every entry dated inside that year's period, with a
/// specialist number first certified in `first` and due this year.
pub fn passing_in(year: u16, first: u16) -> Application {
    let mut app = Plan::passing().build();
    app.fiscal_year = year;
    let y = i32::from(year);
    app.applicant.specialist_number = format!("000001-N-{:02}{:02}", first % 100, (y - 5) % 100);
    let day = date(y - 2, 6, 1);
    for c in &mut app.cases {
        c.date = Some(day);
    }
    for c in &mut app.credits {
        c.date = Some(day);
    }
    app
}

pub fn rules() -> RuleSet {
    RuleSet::for_year(2024).expect("the FY2024 rule set loads")
}

/// A date; panics on an impossible one (tests only).
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A complete case on the given day.
pub fn case_on(day: NaiveDate) -> Case {
    Case {
        unread: Default::default(),
        date: Some(day),
        age: Some(34),
        sex: Some(Sex::Female),
        diagnosis: "子宮筋腫".into(),
        treatment: "腹腔鏡下子宮筋腫核出術".into(),
        outcome: "治癒".into(),
        facility: "見本病院".into(),
        role: "担当医".into(),
    }
}

/// `n` complete cases inside the activity period.
pub fn cases(n: usize) -> Vec<Case> {
    (0..n)
        .map(|i| case_on(date(2020, 1, 1) + chrono::Days::new(i as u64 % 1500)))
        .collect()
}

/// An attended lecture on the portal's record, inside the period.
pub fn lecture(kind: CreditKind, title: &str, units: u32) -> Credit {
    Credit {
        kind,
        date: Some(date(2022, 6, 1)),
        title: title.into(),
        organiser: "見本学会".into(),
        mode: Mode::Attended,
        units,
        on_portal: true,
        ..Credit::default()
    }
}

/// A category-iv entry with its proof enclosed.
pub fn activity(item: ActivityItem, title: &str, units: u32) -> Credit {
    Credit {
        kind: CreditKind::Activity(item),
        date: Some(date(2022, 6, 1)),
        title: title.into(),
        organiser: "見本学会".into(),
        mode: Mode::Attended,
        units,
        on_portal: item == ActivityItem::MeetingAttendance,
        proof_enclosed: item != ActivityItem::MeetingAttendance,
        ..Credit::default()
    }
}

/// Units per part of an application, to build scenarios that read like the rules.
#[derive(Clone, Copy, Default)]
pub struct Plan {
    /// Valid cases.
    pub cases: usize,
    /// 医療安全, 医療倫理, 感染対策 units.
    pub safety: u32,
    pub ethics: u32,
    pub infection: u32,
    /// 任意C units.
    pub optional: u32,
    /// 産婦人科領域講習 units.
    pub domain: u32,
    /// 学術集会参加 units.
    pub attendance: u32,
}

impl Plan {
    /// A passing plan: 50 cases (5), ii 10, iii 29, iv 6 = 50.
    pub fn passing() -> Plan {
        Plan {
            cases: 50,
            safety: 4,
            ethics: 3,
            infection: 3,
            optional: 0,
            domain: 29,
            attendance: 6,
        }
    }

    /// The application this plan describes, with a complete applicant.
    pub fn build(self) -> Application {
        let mut app = Application::new(2024);
        app.applicant.name = "見本 花子".into();
        app.applicant.furigana = "みほん はなこ".into();
        app.applicant.birth_date = Some(date(1980, 6, 15));
        app.applicant.member_number = "0000001".into();
        app.applicant.specialist_number = "000001-N-0919".into();
        app.applicant.medical_registration_number = "000000".into();
        app.applicant.regional_society = "みほん地方産科婦人科学会".into();
        app.consecutive_renewals = 2;
        app.cases = cases(self.cases);
        for (topic, units) in [
            (CommonTopic::Safety, self.safety),
            (CommonTopic::Ethics, self.ethics),
            (CommonTopic::InfectionControl, self.infection),
            (CommonTopic::Optional, self.optional),
        ] {
            if units > 0 {
                app.credits.push(lecture(
                    CreditKind::Common(topic),
                    &format!("{}講習会", topic.label()),
                    units,
                ));
            }
        }
        if self.domain > 0 {
            app.credits
                .push(lecture(CreditKind::Domain, "産婦人科領域講習", self.domain));
        }
        if self.attendance > 0 {
            app.credits.push(activity(
                ActivityItem::MeetingAttendance,
                "学術講演会",
                self.attendance,
            ));
        }
        app
    }
}

/// Evaluates under FY2024.
pub fn eval(app: &Application) -> Report {
    evaluate(app, &rules())
}

/// Whether some finding's message contains `text`.
pub fn has_message(report: &Report, text: &str) -> bool {
    report.findings.iter().any(|f| f.message.contains(text))
}

/// Facilities of [`typed_and_imported`].
pub const NORTH: &str = "北病院";
/// The second facility of [`typed_and_imported`].
pub const SOUTH: &str = "南クリニック";
/// The diagnosis of the one case of [`typed_and_imported`] with a finding.
pub const MARKED: &str = "卵巣腫瘍（目印）";

/// A passing application whose cases of two facilities interleave, typed and imported:
/// 30 typed (北, 南, 北, 南 …), then 40 imported from a spreadsheet, interleaved the same way.
/// 様式3 prints 北's 15 typed and 20 imported cases as No. 1–35, then 南's as No. 36–70: the
/// 13th typed 南 case (entered 26th) is No. 48. That case, and no other, has a blank 転帰 and
/// the diagnosis [`MARKED`]. Returns the application and that case's index.
pub fn typed_and_imported() -> (Application, usize) {
    let mut app = Plan::passing().build();
    let facility = |i: usize| if i.is_multiple_of(2) { NORTH } else { SOUTH };
    app.cases = (0..30)
        .map(|i| Case {
            facility: facility(i).into(),
            diagnosis: format!("入力{i}"),
            ..case_on(date(2021, 1, 1) + chrono::Days::new(i as u64))
        })
        .collect();
    let marked = 25;
    app.cases[marked].diagnosis = MARKED.into();
    app.cases[marked].outcome = String::new();
    let mut csv = String::from(
        "No.,診察日,年齢,性別,診断名,検査・処置・投薬等,転帰,診療施設名,担当医/指導医\n",
    );
    for i in 0..40 {
        csv.push_str(&format!(
            "{},2020/{}/{},40,女,取込{i},子宮鏡検査,軽快,{},担当医\n",
            i + 1,
            1 + i % 12,
            1 + i % 28,
            facility(i)
        ));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("症例.csv");
    std::fs::write(&path, csv).expect("writes the sheet");
    jsog_renewal::import::preview_cases(&path, None, &app, Some(&rules()))
        .expect("reads the sheet")
        .apply(&mut app, jsog_renewal::import::ImportOptions::default())
        .expect("imports");
    assert_eq!(app.cases.len(), 70);
    (app, marked)
}
