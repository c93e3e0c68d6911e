//! Every piece of user-facing text of the desktop app, in one place so wording can be reviewed
//! together. Labels printed on the forms come from the model's own `label()` methods; the
//! columns of the case and credit tables are the field labels of [`crate::model::field`].

use crate::model::{CaseField, CreditField};
use crate::workspace::Standing;

/// The application's name in the window title.
pub const APP_TITLE: &str = "産婦人科専門医 更新申請";
/// Shown in the title for the built-in demo.
pub const DEMO_NAME: &str = "見本";
/// Shown in the title for a document never saved.
pub const UNTITLED: &str = "無題";

// Menus.
/// ファイル menu.
pub const MENU_FILE: &str = "ファイル";
/// New document.
pub const MENU_NEW: &str = "新規作成…";
/// Open a file.
pub const MENU_OPEN: &str = "開く…";
/// Save.
pub const MENU_SAVE: &str = "保存";
/// Save as.
pub const MENU_SAVE_AS: &str = "名前を付けて保存…";
/// File menu: print the bundle.
pub const MENU_PRINT: &str = "印刷…";
/// Recent files submenu.
pub const MENU_RECENT: &str = "最近使ったファイル";
/// No recent files.
pub const MENU_RECENT_NONE: &str = "（なし）";
/// Open the demo.
pub const MENU_DEMO: &str = "見本を開く";
/// Quit.
pub const MENU_QUIT: &str = "終了";
/// 編集 menu.
pub const MENU_EDIT: &str = "編集";
/// Undo.
pub const MENU_UNDO: &str = "元に戻す";
/// Redo.
pub const MENU_REDO: &str = "やり直す";
/// 表示 menu.
pub const MENU_VIEW: &str = "表示";
/// UI scale.
pub const VIEW_SCALE: &str = "文字の大きさ";
/// Theme.
pub const VIEW_THEME: &str = "配色";
/// Light theme.
pub const THEME_LIGHT: &str = "明るい配色";
/// Dark theme.
pub const THEME_DARK: &str = "暗い配色";

// Pages.
/// 申請者情報 (様式1).
pub const PAGE_APPLICANT: &str = "申請者情報（様式1）";
/// 勤務実態 (様式2).
pub const PAGE_WORK: &str = "勤務実態（様式2）";
/// 症例一覧 (様式3).
pub const PAGE_CASES: &str = "症例一覧（様式3）";
/// 共通講習.
pub const PAGE_COMMON: &str = "共通講習";
/// 産婦人科領域講習.
pub const PAGE_DOMAIN: &str = "産婦人科領域講習";
/// 学術業績・その他.
pub const PAGE_ACTIVITY: &str = "学術業績・その他";
/// 集計とチェック.
pub const PAGE_SUMMARY: &str = "集計とチェック（様式4）";
/// 出力.
pub const PAGE_EXPORT: &str = "出力（PDF）";

// Verdict panel.
/// Heading of the verdict panel.
pub const VERDICT_HEADING: &str = "判定";
/// The verdict panel's command (menu, shortcut) that folds or opens it.
pub const MENU_VERDICT_FOLD: &str = "判定の欄をたたむ／開く";
/// The button that folds the verdict panel to a strip.
pub const VERDICT_FOLD: &str = "判定の欄をたたむ";
/// The strip's button that opens the verdict panel again.
pub const VERDICT_UNFOLD: &str = "判定の欄を開く";
/// The application passes.
pub const VERDICT_PASS: &str = "更新基準を満たしています";
/// Under a pass that needs entries dated after today.
pub const VERDICT_WITH_PLANS: &str = "予定の日付を含めた判定です";
/// Hover text of [`VERDICT_WITH_PLANS`].
pub const VERDICT_WITH_PLANS_HOVER: &str = "今日より後の日付の症例・単位を含めると基準を満たします。今日までの分ではまだ足りません（集計ページの途中経過とグラフを参照）。";
/// The application does not pass yet.
pub const VERDICT_FAIL: &str = "まだ不足があります";
/// Heading of the findings list.
pub const FINDINGS_HEADING: &str = "確認事項";
/// No findings.
pub const FINDINGS_NONE: &str = "確認事項はありません";
/// Exemption note.
pub const EXEMPT_NOTE: &str = "診療実績免除（連続更新3回以上）";
/// More findings than listed.
pub fn findings_hidden(n: usize) -> String {
    format!("ほか {n} 件（各ページの表で赤枠・「!」の付いた行を確認してください）")
}
/// Tooltip on a finding.
pub const FINDING_GO: &str = "クリックで該当の項目へ移動します";
/// The button under a finding that shows its 根拠.
pub const SOURCE_BUTTON: &str = "根拠";
/// Its hover text.
pub const SOURCE_HOVER: &str =
    "この指摘の根拠（更新申請の概要の項目、または学会・機構の通知）を表示します";

/// The total in the folded verdict strip: "52\n/50".
pub fn total_short(counted: u32, required: u32) -> String {
    format!("{counted}\n/{required}")
}

/// "合計 52 / 50 単位"
pub fn total_line(counted: u32, required: u32) -> String {
    format!("合計 {counted} / {required} 単位")
}

/// "10 単位（最低 5・上限 10）"
pub fn category_line(counted: u32, min: u32, max: Option<u32>) -> String {
    match max {
        Some(max) => format!("{counted} 単位（最低 {min}・上限 {max}）"),
        None => format!("{counted} 単位（最低 {min}・上限なし）"),
    }
}

