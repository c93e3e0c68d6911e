//! Every word the command line prints: help, progress lines and error messages, in one table.
//!
//! Words shared with the window and the forms (the must-fix badge 要対応, a category's name)
//! come from the rules and are not repeated here.

use std::path::Path;

use crate::model::Application;
use crate::rules::{Report, RuleSet};

// ── Help layout ───────────────────────────────────────────────────────────────────────────────

/// The layout of every `--help`: clap's own headings are English, so they are replaced.
pub const HELP_TEMPLATE: &str = "{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";
/// Heading over the verbs.
pub const HEADING_COMMANDS: &str = "コマンド";
/// Heading over the positional arguments.
pub const HEADING_ARGS: &str = "引数";
/// Heading over the options.
pub const HEADING_OPTIONS: &str = "オプション";
/// Placeholder for the verb in the usage line.
pub const VALUE_COMMAND: &str = "コマンド";

/// `-h`, `--help`.
pub const OPT_HELP: &str = "使い方を表示する";
/// `-V`, `--version`.
pub const OPT_VERSION: &str = "バージョンを表示する";
/// `--rules FILE`, accepted by every verb.
pub const OPT_RULES: &str =
    "この規則ファイルを使う（規則フォルダや組み込みの規則より優先。何度でも指定できます）";

// ── Value names ───────────────────────────────────────────────────────────────────────────────

/// An application file.
pub const VALUE_FILE: &str = "申請ファイル";
/// A fiscal year.
pub const VALUE_YEAR: &str = "年度";
/// A date.
pub const VALUE_DATE: &str = "日付";
/// An output folder.
pub const VALUE_DIR: &str = "フォルダ";
/// A spreadsheet to import.
pub const VALUE_SHEET_FILE: &str = "表ファイル";
/// A sheet of a workbook.
pub const VALUE_SHEET: &str = "シート名";
/// A CSV file to write.
pub const VALUE_CSV: &str = "CSVファイル";
/// A rule file.
pub const VALUE_RULES: &str = "規則ファイル";
/// The forms to export.
pub const VALUE_FORMS: &str = "様式";
/// File names in a workspace folder.
pub const VALUE_NAMES: &str = "ファイル名";
/// A shell.
pub const VALUE_SHELL: &str = "シェル";

// ── The program ───────────────────────────────────────────────────────────────────────────────

/// What the program is.
pub const ABOUT: &str = "産婦人科専門医 更新申請（書類申請）の作成アプリ。\n\
申請ファイルを画面で開きます（指定がなければ始めの画面）。コマンドを付けると画面なしで動きます。";
/// The GUI's optional file.
pub const ARG_GUI_FILE: &str = "画面で開く申請ファイル";
/// Examples for the program as a whole.
pub const MAIN_AFTER: &str = "\
例:
  jsog-renewal                              始めの画面を開く
  jsog-renewal 申請.ron                     申請ファイルを画面で開く
  jsog-renewal check 申請.ron               判定を表示する
  jsog-renewal export 申請.ron --out 書類   書類一式をPDFで書き出す

コマンドごとの使い方: jsog-renewal <コマンド> --help";

// ── Verbs: what each does, its usage, an example ──────────────────────────────────────────────

/// `demo`
pub const DEMO: &str = "見本の申請ファイルを書き出す（架空の内容で、更新基準を満たす例）。既存のファイルは上書きしません";
/// `demo` usage.
pub const DEMO_USAGE: &str = "jsog-renewal demo <申請ファイル>";
/// `demo` example.
pub const DEMO_AFTER: &str = "例:\n  jsog-renewal demo 見本.ron";
/// `demo FILE`
pub const DEMO_FILE: &str = "書き出す申請ファイル";

