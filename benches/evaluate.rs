//! Evaluation must run on every keystroke: 10,000 cases and 2,000 credits in ≤ 1 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use jsog_renewal::model::{ActivityItem, Application, CommonTopic, Credit, CreditKind, Mode};
use jsog_renewal::rules::{RuleSet, evaluate};

/// The demo's applicant with its cases repeated to 10,000 and 2,000 varied credits.
pub fn large_application() -> Application {
    let mut app = jsog_renewal::demo::application();
    let cases = app.cases.clone();
    app.cases = cases.iter().cycle().take(10_000).cloned().collect();
    let kinds = [
        CreditKind::Common(CommonTopic::Safety),
        CreditKind::Common(CommonTopic::Ethics),
        CreditKind::Domain,
        CreditKind::Activity(ActivityItem::MeetingAttendance),
        CreditKind::Activity(ActivityItem::Paper),
        CreditKind::Activity(ActivityItem::AccidentInvestigation),
    ];
    let template = app.credits[0].clone();
    app.credits = (0..2_000)
        .map(|i| Credit {
            kind: kinds[i % kinds.len()],
            title: format!("講習会 第{}回", i % 700),
            mode: if i % 7 == 0 {
                Mode::Lectured { minutes: 60 }
            } else if i % 5 == 0 {
                Mode::ELearning
            } else {
                Mode::Attended
            },
            date: template
                .date
                .map(|d| d + chrono::Days::new((i % 1500) as u64)),
            proof_enclosed: i % 3 != 0,
            ..template.clone()
        })
        .collect();
    app
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::for_year(2024).expect("rules");
    let demo = jsog_renewal::demo::application();
    c.bench_function("evaluate demo (100 cases)", |b| {
        b.iter(|| evaluate(std::hint::black_box(&demo), &rules))
    });
    let large = large_application();
    c.bench_function("evaluate 10,000 cases + 2,000 credits", |b| {
        b.iter(|| evaluate(std::hint::black_box(&large), &rules))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