// Applicant page.
/// Section: 申請.
pub const SECTION_APPLICATION: &str = "申請";
/// Section of the applicant page on deferral and pause.
pub const SECTION_PERIOD: &str = "更新猶予・活動休止";
/// The check box of a previous renewal after a deferral.
pub const PREVIOUS_AFTER_DEFERRAL: &str = "はい（前回は更新猶予のあとに更新した）";
/// Under the check box: what it changes.
pub const PREVIOUS_AFTER_DEFERRAL_HINT: &str = "猶予の1年間の単位は前回の更新で数えたため、今回の活動期間は前回の活動期間の翌日から始まります（申請区分「更新」のとき。通知は図のみのため仮定）。";
/// The button adding a pause of activity.
pub const ADD_PAUSE: &str = "活動休止の期間を追加";
/// Heading of one pause.
pub fn pause_heading(n: usize) -> String {
    format!("活動休止 {n}")
}
/// What a pause does, under the rows.
pub const PAUSE_HINT: &str = "活動休止が認められた方は、その期間を入力します。休止中の症例・単位は数えず、活動期間はその日数だけさかのぼります（日本専門医機構の補足説明による仮定）。";
/// The verdict panel's line on a period not the rule set's.
pub fn verdict_period(span: &str, reason: &str) -> String {
    format!("活動期間 {span}（{reason}）")
}
/// The line showing the period that applies.
pub fn period_applied(period: &str) -> String {
    format!("この申請の活動期間：{period}")
}
/// Section: 申請者.
pub const SECTION_APPLICANT: &str = "申請者";
/// Section: 勤務先.
pub const SECTION_WORK: &str = "勤務先";
/// Section: 自宅.
pub const SECTION_HOME: &str = "自宅";
/// "2024年度"
pub fn fiscal_year(year: u16) -> String {
    format!("{year}年度")
}
/// "2027年度（暫定）" — a year with the status of its rule set, for the year pickers.
pub fn fiscal_year_with_status(year: u16) -> String {
    match crate::rules::RuleSet::shared(year) {
        Ok(r) => format!("{year}年度（{}）", r.status.label()),
        Err(_) => fiscal_year(year),
    }
}
/// A rule file of the rules folder that is not used, and why.
pub fn rule_file_unused(problem: &str) -> String {
    format!("規則ファイルを使っていません（組み込みの規則で判定）: {problem}")
}
/// 途中経過 (集計 page).
pub const PROGRESS_HEADING: &str = "途中経過（今日まで）";
/// Heading of the progress chart.
pub const CHART_HEADING: &str = "活動期間の単位の推移";
/// The progress chart in small in the verdict panel (its name for screen readers and tests).
pub const VERDICT_CHART: &str = "単位の推移（合計）";
/// "2019/5～2024/4（縦線が今日）" — the period the small chart spans, and its mark of today.
pub fn compact_chart_span(first: &str, last: &str, today_marked: bool) -> String {
    if today_marked {
        format!("{first}～{last}（縦線が今日）")
    } else {
        format!("{first}～{last}")
    }
}
/// The chart's total line.
pub const CHART_TOTAL: &str = "合計";
/// The chart's line of the total needed.
pub const CHART_TOTAL_NEEDED: &str = "必要な合計";
/// The chart's mark of today.
pub const CHART_TODAY: &str = "今日";
/// The chart's line of the pace needed from today.
pub const CHART_PACE: &str = "必要なペース";
/// The cases chart's bars.
pub const CHART_CASES_PER_MONTH: &str = "月ごとの症例数";
/// The units plot's name for screen readers.
pub const CHART_UNITS_NAME: &str = "区分ごとの単位の推移のグラフ";
/// The cases plot's name for screen readers.
pub const CHART_CASES_NAME: &str = "月ごとの症例数のグラフ";
/// The cases chart's line.
pub const CHART_CASES_ACCUMULATED: &str = "症例数の累計";
/// "i の単位" — a category's line in the chart.
pub fn chart_category(roman: &str) -> String {
    format!("{roman} の単位")
}
/// "必要な症例 50 例" — the cases chart's line.
pub fn chart_cases_needed(cases: u32) -> String {
    format!("必要な症例 {cases} 例")
}
/// "ほか 3 件" — entries not named in a point's hover text.
pub fn chart_more(n: usize) -> String {
    format!("ほか {n} 件")
}
/// Shown instead of the progress once the application window has opened.
pub const PROGRESS_WINDOW_OPEN: &str =
    "受付期間が始まっているため、途中経過ではなく判定をご覧ください";
/// 診療実績免除.
pub const EXEMPTION: &str = "診療実績免除";
/// 該当.
pub const EXEMPT_YES: &str = "該当（様式3は不要）";
/// 非該当.
pub const EXEMPT_NO: &str = "非該当";
/// A number the verdict rests on that no source gives.
pub fn assumption(sentence: &str) -> String {
    format!("※仮定: {sentence}")
}
/// The year has no exemption (the society's notice of 2024-07-11).
pub const EXEMPT_NONE_THIS_YEAR: &str = "この年度は免除なし（症例が必要）";
/// Beside the workplace's check box that marks a 地域医療研修が可能な施設.
pub const REGIONAL_FACILITY: &str =
    "基幹施設以外・東京23区以外・政令指定都市以外（必修講習Bの免除に関わります）";
/// The case page's switch between the case list and 「C.自己学習」.
pub const RECORD_CASES: &str = "症例（様式3）";
/// The case page's switch to the self-study credits that stand in for cases.
pub const RECORD_SELF_STUDY: &str = "C.自己学習（症例の代わり）";
/// 勤務先.
pub const MAIL_WORK: &str = "勤務先";
/// 自宅.
pub const MAIL_HOME: &str = "自宅";
/// Not chosen.
pub const NOT_CHOSEN: &str = "未選択";
/// Hover text of the ▼ beside a free-text cell with suggestions.
pub const SUGGESTIONS: &str = "候補から選ぶ（欄には自由に記入できます）";
/// Hint in date fields.
pub const DATE_HINT: &str = "例 2023/4/1";
/// Tooltip of date fields.
pub const DATE_HELP: &str = "2023/4/1、2023-04-01、令和5年4月1日、R5.4.1 のどれでも入力できます";
/// A date that could not be read.
pub const DATE_UNREADABLE: &str = "日付として読めません（例: 2023/4/1、2023-04-01、令和5年4月1日）";
/// A number that could not be read.
pub const NUMBER_UNREADABLE: &str = "数字で入力してください";