/// `new`
pub const NEW: &str = "空の申請ファイルを作る。既存のファイルは上書きしません";
/// `new` usage.
pub const NEW_USAGE: &str = "jsog-renewal new <申請ファイル> [--year <年度>]";
/// `new` example.
pub const NEW_AFTER: &str = "例:\n  jsog-renewal new 申請.ron --year 2026";
/// `new FILE`
pub const NEW_FILE: &str = "作る申請ファイル";
/// `new --year`
pub const NEW_YEAR: &str = "申請する年度（省略すると、受付がまだ終わっていない最初の年度）";

/// `check`
pub const CHECK: &str = "判定と、受付開始前なら途中経過を表示する\n\
終了コード 0: 更新基準を満たす、1: 満たしていない、2: 読めない";
/// `check` usage.
pub const CHECK_USAGE: &str = "jsog-renewal check <申請ファイル> [--json] [--today <日付>]";
/// `check` example.
pub const CHECK_AFTER: &str = "例:\n  jsog-renewal check 申請.ron --today 2025-11-26";
/// `check FILE`
pub const CHECK_FILE: &str = "判定する申請ファイル";
/// `check --json`
pub const CHECK_JSON: &str = "判定をJSONで出力する（項目は README を参照）";
/// `check --why`
pub const CHECK_WHY: &str = "指摘ごとに根拠（概要の項番号、または学会・機構の通知）を示す";
/// `check --today`
pub const CHECK_TODAY: &str = "途中経過を計算する日付（例: 2025-11-26。省略すると今日）";

/// `retarget`
pub const RETARGET: &str = "申請の年度を変える（入力はすべて残し、新しい年度の基準で判定する）";
/// `retarget` usage.
pub const RETARGET_USAGE: &str = "jsog-renewal retarget <申請ファイル> --year <年度>";
/// `retarget` example.
pub const RETARGET_AFTER: &str = "例:\n  jsog-renewal retarget 申請.ron --year 2027";
/// `retarget FILE`
pub const RETARGET_FILE: &str = "年度を変える申請ファイル";
/// `retarget --year`
pub const RETARGET_YEAR: &str = "新しい年度";

/// `rules`
pub const RULES: &str = "使える規則を表示する（一覧・内容・年度の違い）";
/// `rules` usage.
pub const RULES_USAGE: &str = "jsog-renewal rules <list | show | diff>";
/// `rules` example.
pub const RULES_AFTER: &str = "例:\n  jsog-renewal rules list\n  jsog-renewal rules diff 2024 2025";
/// `rules list`
pub const RULES_LIST: &str = "使える規則の一覧（年度・公式/暫定・読込元・出典）";
/// `rules list` usage.
pub const RULES_LIST_USAGE: &str = "jsog-renewal rules list";
/// `rules list` example.
pub const RULES_LIST_AFTER: &str = "例:\n  jsog-renewal rules list";
/// `rules show`
pub const RULES_SHOW: &str = "1つの年度の規則の内容を表示する";
/// `rules show` usage.
pub const RULES_SHOW_USAGE: &str = "jsog-renewal rules show <年度> [--ron]";
/// `rules show` example.
pub const RULES_SHOW_AFTER: &str = "例:\n  jsog-renewal rules show 2026 --ron > fy2026.ron";
/// `rules show YEAR`
pub const RULES_SHOW_YEAR: &str = "表示する年度";
/// `rules show --ron`
pub const RULES_SHOW_RON: &str =
    "規則ファイルの形で表示する（書き換えて --rules や規則フォルダで使えます）";
/// `rules diff`
pub const RULES_DIFF: &str = "2つの年度の規則の違いを表示する";
/// `rules diff` usage.
pub const RULES_DIFF_USAGE: &str = "jsog-renewal rules diff <年度A> <年度B>";
/// `rules diff` example.
pub const RULES_DIFF_AFTER: &str = "例:\n  jsog-renewal rules diff 2024 2025";
/// `rules diff A`
pub const RULES_DIFF_FROM: &str = "比べる元の年度";
/// `rules diff B`
pub const RULES_DIFF_TO: &str = "比べる先の年度";

