//! The part of docs/import.md that lists every header and word the importer accepts, made from
//! the very tables the importer reads (a test fails when the file and this differ).

use std::fmt::Write as _;

use super::FieldSpec;
use super::cases::CASE_FIELDS;
use super::credit_words::{CREDIT_WORDS, FILLER_WORDS, category_label, choice_text, kind_text};
use super::credits::{CREDIT_FIELDS, E_LEARNING_TITLE_WORDS, MODE_WORDS};
use super::privacy::{BIRTH_HEADERS, IDENTIFYING_HEADERS, IDENTIFYING_PARTS};
use super::values::{AUTHOR_ROLE_WORDS, NO_WORDS, SEX_WORDS, YES_WORDS};

/// The line the generated part starts after.
pub const BEGIN: &str =
    "<!-- accepted words: generated from src/import (cargo test updates it with UPDATE_DOCS=1) -->";
/// The line it ends before.
pub const END: &str = "<!-- end of accepted words -->";

fn code(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn headers(out: &mut String, title: &str, fields: &[FieldSpec]) {
    let _ = writeln!(out, "### {title}\n");
    out.push_str("| column | headers accepted | required |\n| --- | --- | --- |\n");
    for f in fields {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            f.label,
            code(f.aliases),
            if f.required { "yes" } else { "no" }
        );
    }
    out.push('\n');
}

/// The generated part, between [`BEGIN`] and [`END`].
pub fn accepted_words() -> String {
    let mut out = String::new();
    out.push_str(
        "Headers are compared after folding width and dropping spaces, punctuation and a \
         bracketed remark; words after folding width and dropping spaces, brackets and 「・」.\n\n",
    );
    headers(&mut out, "Headers of a case list (様式3)", CASE_FIELDS);
    headers(&mut out, "Headers of a credit list", CREDIT_FIELDS);

    out.push_str("### Words of the 区分 and 項目 cells\n\n");
    out.push_str(
        "A cell may hold several of these one after another (「共通講習（必修A）医療安全」); each \
         narrows what the credit can be. Where the words leave more than one kind open, the row \
         is not imported until the user chooses in the preview (or writes the 項目). A leading \
         number is ii–iv in the 区分 cell (`2`, `3`, `4`) and an item of iv in the 項目 cell \
         (`(3)`).\n\n",
    );
    out.push_str("| word | means |\n| --- | --- |\n");
    for w in CREDIT_WORDS {
        let means = match w.kinds {
            [one] => kind_text(*one),
            kinds => {
                let items: Vec<String> = kinds.iter().map(|k| choice_text(*k, kinds)).collect();
                let category = kinds.first().map_or("", |k| category_label(*k));
                format!("{category}, one of: {} (a choice)", items.join("・"))
            }
        };
        let _ = writeln!(out, "| `{}` | {means} |", w.word);
    }
    let _ = writeln!(
        out,
        "\nPassed over, as saying nothing of the kind: {}.\n",
        code(FILLER_WORDS)
    );

    out.push_str("### Words of the 形態 cell\n\n| word | read as |\n| --- | --- |\n");
    for (word, mode) in MODE_WORDS {
        let _ = writeln!(out, "| `{word}` | {mode} |");
    }
    let _ = writeln!(
        out,
        "\nAn empty 形態 is 受講, or e-learning when the title holds {}.\n",
        code(E_LEARNING_TITLE_WORDS)
    );

    out.push_str("### Other cells\n\n");
    let sex: Vec<String> = SEX_WORDS
        .iter()
        .map(|(w, s)| format!("`{w}` ({})", s.label()))
        .collect();
    let _ = writeln!(out, "- 性別: {}", sex.join(", "));
    let roles: Vec<String> = AUTHOR_ROLE_WORDS
        .iter()
        .map(|(w, r)| format!("`{w}` ({})", r.label()))
        .collect();
    let _ = writeln!(out, "- 立場: {}", roles.join(", "));
    let _ = writeln!(
        out,
        "- yes/no columns: yes {}; no {} or empty\n",
        code(YES_WORDS),
        code(NO_WORDS)
    );

    out.push_str("### Columns never imported\n\n");
    let _ = writeln!(
        out,
        "A column whose header is one of {} or holds one of {} (and that no field above reads) \
         identifies a patient: its cells are blanked as soon as the header is found, before any \
         row is read, and the summary names it. A birth date ({}) gives the age at the 診察日 \
         when the list has no 年齢, and is then dropped.",
        code(IDENTIFYING_HEADERS),
        code(IDENTIFYING_PARTS),
        code(BIRTH_HEADERS)
    );
    out
}

/// `doc` with its generated part replaced by [`accepted_words`]; `None` when the markers are
/// missing.
pub fn with_accepted_words(doc: &str) -> Option<String> {
    let start = doc.find(BEGIN)? + BEGIN.len();
    let end = doc[start..].find(END)? + start;
    Some(format!(
        "{}\n\n{}\n{}",
        &doc[..start],
        accepted_words().trim_end(),
        &doc[end..]
    ))
}