// Work page.
/// Add a workplace.
pub const ADD_WORKPLACE: &str = "勤務先を追加";
/// The button adding a facility of the cases as a workplace.
pub fn add_case_facility(
    name: &str,
    cases: usize,
    dates: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
) -> String {
    use chrono::Datelike;
    let when = dates.map_or(String::new(), |(a, b)| {
        format!(
            "・{}年{}月～{}年{}月",
            a.year(),
            a.month(),
            b.year(),
            b.month()
        )
    });
    format!("症例の施設「{name}」を勤務先に加える（症例{cases}例{when}）")
}
/// Delete a row.
pub const DELETE: &str = "削除";
/// The row menu's button in the case table.
pub const ROW_MENU: &str = "…";
/// Its hover text.
pub const ROW_MENU_HELP: &str = "この行を複製・削除";
/// Duplicate a row (its shortcut comes from the command table).
pub const DUPLICATE_ROW: &str = "行を複製";
/// Delete a row (its shortcut comes from the command table).
pub const DELETE_ROW: &str = "行を削除";

/// One key in a key hint: `Ctrl+D: 行を複製`.
pub fn key_hint(keys: &str, what: &str) -> String {
    format!("{keys}: {what}")
}
/// No rows.
pub const NO_ROWS: &str = "まだ入力がありません";

// Case page.
/// Add a case.
pub const ADD_CASE: &str = "症例を追加";
/// No.
pub const COL_NO: &str = "No.";
/// 診察日.
pub const COL_DATE: &str = CaseField::Date.label();
/// 年齢.
pub const COL_AGE: &str = CaseField::Age.label();
/// 性別.
pub const COL_SEX: &str = CaseField::Sex.label();
/// 診断名.
pub const COL_DIAGNOSIS: &str = CaseField::Diagnosis.label();
/// 検査・処置・投薬等.
pub const COL_TREATMENT: &str = CaseField::Treatment.label();
/// 転帰.
pub const COL_OUTCOME: &str = CaseField::Outcome.label();
/// 診療施設名.
pub const COL_FACILITY: &str = CaseField::Facility.label();
/// 担当医/指導医.
pub const COL_ROLE: &str = CaseField::Role.label();
/// 操作.
pub const COL_ACTIONS: &str = "操作";
/// Filter.
pub const FILTER: &str = "絞り込み";
/// Filter hint.
pub const FILTER_HINT: &str = "診断名・処置・施設名で検索";
/// Only rows with problems.
pub const ONLY_PROBLEMS: &str = "数えられない症例のみ";
/// Sort.
pub const SORT: &str = "並べ替え";
/// The rows in 様式3's order (grouped by facility), numbered as printed.
pub const SORT_PAPER: &str = "様式3の順";
/// Sort by date.
pub const SORT_DATE: &str = "診察日順";
/// Sort by diagnosis.
pub const SORT_DIAGNOSIS: &str = "診断名順";
/// Sort by facility.
pub const SORT_FACILITY: &str = "施設名順";
/// Reorders the cases themselves (not only the view) by date within each facility.
pub const SORT_CASES_BY_DATE: &str = "日付順に並べ替える";
/// What 「日付順に並べ替える」 does.
pub const SORT_CASES_BY_DATE_HELP: &str = "施設ごとに症例を診察日の順に並べ替え、様式3のNo.を付け直します（施設の順はそのまま、日付のない症例は施設の最後）。元に戻すこともできます";
/// Keyboard help for the case table.
pub const CASE_KEYS: &str = "Tab: 次の欄　性別・転帰・担当医は番号（1, 2 …）か先頭の文字で候補を入力（転帰・担当医は自由に記入も可）、Space か Alt+↓ で一覧　Enter: 次の行（最後の行では行を追加）";
/// Keys of the credit tables.
pub const CREDIT_KEYS: &str = "Tab: 次の欄　選択欄は番号か先頭の文字で選択、Space か Alt+↓ で一覧　Space: チェックの切り替え　Enter: 次の行（最後の行では行を追加）";
/// The case counts line.
pub fn case_counts(entered: usize, valid: usize, units: u32, to_next: usize) -> String {
    if to_next == 0 {
        format!("症例 {entered} 件（数えられる症例 {valid} 件）　単位 {units}（上限）")
    } else {
        format!(
            "症例 {entered} 件（数えられる症例 {valid} 件）　単位 {units}　次の1単位まであと {to_next} 件"
        )
    }
}
/// Shown instead of the table when exempt.
pub const CASES_EXEMPT: &str =
    "診療実績免除に該当するため、様式3は提出不要です（入力は保存されます）。";
/// "列の幅 診断名" — the grip on a header cell's right edge, for screen readers.
pub fn column_grip(title: &str) -> String {
    format!("列の幅 {}", title.replace('\n', ""))
}
/// "12 2024/05/01 の行を選ぶ" — a row of the pinned strip, for screen readers.
pub fn pinned_row(cells: &[String]) -> String {
    format!("{} の行を選ぶ", cells.join(" "))
}
/// Hover text of a header grip.
pub const COLUMN_GRIP_HELP: &str = "ドラッグすると列の幅を変えられます（ダブルクリックで元の幅に戻ります）。幅は表ごとに記憶されます。";
/// View menu: every dragged column width back to automatic.
pub const MENU_RESET_COLUMNS: &str = "列の幅を元に戻す";
/// "症例3 年齢" — a case cell's name for screen readers, by the case's paper No.
pub fn case_cell(row: usize, column: &str) -> String {
    format!("症例{row} {column}")
}
/// "症例3 診察日（予定）" — a date cell dated after today.
pub fn planned_cell(name: &str) -> String {
    format!("{name}（予定）")
}
/// Hover text of a date cell dated after today.
pub const PLANNED_HOVER: &str = "今日より後の日付です（予定として集計とグラフに入ります）";
/// "単位3 日付" — a credit cell's name for screen readers.
pub fn credit_cell(row: usize, column: &str) -> String {
    format!("単位{row} {column}")
}
/// A row that does not count.
pub const CASE_NOT_COUNTED: &str = "この症例は数えられていません";
/// A credit that does not count.
pub const NOT_COUNTED: &str = "この単位は計上されていません";
/// "表示 n/m 件"
pub fn rows_shown(shown: usize, total: usize) -> String {
    format!("表示 {shown}/{total}件")
}