/// `export`
pub const EXPORT: &str = "書類一式（様式1～4とチェックリスト）をPDFで書き出す\n\
印刷すると失われる値（枠に収まらない、フォントにない文字）があれば、何も書き出しません";
/// `export` usage.
pub const EXPORT_USAGE: &str = "jsog-renewal export <申請ファイル> --out <フォルダ> [--form <様式>] [--per-form] [--force] [--omit-outside-period]";
/// `export` example.
pub const EXPORT_AFTER: &str = "例:\n  jsog-renewal export 申請.ron --out 書類\n  jsog-renewal export 申請.ron --out 書類 --form 1,3";
/// `export FILE`
pub const EXPORT_FILE: &str = "書き出す申請ファイル";
/// `export --out`
pub const EXPORT_OUT: &str = "書き出し先のフォルダ（なければ作ります）";
/// `export --form`
pub const EXPORT_FORM: &str =
    "指定の様式だけを、1つずつのファイルに書き出す（1, 2, 3, 4, checklist をコンマ区切りで）";
/// `export --per-form`
pub const EXPORT_PER_FORM: &str = "一式のファイルに加えて、様式ごとのファイルも書き出す";
/// `export --force`
pub const EXPORT_FORCE: &str = "印刷すると失われる値があっても書き出す";
/// `export --omit-outside-period`
pub const EXPORT_OMIT_OUTSIDE: &str =
    "活動期間の外の日付の症例を様式3に載せない（申請ファイルは変えない）";

/// `import-cases`
pub const IMPORT_CASES: &str = "症例をCSV/Excelから取り込む\n\
誤りのある行があれば何も取り込まず、行番号と理由を表示します（終了コード 1）";
/// `import-cases` usage.
pub const IMPORT_CASES_USAGE: &str = "jsog-renewal import-cases <申請ファイル> <表ファイル> [--sheet <シート名>] [--skip-bad] [--skip-duplicates]";
/// `import-cases` example.
pub const IMPORT_CASES_AFTER: &str =
    "例:\n  jsog-renewal import-cases 申請.ron 症例.xlsx --sheet 2023年度";
/// `import-credits`
pub const IMPORT_CREDITS: &str = "単位をCSV/Excel、または会員ポータルの単位情報の表から取り込む\n\
誤りのある行があれば何も取り込まず、行番号と理由を表示します（終了コード 1）";
/// `import-credits` usage.
pub const IMPORT_CREDITS_USAGE: &str = "jsog-renewal import-credits <申請ファイル> <表ファイル> [--sheet <シート名>] [--skip-bad] [--skip-duplicates] [--portal]";
/// `import-credits` example.
pub const IMPORT_CREDITS_AFTER: &str = "例:\n  jsog-renewal import-credits 申請.ron 単位.csv\n  jsog-renewal import-credits 申請.ron ポータル.txt --portal";
/// The application file an import adds to.
pub const IMPORT_FILE: &str = "取り込み先の申請ファイル";
/// The spreadsheet an import reads.
pub const IMPORT_SHEET_FILE: &str = "読み込むCSVまたはExcelのファイル";
/// `--sheet`
pub const IMPORT_SHEET: &str = "読むシートの名前（省略すると、見出しが最もよく合うシート）";
/// `--skip-bad`
pub const IMPORT_SKIP_BAD: &str = "誤りのある行を除き、正しい行だけを取り込む";
/// `--skip-duplicates`
pub const IMPORT_SKIP_DUPLICATES: &str = "すでに入力済みのものと重複する行を取り込まない";
/// `--portal`
pub const IMPORT_PORTAL: &str = "会員ポータルの単位情報の表（ブラウザからコピーしたテキスト）として読む（省略時は中身から判断）";