// Credit pages.
/// Add a credit.
pub const ADD_CREDIT: &str = "単位を追加";
/// 区分.
pub const COL_KIND: &str = CreditField::Kind.label();
/// 日付.
pub const COL_CREDIT_DATE: &str = CreditField::Date.label();
/// 名称.
pub const COL_TITLE: &str = CreditField::Title.label();
/// 主催者.
pub const COL_ORGANISER: &str = CreditField::Organiser.label();
/// 形態.
pub const COL_MODE: &str = CreditField::Mode.label();
/// 講演時間.
pub const COL_MINUTES: &str = CreditField::Minutes.label();
/// 単位.
pub const COL_UNITS: &str = CreditField::Units.label();
/// 立場.
pub const COL_ROLE_CREDIT: &str = CreditField::Role.label();
/// ポータル登録済み.
pub const COL_PORTAL: &str = CreditField::OnPortal.label();
/// 証明書類を同封.
pub const COL_PROOF: &str = CreditField::ProofEnclosed.label();
/// 備考.
pub const COL_NOTE: &str = CreditField::Note.label();
/// Units are computed by the rules.
pub const UNITS_COMPUTED: &str = "規則により自動計算されます";
/// "n 件・計 m 単位"
pub fn credit_counts(entries: usize, counted: u32) -> String {
    format!("{entries} 件　数えられる単位 {counted}")
}

// Summary page.
/// 様式4 heading.
pub const SUMMARY_HEADING: &str = "機構単位集計表（様式4）";
/// Category column.
pub const COL_CATEGORY: &str = "区分";
/// Claimed.
pub const COL_CLAIMED: &str = "申告";
/// Minimum.
pub const COL_MIN: &str = "最低";
/// Maximum.
pub const COL_MAX: &str = "上限";
/// Counted: the same word as the column of 様式4.
pub const COL_COUNTED: &str = "算定単位";
/// Meets.
pub const COL_OK: &str = "判定";
/// No maximum.
pub const NO_MAX: &str = "なし";
/// Topics heading.
pub const TOPICS_HEADING: &str = "専門医共通講習の内訳";
/// Of which lecturing.
pub const COL_LECTURING: &str = "うち講師";
/// Of which on portal.
pub const COL_ON_PORTAL: &str = "うちポータル登録";
/// Items heading.
pub const ITEMS_HEADING: &str = "学術業績・診療以外の活動実績の内訳";
/// Proof heading.
pub const PROOFS_HEADING: &str = "同封する証明書類";
/// No proofs.
pub const PROOFS_NONE: &str = "同封が必要な証明書類はありません";
/// Checklist heading.
pub const CHECKLIST_HEADING: &str = "チェックリスト（書類一式）";
/// The seven parts of the bundle.
pub const CHECKLIST_PARTS: [&str; 7] = [
    "様式1 更新申請書",
    "様式2 勤務実態自己申告書",
    "様式3 診療実績の証明（症例一覧表）",
    "様式4 機構単位集計表",
    "会員ポータルの単位情報（機構専門医）の印刷",
    "ポータル未登録の単位の証明書類",
    "チェックリスト",
];
/// Checklist reminders.
pub const CHECKLIST_REMINDERS: [&str; 3] = [
    "申請者と診療責任者の署名を忘れずに",
    "審査料は送付と同時に地方委員会の口座へ振り込む",
    "写しを手元に保管する",
];
/// Not needed because exempt.
pub const NOT_NEEDED: &str = "（免除のため不要）";

// Export page.
/// Export heading.
pub const EXPORT_HEADING: &str = "書類一式をPDFで出力";
/// Preflight heading.
pub const PREFLIGHT_HEADING: &str = "印刷前の確認";
/// Preflight OK.
pub const PREFLIGHT_OK: &str = "印刷で欠ける項目は見つかりませんでした";
/// Folder.
pub const EXPORT_FOLDER: &str = "出力先フォルダ";
/// Choose folder.
pub const CHOOSE_FOLDER: &str = "フォルダを選ぶ…";
/// Per-form files.
pub const PER_FORM_FILES: &str = "様式ごとのファイルも書き出す";
/// Leaves the cases outside the activity period out of 様式3 for this export.
pub fn omit_outside_period(n: usize) -> String {
    format!("活動期間の外の症例（{n}例）を様式3に載せない（申請ファイルは変えません）")
}
/// Export button.
pub const EXPORT_BUTTON: &str = "PDFを書き出す";
/// Export failed.
pub const EXPORT_FAILED: &str = "書き出せませんでした";
/// "n ページ・m KB を書き出しました"
pub fn export_done(pages: usize, bytes: u64, draft: bool) -> String {
    let done = format!(
        "{pages} ページ（{} KB）を書き出しました",
        bytes.div_ceil(1024)
    );
    if draft {
        format!(
            "{done}。基準を満たしていないため、各ページに「下書き（基準未達）」と印刷しています"
        )
    } else {
        done
    }
}
/// Export under way.
pub const EXPORT_RUNNING: &str = "書き出しています…";
/// What was written beside the bundle, after the bundle's own message.
pub fn export_done_with_letters(
    done: &str,
    letters: usize,
    blank_address_of: Option<&str>,
) -> String {
    if letters == 0 {
        return done.to_string();
    }
    let mut out =
        format!("{done}　署名のお願い・送付状・宛名ラベル {letters}ファイルも書き出しました。");
    if let Some(society) = blank_address_of {
        let society = crate::mailing::society_or_placeholder(society);
        out.push_str(&format!(
            "{society}の専門医制度委員会の住所が未登録のため、送付状とラベルの宛先は空欄です（手で書き入れてください）。"
        ));
    }
    out
}
/// The print button.
pub const PRINT_BUTTON: &str = "印刷…";
/// What matters when printing, said beside the button.
pub const PRINT_SETTINGS: &str = "「印刷…」は書き出したPDFを既定のPDFビューアで開きます。ビューアの印刷画面で、用紙 A4・倍率 100%（「ページに合わせる」「縮小」はオフ）・片面印刷を選んでください。";
/// Also the letters.
pub const WITH_LETTERS: &str = "署名のお願い（施設ごと）・送付状・宛名ラベルも書き出す";
/// The office window: the letters too.
pub const OFFICE_WITH_LETTERS: &str = "署名のお願い・送付状・宛名ラベル（角2）も医師ごとに書き出す";
/// The letters in the bundle too.
pub const LETTERS_IN_BUNDLE: &str = "署名のお願いを各施設のページの前にも印刷する";
/// An envelope to choose.
pub fn envelope(name: &str) -> String {
    format!("{name}封筒")
}
/// Heading: the parts of the bundle.
pub const PARTS_HEADING: &str = "封筒に入れるもの（この順に重ねます）";
/// Columns of the parts.
pub const PARTS_COLUMNS: [&str; 4] = ["書類", "用意", "ページ数", "状態"];
/// Made by this program.
pub const MADE_BY_PROGRAM: &str = "印刷されます";
/// Added by the applicant.
pub const MADE_BY_APPLICANT: &str = "ご自身で用意";
/// Pages of a part.
pub fn pages(n: usize) -> String {
    format!("{n}ページ")
}
/// No pages printed by the program.
pub const NO_PAGES: &str = "—";
/// A part's state.
pub fn part_state(ready: bool, note: &str, needed: bool) -> String {
    if needed && !ready {
        format!("要確認 {note}")
    } else {
        note.to_string()
    }
}
/// The pages printed in all.
pub fn printed_pages(n: usize) -> String {
    format!("このプログラムが印刷するのは全{n}ページです。")
}
/// Heading: the pages as they print.
pub const PREVIEW_HEADING: &str = "印刷される紙面";
/// How to open a page large.
pub const PREVIEW_HINT: &str = "ページをクリックすると大きく開きます。色の枠は「印刷前の確認」で見つかった項目のあるページです。";
/// The window of a page opened large.
pub const PREVIEW_WINDOW: &str = "紙面";
/// The previous page.
pub const PREVIEW_PREVIOUS: &str = "◀ 前のページ";
/// The next page.
pub const PREVIEW_NEXT: &str = "次のページ ▶";
/// A thumbnail's caption (its name for the keyboard and screen readers too).
pub fn thumbnail(form: &str, page: usize, pages: usize, marked: bool) -> String {
    let mark = if marked { "（要確認）" } else { "" };
    format!("{form} {page}/{pages}{mark}")
}
/// A thumbnail, as a button: open the page large.
pub fn open_page(caption: &str) -> String {
    format!("{caption}を大きく開く")
}
/// Heading: proofs to enclose.
pub fn proofs_heading(n: usize) -> String {
    format!("同封する証明書類（{n}点）")
}
/// A proof ticked as enclosed, or not yet.
pub fn proof_line(enclosed: bool, kind: &str, date: &str, name: &str, proof: &str) -> String {
    let mark = if enclosed { "同封済" } else { "未同封" };
    format!("【{mark}】{kind}　{date}　{name} — {proof}")
}
/// No proofs to enclose.
pub const NO_PROOFS: &str =
    "会員ポータルに登録されていない単位はなく、同封する証明書類はありません。";
/// Heading: signatures.
pub const SIGNATURES_HEADING: &str = "署名が必要なところ";
/// The applicant's name is not entered.
pub const NAME_NOT_ENTERED: &str = "（氏名が未入力です）";
/// A 様式3 group without a facility name.
pub const NO_FACILITY: &str = "（診療施設名の記載なし）";
/// The name of the field for a facility's 診療責任者.
pub fn facility_head_field(facility: &str) -> String {
    format!("{facility}の診療責任者")
}
/// Heading: fee and where to post.
pub const POSTING_HEADING: &str = "審査料と送付先";
/// The fee.
pub const FEE: &str = "審査料";
/// The fee and where its account is published.
pub fn fee_line(fee: u32, account: &str) -> String {
    format!(
        "{} 円。{account}。",
        crate::rules::progress::yen(u64::from(fee))
    )
}
/// The deadline.
pub const DEADLINE: &str = "締切";
/// The deadline, as the overview says it.
pub fn deadline_line(deadline: chrono::NaiveDate) -> String {
    format!("{}必着（郵送）", crate::dates::format_kanji(deadline))
}
/// Where to post.
pub const POST_TO: &str = "送付先";
/// The name of a field of the committee's address.
pub fn committee_field(label: &str) -> String {
    format!("送付先の{label}")
}
/// The committee's postal code.
pub const POSTAL_CODE: &str = "郵便番号";
/// The committee's address.
pub const COMMITTEE_ADDRESS: &str = "委員会の住所";
/// The committee's addressee.
pub const COMMITTEE_ADDRESSEE: &str = "宛名（空欄なら「…専門医制度委員会 御中」）";
/// No address remembered.
pub const ADDRESS_NOT_REMEMBERED: &str = "委員会の住所が未登録です。日産婦誌に掲載の住所を入力すると、地方学会ごとに覚えて送付状・宛名ラベル・チェックリストに印刷します。未登録のままでは宛先は空欄です（手で書き入れてください）。";
/// The address is remembered.
pub const ADDRESS_REMEMBERED: &str =
    "この住所は地方学会ごとに覚えています（同じ地方学会の先生方の書類にも使われます）。";
/// Open the PDF.
pub const OPEN_PDF: &str = "PDFを開く";
/// Opening failed.
pub const OPEN_FAILED: &str = "PDFを開けませんでした";
/// No program took the PDF.
pub fn open_failed(path: &std::path::Path, detail: &str) -> String {
    format!(
        "{OPEN_FAILED}（{}）。PDF を開くプログラム（Acrobat Reader など）が入っているか確かめ、入っていなければフォルダから直接開いてください。\n{}{detail}",
        path.display(),
        crate::oserror::DETAIL
    )
}
/// Export warning when the application does not pass.
pub const EXPORT_NOT_PASSING: &str = "まだ更新基準を満たしていませんが、書類は出力できます。";