/// `export-cases`
pub const EXPORT_CASES: &str = "症例をCSV（UTF-8・BOM付き）に書き出す";
/// `export-cases` usage.
pub const EXPORT_CASES_USAGE: &str = "jsog-renewal export-cases <申請ファイル> <CSVファイル>";
/// `export-cases` example.
pub const EXPORT_CASES_AFTER: &str = "例:\n  jsog-renewal export-cases 申請.ron 症例.csv";
/// `export-credits`
pub const EXPORT_CREDITS: &str = "単位をCSV（UTF-8・BOM付き）に書き出す";
/// `export-credits` usage.
pub const EXPORT_CREDITS_USAGE: &str = "jsog-renewal export-credits <申請ファイル> <CSVファイル>";
/// `export-credits` example.
pub const EXPORT_CREDITS_AFTER: &str = "例:\n  jsog-renewal export-credits 申請.ron 単位.csv";
/// The application file a CSV export reads.
pub const CSV_FILE: &str = "読む申請ファイル";
/// The CSV file written.
pub const CSV_OUT: &str = "書き出すCSVファイル（申請ファイルは指定できません）";

/// `export-all`
pub const EXPORT_ALL: &str = "フォルダ内のすべての申請の書類一式を、医師ごとのフォルダに書き出す\n\
終了コード 0: すべて書き出した、1: 一部が失敗、2: 始められない";
/// `export-all` usage.
pub const EXPORT_ALL_USAGE: &str =
    "jsog-renewal export-all <フォルダ> --out <フォルダ> [--only <ファイル名>]";
/// `export-all` example.
pub const EXPORT_ALL_AFTER: &str =
    "例:\n  jsog-renewal export-all 申請 --out 書類 --only yamada.ron,sato.ron";
/// `export-all DIR`
pub const EXPORT_ALL_DIR: &str = "申請ファイル（*.ron）の入ったフォルダ";
/// `export-all --out`
pub const EXPORT_ALL_OUT: &str = "書き出し先のフォルダ（医師ごとにフォルダを作ります）";
/// `export-all --only`
pub const EXPORT_ALL_ONLY: &str = "この申請ファイルだけを書き出す（コンマ区切り。拡張子は省略可）";

/// `completions` (hidden: the package installs its output)
pub const COMPLETIONS: &str = "シェルの補完スクリプトを出力する";
/// `completions SHELL`
pub const COMPLETIONS_SHELL: &str = "補完スクリプトを出力するシェル";

/// `help` (hidden: `--help` is the documented way)
pub const HELP: &str = "コマンドの使い方を表示する";
/// `help VERB`
pub const HELP_VERB: &str = "使い方を表示するコマンド";

// ── Errors ────────────────────────────────────────────────────────────────────────────────────

/// Prefix of the one error line.
pub const ERROR: &str = "エラー";
/// Prefix of a warning line.
pub const WARNING: &str = "警告";

/// The line after every error: where to read how the verb is used.
pub fn see_help(verb: &str) -> String {
    if verb.is_empty() {
        "使い方: jsog-renewal --help".to_string()
    } else {
        format!("使い方: jsog-renewal {verb} --help")
    }
}

/// The line after bad rows stopped an import.
pub fn skip_bad_hint(verb: &str) -> String {
    format!(
        "（--skip-bad を付けると正しい行だけを取り込みます。使い方: jsog-renewal {verb} --help）"
    )
}

/// A rule file that was left unused.
pub fn rules_rejected(rejected: &dyn std::fmt::Display) -> String {
    format!("{WARNING}: {rejected}（この規則ファイルは使わず、組み込みの規則を使います）")
}

/// An option clap does not know.
pub fn unknown_option(arg: &str) -> String {
    format!("不明なオプションです: {arg}")
}

/// An argument too many.
pub fn extra_argument(arg: &str) -> String {
    format!("余分な引数です: {arg}")
}

/// A verb that does not exist.
pub fn unknown_command(verb: &str) -> String {
    format!("不明なコマンドです: {verb}")
}

/// A required argument or option left out.
pub fn missing(args: &str) -> String {
    format!("{args} を指定してください")
}