// Dialogs.
/// New document dialog title.
pub const NEW_TITLE: &str = "新しい申請";
/// Question in the new dialog.
pub const NEW_QUESTION: &str = "申請する年度を選んでください";
/// Create.
pub const CREATE: &str = "作成";
/// Cancel.
pub const CANCEL: &str = "キャンセル";
/// The dialog before an export when some fields hold text that does not read as a value.
pub const FAILING_TITLE: &str = "この申請は更新基準を満たしていません";
/// What the dialog asks.
pub const FAILING_QUESTION: &str = "次の不足があります。このまま郵送しないよう、各ページに「下書き（基準未達）」と印刷して書き出しますか。規則が仮のときなど、このまま提出する場合は印なしで書き出せます（判定は委員会が行います）。";
/// Export marked as a draft.
pub const FAILING_DRAFT: &str = "下書きとして書き出す";
/// Export without the mark.
pub const FAILING_AS_IS: &str = "このまま提出する（印なしで書き出す）";
/// Before exporting text that does not read as a value.
pub const UNREAD_TITLE: &str = "読めない入力があります";
/// Its question.
pub const UNREAD_QUESTION: &str = "次の欄は日付や数字として読めません。直してから書き出すか、空欄のまま書き出すかを選んでください。";
/// Goes to the field.
pub const UNREAD_GO_TO: &str = "移動";
/// Exports with the fields blank.
pub const UNREAD_EXPORT_ANYWAY: &str = "空欄のまま書き出す";
/// OK.
pub const OK: &str = "OK";
/// Unsaved changes title.
pub const UNSAVED_TITLE: &str = "保存されていない変更があります";
/// Unsaved changes question.
pub const UNSAVED_QUESTION: &str = "変更を保存しますか？";
/// Save and continue.
pub const SAVE_AND_CONTINUE: &str = "保存する";
/// Discard.
pub const DISCARD: &str = "保存しない";
/// Recovery title.
pub const RECOVERY_TITLE: &str = "前回の作業を復元できます";
/// Recovery explanation.
pub const RECOVERY_TEXT: &str =
    "前回、保存されないまま終了した作業が見つかりました。復元しますか？";
/// Recover.
pub const RECOVER: &str = "復元する";
/// Discard recovery.
pub const RECOVERY_DISCARD: &str = "破棄する";
/// Error title.
pub const ERROR_TITLE: &str = "エラー";
/// Rule set missing.
pub const RULES_MISSING: &str = "この年度の規則が読み込めません";
/// File filter name.
pub const FILE_FILTER: &str = "申請ファイル";
/// File filter name of spreadsheets to import.
pub const SHEET_FILTER: &str = "表計算ファイル";
/// Default file name.
pub const DEFAULT_FILE_NAME: &str = "申請.ron";
/// Status: saved.
pub fn saved(path: &str) -> String {
    format!("{path} に保存しました")
}
/// Status: autosaved recovery copy.
pub const RECOVERY_WRITTEN: &str = "復元用の控えを保存しました";
/// Recovery write failed.
pub const RECOVERY_FAILED: &str = "復元用の控えを保存できません";

// The in-app file chooser.
/// Title when opening an application file.
pub const CHOOSER_OPEN: &str = "申請ファイルを開く";
/// Title when saving.
pub const CHOOSER_SAVE: &str = "名前を付けて保存";
/// Title when choosing a spreadsheet to import.
pub const CHOOSER_IMPORT: &str = "取り込む表を選ぶ";
/// Title when choosing the export folder.
pub const CHOOSER_FOLDER: &str = "出力先フォルダを選ぶ";
/// Title when choosing the office page's folder of application files.
pub const CHOOSER_OFFICE: &str = "申請ファイルのフォルダを選ぶ";
/// Label of the typed path.
pub const CHOOSER_PATH: &str = "場所（パスを入力して Enter）";
/// Label of the typed file name when saving.
pub const CHOOSER_FILE_NAME: &str = "保存するファイル（パスを入力して Enter）";
/// How to use it by keyboard.
pub const CHOOSER_KEYS: &str = "パスを入力して Enter：フォルダなら中を表示、ファイルなら決定。Tab で一覧とボタンへ、Esc で閉じます";
/// Up one folder.
pub const CHOOSER_UP: &str = "上のフォルダへ";
/// Recent folders.
pub const CHOOSER_RECENT: &str = "最近のフォルダ";
/// Empty listing.
pub const CHOOSER_EMPTY: &str = "（該当するファイルはありません）";
/// Confirm a folder.
pub const CHOOSER_USE_FOLDER: &str = "このフォルダに決める";
/// Confirm saving.
pub const CHOOSER_SAVE_BUTTON: &str = "保存";
/// Confirm opening.
pub const CHOOSER_OPEN_BUTTON: &str = "開く";
/// The typed file does not exist.
pub const CHOOSER_NO_FILE: &str = "そのファイルは見つかりません";
/// The typed file's folder does not exist.
pub const CHOOSER_NO_FOLDER: &str = "保存先のフォルダが見つかりません";
/// A file where a folder was wanted.
pub const CHOOSER_NOT_FOLDER: &str = "フォルダを指定してください（ファイルが指定されています）";
/// Status when the desktop offers no file dialog.
pub const CHOOSER_NO_SERVICE: &str =
    "この環境ではファイル選択画面を開けないため、アプリ内のファイル選択を使います";
/// Menu toggle for the in-app chooser.
pub const MENU_IN_APP_CHOOSER: &str = "アプリ内のファイル選択を使う";

/// The chooser's start folder is not there yet.
pub fn chooser_not_yet(dir: &std::path::Path, created: bool) -> String {
    if created {
        format!(
            "フォルダ {} はまだありません。このまま選ぶと、書き出すときに作ります",
            dir.display()
        )
    } else {
        format!(
            "フォルダ {} が見つからないため、その上のフォルダを表示しています",
            dir.display()
        )
    }
}

/// A folder that cannot be listed.
pub fn chooser_unreadable(dir: &std::path::Path, e: &std::io::Error) -> String {
    crate::oserror::say(crate::oserror::Action::List, dir, e).to_string()
}

// The start screen.
/// Its heading.
pub const START_TITLE: &str = "産婦人科専門医の更新申請を作成します";
/// What to do first.
pub const START_LEAD: &str = "はじめに、どれかを選んでください。";
/// New application.
pub const START_NEW: &str = "新規作成";
/// Explanation.
pub const START_NEW_NOTE: &str = "空の申請を作ります（申請年度を選びます）";
/// Open.
pub const START_OPEN: &str = "開く";
/// Explanation.
pub const START_OPEN_NOTE: &str = "保存した申請ファイル（.ron）を開きます";
/// Import.
pub const START_IMPORT: &str = "表から取り込む";
/// Explanation.
pub const START_IMPORT_NOTE: &str = "症例一覧の表（CSV・Excel）から新しい申請を作ります";
/// Demo.
pub const START_DEMO: &str = "見本を見る";
/// Explanation.
pub const START_DEMO_NOTE: &str = "架空の医師の記入例を開きます（見本は上書き保存できません）";
/// Recent files on the start screen.
pub const START_RECENT: &str = "最近使ったファイル";
/// Banner over the demo.
pub const DEMO_BANNER: &str =
    "見本：架空の記入例です。保存するときは新しい名前を付けます（見本そのものは変わりません）";

/// The default export folder's name, beside the application file `stem`.ron.
pub fn export_folder_name(stem: &str) -> String {
    format!("{stem}_PDF")
}

/// Reload from disk, dropping the changes made here.
pub const CONFLICT_RELOAD: &str = "再読み込み（ここでの変更を破棄）";
/// Overwrite the other version.
pub const CONFLICT_OVERWRITE: &str = "上書き";
/// Save under another name.
pub const CONFLICT_SAVE_AS: &str = "別名で保存";
/// Status: someone else saved the open file.
pub fn changed_elsewhere(path: &str) -> String {
    format!("{path} がほかで保存されました。保存するときに確認します")
}

// The open file changed on disk (ui/conflict.rs).
/// Conflict dialog title.
pub const CONFLICT_TITLE: &str = "ほかの人がこのファイルを保存しました";
/// Conflict dialog text.
pub fn conflict_text(path: &str) -> String {
    format!(
        "{path} は、ここで開いた後に別の画面または別の人によって保存されています。\
         このまま上書きすると、その変更は失われます。"
    )
}

// Import window.
/// File menu: import cases.
pub const MENU_IMPORT_CASES: &str = "症例を表から取り込む…";
/// File menu: import credits.
pub const MENU_IMPORT_CREDITS: &str = "単位を表から取り込む…";
/// File menu: paste the portal's totals.
pub const MENU_IMPORT_PORTAL: &str = "会員ポータルの単位情報を貼り付ける…";
/// Title of the import window for cases.
pub const IMPORT_TITLE_CASES: &str = "症例を表から取り込む";
/// Title of the import window for credits.
pub const IMPORT_TITLE_CREDITS: &str = "単位を表から取り込む";
/// Title of the window for the portal's totals.
pub const IMPORT_TITLE_PORTAL: &str = "会員ポータルの単位情報を貼り付ける";
/// Choose the spreadsheet.
pub const IMPORT_PICK_FILE: &str = "ファイルを選ぶ…";
/// The workbook's sheet.
pub const IMPORT_SHEET: &str = "シート";
/// Heading of the column mapping.
pub const IMPORT_MAPPING: &str = "列の割り当て";
/// A field that needs a column.
pub const IMPORT_REQUIRED: &str = "必須";
/// No column chosen.
pub const IMPORT_NO_COLUMN: &str = "（なし）";
/// Heading of the rows that cannot be imported.
pub const IMPORT_BAD_ROWS: &str = "誤りのある行";
/// Heading of the notes on rows.
pub const IMPORT_NOTES: &str = "注意";
/// Import only the good rows.
pub const IMPORT_SKIP_BAD: &str = "正しい行だけ取り込む";
/// Before the pick-list of the sex of a list without that column.
pub const IMPORT_SEX_IF_MISSING: &str = "性別の列がありません。すべての行の性別:";
/// The name of that pick-list.
pub const IMPORT_SEX_PICK: &str = "取り込む行の性別";
/// Above the rows whose category leaves a choice.
pub const IMPORT_CHOOSE_KINDS: &str =
    "区分・項目を選んでください（ファイルの言葉だけでは決められない行）";
/// A pick-list with nothing chosen yet.
pub const IMPORT_CHOOSE: &str = "（選んでください）";

/// The row keys, said under every table's toolbar.
pub const ROW_KEYS: &str = "Shift+Space: 行を選択　Ctrl+C / Ctrl+V: 行のコピー・貼り付け";

/// Under the toolbar while rows are selected.
pub fn rows_selected(n: usize) -> String {
    format!(
        "{n}行を選択中 — Ctrl+C: 表計算ソフトに貼れる形でコピー　Ctrl+V: 選んだ行の後に貼り付け　Shift+Space: 行の選択を切り替え　Esc: 選択を解除"
    )
}

/// Where rows pasted into a table go.
pub fn import_paste_where(at: usize, len: usize) -> String {
    if at >= len {
        "貼り付けた行は、表の最後に追加します。取り込む前に内容を確かめてください（元に戻す: Ctrl+Z で一度に取り消せます）".into()
    } else {
        format!(
            "貼り付けた行は、選んだ行（{at}件目）の後に追加します。取り込む前に内容を確かめてください（元に戻す: Ctrl+Z で一度に取り消せます）"
        )
    }
}

/// The name of the pick-list of that row's kind.
pub fn import_kind_pick(line: usize, written: &str) -> String {
    format!("{}の区分・項目", import_kind_row(line, written))
}

/// 「9行目「必修講習A」」: a row whose kind is to be chosen.
pub fn import_kind_row(line: usize, written: &str) -> String {
    if written.is_empty() {
        format!("{line}行目")
    } else {
        format!("{line}行目「{written}」")
    }
}
/// Leave out duplicated rows.
pub const IMPORT_SKIP_DUPLICATES: &str = "重複している行を除く";
/// Sort the cases by date (within each facility) after importing.
pub const IMPORT_SORT_BY_DATE: &str =
    "取り込んだ後、施設ごとに診察日の順に並べ替える（様式3のNo.が日付順になります）";