/// A verb whose sub-verb is left out (`rules`).
pub fn missing_verb(choices: &str) -> String {
    format!("{VALUE_COMMAND}（{choices} のいずれか）を指定してください")
}

/// Two options that exclude each other.
pub fn conflict(a: &str, b: &str) -> String {
    format!("{a} と {b} は同時に指定できません")
}

/// An option given without its value.
pub fn value_missing(arg: &str) -> String {
    format!("{arg} の後に値を指定してください")
}

/// A value that is not one of the choices.
pub fn invalid_value(arg: &str, value: &str, choices: &str) -> String {
    if choices.is_empty() {
        format!("{arg} の値が正しくありません: {value}")
    } else {
        format!("{arg} の値が正しくありません: {value}（{choices} のいずれか）")
    }
}

/// A value its parser refused, with the parser's reason.
pub fn refused_value(arg: &str, why: &str) -> String {
    format!("{arg}: {why}")
}

/// Any other misuse of the arguments.
pub const BAD_ARGUMENTS: &str = "引数の指定が正しくありません";

/// A year that is not a number.
pub fn year_not_a_number(text: &str) -> String {
    format!("年度が数字ではありません: {text}")
}

/// A date that cannot be read.
pub fn bad_date(text: &str) -> String {
    format!("日付を読めません: {text}（例: 2025-11-26）")
}

/// A form name that does not exist.
pub fn unknown_form(name: &str) -> String {
    format!("不明な様式です: {name}（1, 2, 3, 4, checklist のいずれか）")
}

/// The window could not be opened (no display, no graphics driver).
pub fn window_failed(why: &dyn std::fmt::Display) -> String {
    format!("画面を開けません: {why}")
}

/// `new` / `demo` onto an existing file.
pub fn exists(path: &Path) -> String {
    format!("{} はすでにあります。上書きしません", path.display())
}

/// No rule set for the application's year.
pub fn no_rules(year: u16) -> String {
    format!("{year}年度の規則がありません")
}

/// A rule set could not be written as RON.
pub fn ron_failed(why: &str) -> String {
    format!("規則ファイルの形にできません: {why}")
}

/// The verdict could not be written as JSON.
pub fn json_failed(why: &dyn std::fmt::Display) -> String {
    format!("JSONにできません: {why}")
}

/// `export` refused by the pre-flight check.
pub const EXPORT_REFUSED: &str =
    "印刷すると失われる値があるため、書き出しませんでした（修正するか --force を付けてください）";
/// `export --form` where none of the forms applies.
pub const EXPORT_NOTHING: &str = "指定された様式は、この申請では提出不要のため書き出していません";
/// `import-credits --portal` with an impossible figure.
pub fn implausible_units(column: &str, units: u32, max: u32) -> String {
    format!("{column}の単位数 {units} はありえない値です（上限{max}単位）。何も取り込んでいません")
}

/// `export-all --only` matching no file.
pub const NO_MATCH: &str = "--only に合う申請ファイルがありません";

// ── Output ────────────────────────────────────────────────────────────────────────────────────

/// `new` / `demo` done.
pub fn created(path: &Path) -> String {
    format!("{} を作成しました", path.display())
}

/// `retarget` done.
pub fn retargeted(path: &Path, from: u16, to: u16, cases: usize, credits: usize) -> String {
    format!(
        "{} を{from}年度から{to}年度に移しました（症例{cases}例・単位{credits}件はそのまま）",
        path.display()
    )
}

/// Header of `rules diff`.
pub fn diff_header(a: u16, b: u16) -> String {
    format!("{a}年度 → {b}年度")
}

/// `rules diff` of two equal years.
pub const NO_DIFFERENCE: &str = "  違いはありません";

/// `export` summary.
pub fn exported(pages: usize, kb: u64) -> String {
    format!("{pages}ページ、{kb} KB を書き出しました")
}