/// Import.
pub const IMPORT: &str = "取り込む";
/// Close a window.
pub const CLOSE: &str = "閉じる";
/// How to copy the portal's table.
pub const PORTAL_HINT: &str = "会員ポータル「単位情報」→「機構専門医」の表を、見出しから「単位数」の行まで選んでコピーし、ここに貼り付けてください。";
/// Import the portal's totals.
pub const PORTAL_IMPORT: &str = "単位情報を取り込む";
/// Heading of the first `n` rows to import.
pub fn import_good_rows(n: usize) -> String {
    format!("取り込む内容（先頭{n}行まで）")
}
/// Heading of how each column was read.
pub const IMPORT_READING: &str = "読み取り結果（列ごと）";
/// The rows read, and how many are good, bad and duplicated.
pub fn import_counts(rows: usize, good: usize, bad: usize, duplicates: usize) -> String {
    format!("{rows}行（正しい行 {good}、{IMPORT_BAD_ROWS} {bad}、重複 {duplicates}）")
}
/// A row of the file, by its line, and what it says.
pub fn import_line(line: usize, text: &str) -> String {
    format!("{line}行目: {text}")
}
/// A field's name with the required mark.
pub fn import_required(label: &str) -> String {
    format!("{label}（{IMPORT_REQUIRED}）")
}
/// Units of one portal column.
pub fn portal_units(units: u32) -> String {
    format!("{units}単位")
}
/// Status: cases imported.
pub fn cases_imported(n: usize) -> String {
    format!("{n}件の症例を取り込みました")
}
/// Status: credits imported.
pub fn credits_imported(n: usize) -> String {
    format!("{n}件の単位を取り込みました")
}
/// Status: credits made from the portal's totals.
pub fn portal_imported(n: usize) -> String {
    format!("会員ポータルの合計から{n}件の単位を取り込みました")
}

// Office window.
/// File menu: the office window.
pub const MENU_OFFICE: &str = "事務用：一括出力…";
/// Hover text of a 合格 that rests on entries dated after today.
pub const OFFICE_PASSES_WITH_PLANS: &str = "今日より後の日付の症例・単位（予定）を含めると基準を満たします。今日までの分ではまだ足りません（進み具合を参照）。";
/// The office window's title (and the File menu item's tooltip).
pub const OFFICE_WINDOW_TITLE: &str = "事務用：複数の申請を一括出力";
/// Open a folder of applications.
pub const OFFICE_OPEN_FOLDER: &str = "フォルダを開く…";
/// Read the folder again.
pub const OFFICE_RELOAD: &str = "再読み込み";
/// Select every application.
pub const OFFICE_SELECT_ALL: &str = "すべて選択";
/// Select none.
pub const OFFICE_SELECT_NONE: &str = "選択を解除";
/// Export the chosen applications.
pub const OFFICE_EXPORT_ALL: &str = "一括出力…";
/// Open one application in the window.
pub const OFFICE_OPEN: &str = "開く";
/// The columns of the list of applications.
pub const OFFICE_COLUMNS: [&str; 6] = ["氏名", "判定", "進み具合", "締切", "最終更新", ""];
/// "42/50単位・症例 38/50・毎月0.6単位が必要" — a doctor's standing in the office list, in
/// one line (the details are [`standing_details`]).
pub fn standing_line(s: &Standing) -> String {
    let cases = if s.cases_needed == 0 {
        "症例 免除".to_owned()
    } else {
        format!("症例 {}/{}", s.cases_counted, s.cases_needed)
    };
    let mut line = format!("{}/{}単位・{cases}", s.total_counted, s.total_required);
    if let Some(p) = &s.pace {
        line.push_str(&format!("・毎月{:.1}単位が必要", p.needed_per_month));
    }
    if let Some((reason, _)) = &s.own_period {
        line.push_str(&format!("・活動期間{reason}"));
    }
    line
}
/// A doctor's standing in full, one fact a line: everything [`standing_line`] says, and the
/// shortfalls and the recent pace (the hover text of the office list's line).
pub fn standing_details(s: &Standing) -> String {
    let mut lines = Vec::new();
    if s.during_period {
        lines.push(
            "今月までの日付の分で数えています（それより後の日付は予定とみなします）".to_owned(),
        );
    }
    if let Some((reason, span)) = &s.own_period {
        lines.push(format!("活動期間 {span}（{reason}）"));
    }
    lines.push(total_line(s.total_counted, s.total_required));
    if s.cases_needed == 0 {
        lines.push("症例は免除".to_owned());
    } else {
        lines.push(format!("症例 {} / {} 例", s.cases_counted, s.cases_needed));
    }
    for short in &s.short {
        lines.push(format!(
            "{} {}は最低まであと{}単位",
            short.code.roman(),
            short.code.label(),
            short.units
        ));
    }
    if let Some(p) = &s.pace {
        lines.push(format!(
            "活動期間の終わりまで、毎月{:.1}単位のペースが必要です",
            p.needed_per_month
        ));
        let verdict = if p.kept() {
            "このペースなら間に合います"
        } else {
            "このペースでは足りません"
        };
        lines.push(format!(
            "直近{}か月の実績は毎月{:.1}単位（{verdict}）",
            p.recent_months, p.recent_per_month
        ));
    } else if s.reached() {
        lines.push("必要な単位数を満たしています".to_owned());
    } else if !s.during_period {
        lines.push("今日は活動期間の外のため、必要なペースは示しません".to_owned());
    }
    lines.join("\n")
}
/// A doctor's checkbox in the office list, for screen readers.
pub fn office_select(name: &str) -> String {
    format!("{name}を一括出力に含める")
}
/// Before a folder is opened.
pub const OFFICE_NO_FOLDER: &str = "申請ファイル（.ron）の入ったフォルダを開いてください。";

/// The message box when no renderer could open the window (the reasons are eframe's, in English).
pub fn no_window(reasons: &[String], log: Option<&std::path::Path>) -> String {
    let mut s = String::from(
        "画面を開けませんでした。このパソコンの画面描画（Direct3D 12 / Vulkan / Metal、OpenGL 2.0 以上）がどれも使えません。\n\n",
    );
    s.push_str("試すこと:\n");
    s.push_str("・パソコンを再起動する。グラフィックのドライバーを更新する（Windows Update）\n");
    s.push_str("・リモートデスクトップや仮想デスクトップ（VDI）では、パソコンの管理者に 3D 描画（GPU またはソフトウェア描画）を有効にできるか尋ねる\n");
    s.push_str("・画面なしのコマンド（check、export など）は、このままでも使えます\n\n");
    s.push_str("原因（そのまま管理者へ伝えてください）:\n");
    for r in reasons {
        s.push_str(&format!("・{r}\n"));
    }
    if let Some(log) = log {
        s.push_str(&format!(
            "\nこの内容は {} にも記録しました。",
            log.display()
        ));
    }
    s
}