/// After exporting a failing bundle with the draft mark.
pub const EXPORTED_DRAFT: &str = "基準を満たしていないため、すべてのページに「下書き（基準未達）」と印刷しました。このまま提出する場合は --post-as-is を付けて書き出してください（判定は委員会が行います）";
/// After exporting a failing bundle with --post-as-is.
pub const EXPORTED_AS_IS: &str =
    "基準を満たしていませんが、指定どおり「下書き」の印なしで書き出しました";
/// Help of --post-as-is.
pub const EXPORT_POST_AS_IS: &str = "基準を満たしていない書類も「下書き（基準未達）」の印なしで書き出す（規則が仮の場合など、このまま提出するとき）";
/// `export --letters`.
pub const EXPORT_LETTERS: &str = "署名のお願い（様式3の施設ごとに1通）、送付状、封筒の宛名ラベルもバンドルの横に書き出す（宛先は画面で登録した地方学会の住所）";
/// `export --envelope`.
pub const EXPORT_ENVELOPE: &str =
    "宛名ラベルの封筒: kaku2（角2、A4をそのまま。既定）または naga3（長3、三つ折り）";
/// `export --letters-in-bundle`.
pub const EXPORT_LETTERS_IN_BUNDLE: &str = "署名のお願いをバンドルにも印刷する（様式3の各施設のページの前。そのページと一緒に抜き出して渡し、送付前に外す）";
/// An envelope.
pub const VALUE_ENVELOPE: &str = "封筒";
/// An envelope not known.
pub fn unknown_envelope(name: &str) -> String {
    format!("不明な封筒です: {name}（kaku2 または naga3）")
}
/// The letters were written without the committee's address.
pub fn address_blank(society: &str) -> String {
    let society = crate::mailing::society_or_placeholder(society);
    format!(
        "{society}の専門医制度委員会の住所が登録されていないため、送付状と宛名ラベルの宛先は空欄です。手で書き入れるか、画面の「出力」ページで住所を登録してから書き出し直してください"
    )
}
/// `export` of an application that does not pass.
pub const EXPORTED_NOT_PASSING: &str =
    "注意: この申請は更新基準を満たしていません（チェックリストにも記載）:";

/// A CSV export done.
pub fn wrote(path: &Path) -> String {
    format!("{} に書き出しました", path.display())
}

/// Rows read by an import.
pub fn rows_read(source: &str, rows: usize, good: usize) -> String {
    format!(
        "{source}: {rows}行を読みました（正しい行 {good}、誤りのある行 {}）",
        rows - good
    )
}

/// Heading of the columns' reading summary.
pub const READING_SUMMARY: &str = "読み取り結果（正しい行）:";

/// A bad row, on standard error.
pub fn bad_row(problem: &str) -> String {
    format!("  誤り {problem}")
}

/// A row's notes.
pub fn row_notes(line: usize, notes: &str) -> String {
    format!("  注意 {line}行目: {notes}")
}

/// Rows added by an import.
pub fn added(count: usize, what: &str, path: &Path) -> String {
    format!("{count}件の{what}を{}に追加しました", path.display())
}

/// What an import adds, in `added`.
pub const CASES: &str = "症例";
/// What an import adds, in `added`.
pub const CREDITS: &str = "単位";

/// Bad rows left out with `--skip-bad`.
pub fn skipped_bad(count: usize) -> String {
    format!("誤りのある{count}行は取り込みませんでした")
}

/// Duplicate rows left out with `--skip-duplicates`.
pub fn skipped_duplicates(count: usize) -> String {
    format!("重複の{count}行は取り込みませんでした")
}

/// The clinical tally after an import.
pub fn clinical(entered: usize, valid: usize, units: u32) -> String {
    format!("診療実績: 症例{entered}件（有効{valid}件）→ {units}単位")
}

/// One column of the portal's table.
pub fn portal_units(column: &str, units: u32) -> String {
    format!("  {column}: {units}単位")
}

/// The portal's table imported.
pub fn portal_added(count: usize, path: &Path) -> String {
    format!(
        "会員ポータルの単位情報から{count}件の単位を{}に取り込みました",
        path.display()
    )
}

/// `export-all`: the folder and how many files it holds.
pub fn workspace_header(dir: &Path, count: usize) -> String {
    format!("{}: 申請ファイル {count}件", dir.display())
}

/// `export-all`: one doctor before the export.
pub fn workspace_doctor(name: &str, verdict: &str, deadline: &str, modified: &str) -> String {
    format!("  {name}  {verdict}  {deadline}  最終更新 {modified}")
}

/// Mark of a doctor exported.
pub const OK_MARK: &str = "○";
/// Mark of a doctor that failed.
pub const FAILED_MARK: &str = "×";

// ── The verdict (`check`, `retarget`) ─────────────────────────────────────────────────────────

/// Under a pass that counts entries dated after the day the check is for.
pub const PASSES_WITH_PLANS: &str = "※ 今日より後の日付（予定）の症例・単位を含めた判定です。今日までの分ではまだ足りません（下の途中経過）。";
/// The verdict as plain Japanese text, naming the rule set and whether it is provisional.
pub fn verdict(app: &Application, report: &Report, rules: &RuleSet, why: bool) -> String {
    let mut s = String::new();
    let a = &app.applicant;
    let who = if a.name.trim().is_empty() {
        "（氏名未入力）"
    } else {
        a.name.trim()
    };
    s.push_str(&format!(
        "{who}（{}） {}年度 専門医更新申請\n",
        a.specialist_number, report.fiscal_year
    ));
    s.push_str(&format!(
        "基準: {}年度・{}・{}\n",
        rules.fiscal_year,
        rules.status.label(),
        rules.origin.label()
    ));
    if let Some(notice) = rules.provisional_notice() {
        s.push_str(&format!("※{notice}\n"));
    }
    s.push_str(if report.passes {
        "判定: 更新基準を満たしています\n"
    } else {
        "判定: 更新基準を満たしていません\n"
    });
    s.push_str(&format!("活動期間: {}\n", report.activity_period.text()));
    for n in report.activity_period.notices(rules) {
        s.push_str(&format!("  根拠: 「{}」 {}\n", n.title, n.url));
    }
    if report.exempt_from_clinical {
        s.push_str("（診療実績免除: ii～ivの合計で判定）\n");
    }
    // A verdict that rests on a number no source gives says so, next to the verdict.
    for a in &report.assumptions {
        s.push_str(&format!("※仮定: {a}\n"));
    }
    for c in &report.categories {
        let max = c.max.map_or("上限なし".to_string(), |m| format!("上限{m}"));
        s.push_str(&format!(
            "  {:<4}{}  {}単位（申告{}・最低{}・{}） {}\n",
            c.code.roman(),
            c.name,
            c.counted,
            c.claimed,
            c.min,
            max,
            if c.ok { "○" } else { "×" }
        ));
    }
    s.push_str(&format!(
        "  合計 {}/{} 単位\n",
        report.total_counted, report.total_required
    ));
    if !report.findings.is_empty() {
        s.push_str(&format!("指摘 {}件:\n", report.findings.len()));
        for g in report.finding_groups() {
            let tag = g.severity.label();
            let indent = if g.is_group() {
                s.push_str(&format!("  [{tag}] {}:\n", g.title()));
                "      "
            } else {
                "  "
            };
            for &i in &g.findings {
                let f = &report.findings[i];
                if g.is_group() {
                    s.push_str(&format!("{indent}{}\n", f.message));
                } else {
                    s.push_str(&format!("{indent}[{tag}] {}\n", f.message));
                }
            }
            // One rule per group: its 根拠 once.
            if why && let Some(&first) = g.findings.first() {
                let source = &report.findings[first].source;
                s.push_str(&format!("{indent}    {}\n", source.text()));
            }
        }
    }
    s
}
