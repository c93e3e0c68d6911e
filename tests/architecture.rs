//! The layers of `src/`, checked by reading its source: the module graph has no cycle, the pure
//! core (`model`, `rules`) imports nothing from the edges, and command-line syntax and process
//! exits live in `src/cli/` alone.
//!
//! A module is a file (`mod.rs` stands for its folder). An edge A → B is any path into B written
//! in A (`use crate::…`, `super::…`, or a `crate::…` path in code); edges between a module and its
//! own ancestors are left out, since a parent that declares and re-exports its children is not a
//! cycle. Paths through a name in scope count too: a child module (`summary::ui(…)` in its
//! parent) or a module brought in by `use` (`use super::pages;` … `pages::summary::View`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, with its module path (`["ui", "pages", "cases"]`).
fn modules() -> BTreeMap<Vec<String>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .filter_map(|file| {
            let rel = file.strip_prefix(&src).ok()?.with_extension("");
            let mut path: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if path.last().is_some_and(|l| l == "mod") {
                path.pop();
            }
            if path == ["lib"] || path == ["main"] {
                path.clear();
            }
            let text = std::fs::read_to_string(&file).ok()?;
            Some((path, text))
        })
        .collect()
}

/// The text with comments and the contents of string and char literals removed, so that a
/// path mentioned in a doc comment or a message is not taken for an import.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                out.push('"');
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push('"');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path written in `code` that starts at `crate`, `super` or `self`, with `use` groups
/// (`use crate::a::{b, c::d}`) expanded.
fn paths(code: &str) -> Vec<Vec<String>> {
    /// Expands one `use` tree into full paths.
    fn expand(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
        let tree = tree.trim();
        if let Some(open) = tree.find('{') {
            let head: Vec<String> = split(&tree[..open]);
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let base: Vec<String> = prefix.iter().cloned().chain(head).collect();
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&base, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&base, &inner[start..], out);
        } else if !tree.is_empty() {
            let tree = tree.split(" as ").next().unwrap_or(tree);
            out.push(prefix.iter().cloned().chain(split(tree)).collect());
        }
    }
    fn split(s: &str) -> Vec<String> {
        s.split("::")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect()
    }

    let mut out = Vec::new();
    // `use` statements, groups included.
    for statement in code.split(';') {
        let statement = statement.trim_start();
        let statement = statement
            .strip_prefix("pub ")
            .or_else(|| statement.strip_prefix("pub(crate) "))
            .unwrap_or(statement);
        if let Some(tree) = statement.strip_prefix("use ") {
            expand(&[], tree, &mut out);
        }
    }
    // Paths in code: `crate::a::b`, `super::a`.
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        for (i, _) in code.match_indices(start) {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':') {
                continue;
            }
            let end = code[i..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| i + e);
            out.push(split(&code[i..end]));
        }
    }
    out
}

/// The module a path written in `from` leads to: its longest prefix that is a module.
fn target(from: &[String], path: &[String], known: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    // A file `a/b.rs` is module a::b; `super` in it is `a`. In `a/mod.rs`, `super` is the root.
    let mut base: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super") | Some("self") => from.to_vec(),
        _ => return None,
    };
    let mut rest = path;
    if rest.first().is_some_and(|p| p == "crate") {
        rest = &rest[1..];
    } else {
        while let Some(first) = rest.first() {
            match first.as_str() {
                "super" => {
                    base.pop();
                }
                "self" => {}
                _ => break,
            }
            rest = &rest[1..];
        }
    }
    let mut best = None;
    let mut candidate = base;
    for part in rest {
        candidate.push(part.clone());
        if known.contains(&candidate) {
            best = Some(candidate.clone());
        }
    }
    best
}

/// The module graph: for each module, the modules it names (ancestors and itself left out).
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules = modules();
    let known: BTreeSet<Vec<String>> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(module, text)| {
            let code = code_only(text);
            let mut edges: BTreeSet<Vec<String>> = paths(&code)
                .iter()
                .filter_map(|p| target(module, p, &known))
                .filter(|t| !module.starts_with(t))
                .collect();
            // Names in scope that stand for a module: its children, and modules brought in by
            // `use` (`use super::pages;` then `pages::summary::View`).
            let mut scope: BTreeMap<String, Vec<String>> = known
                .iter()
                .filter(|k| k.len() == module.len() + 1 && k.starts_with(module))
                .map(|k| (k[module.len()].clone(), k.clone()))
                .collect();
            for p in paths(&code) {
                if let (Some(t), Some(last)) = (target(module, &p, &known), p.last())
                    && t.last() == Some(last)
                {
                    scope.insert(last.clone(), t);
                }
            }
            for (alias, base) in &scope {
                for rest in paths_through(&code, alias) {
                    let mut candidate = base.clone();
                    let mut best = base.clone();
                    for part in rest {
                        candidate.push(part);
                        if known.contains(&candidate) {
                            best = candidate.clone();
                        }
                    }
                    if !module.starts_with(&best) {
                        edges.insert(best);
                    }
                }
            }
            (module.clone(), edges)
        })
        .collect()
}

/// The segments after `alias::` wherever `code` writes a path starting with `alias` (not as
/// the tail of a longer path).
fn paths_through(code: &str, alias: &str) -> Vec<Vec<String>> {
    let pattern = format!("{alias}::");
    code.match_indices(&pattern)
        .filter(|(i, _)| {
            let before = code[..*i].chars().next_back();
            !before.is_some_and(|b| b.is_alphanumeric() || b == '_' || b == ':')
        })
        .map(|(i, _)| {
            let rest = &code[i + pattern.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(rest.len());
            rest[..end]
                .split("::")
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect()
        })
        .collect()
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

/// A cycle through the graph, if there is one, as the modules along it.
fn find_cycle(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        marks: &mut BTreeMap<Vec<String>, Mark>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle: Vec<String> = stack[from..].iter().map(|n| name(n)).collect();
                cycle.push(name(node));
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.clone(), Mark::Open);
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(node, graph, &mut marks, &mut stack) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_module_graph_of_src_has_no_cycle() {
    let graph = graph();
    assert!(
        graph.len() > 40,
        "the walk found the modules: {}",
        graph.len()
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_cycle_check_finds_a_cycle_when_there_is_one() {
    // Two siblings naming each other, as `ui::app` and `ui::pages` once did.
    let a = vec!["ui".to_string(), "app".to_string()];
    let b = vec!["ui".to_string(), "pages".to_string()];
    let graph = BTreeMap::from([
        (a.clone(), BTreeSet::from([b.clone()])),
        (b.clone(), BTreeSet::from([a.clone()])),
    ]);
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["ui::app".into(), "ui::pages".into(), "ui::app".into()])
    );
}

#[test]
fn paths_are_read_from_use_groups_and_code_but_not_from_comments_or_text() {
    let known: BTreeSet<Vec<String>> = [vec!["rules"], vec!["rules", "report"], vec!["ui"]]
        .into_iter()
        .map(|m| m.into_iter().map(String::from).collect())
        .collect();
    let code = code_only(
        "use crate::rules::{report::Finding, self};\n// crate::ui in a comment\nlet s = \"crate::ui\";\nlet x = crate::ui::run();",
    );
    let targets: BTreeSet<String> = paths(&code)
        .iter()
        .filter_map(|p| target(&["model".to_string()], p, &known))
        .map(|t| name(&t))
        .collect();
    assert_eq!(
        targets,
        BTreeSet::from(["rules".into(), "rules::report".into(), "ui".into()])
    );
}

#[test]
fn model_and_rules_import_nothing_from_the_edges() {
    let graph = graph();
    let edges = ["ui", "pdf", "import", "cli", "workspace", "store", "demo"];
    let mut leaks = Vec::new();
    for (module, targets) in &graph {
        if !matches!(module.first().map(String::as_str), Some("model" | "rules")) {
            continue;
        }
        for t in targets {
            if t.first().is_some_and(|top| edges.contains(&top.as_str())) {
                leaks.push(format!("{} → {}", name(module), name(t)));
            }
        }
    }
    assert!(leaks.is_empty(), "the core reaches the edges: {leaks:?}");
}

/// Lines of `src/` outside `src/cli/` (and `main.rs`) holding `needle` in code.
fn outside_cli(needle: &str) -> Vec<String> {
    modules()
        .iter()
        .filter(|(m, _)| m.first().is_none_or(|top| top != "cli") && !m.is_empty())
        .flat_map(|(m, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, line)| {
                    let code = line.split("//").next().unwrap_or("");
                    code.contains(needle)
                })
                .map(|(i, line)| format!("{}:{}: {}", name(m), i + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn option_literals_live_in_src_cli_alone() {
    let found = outside_cli("\"--");
    assert!(
        found.is_empty(),
        "option literals outside src/cli/: {found:#?}"
    );
}

#[test]
fn only_src_cli_ends_the_process() {
    let found = outside_cli("process::exit");
    assert!(
        found.is_empty(),
        "process exits outside src/cli/: {found:#?}"
    );
    // The window's `ui::run` ends in an exit code too; the library layers below never do.
    let below: Vec<String> = outside_cli("ExitCode")
        .into_iter()
        .filter(|line| !line.starts_with("ui"))
        .collect();
    assert!(below.is_empty(), "exit codes below src/cli/: {below:#?}");
}

/// The window shows the verdict; it neither rewrites its words nor computes the rules again.
#[test]
fn the_window_neither_rewords_findings_nor_re_derives_the_rules() {
    // Names of the rule arithmetic and of message rewriting, as code (not comments, not text).
    let banned = [
        "reword_unreadable",
        "units_from",
        "in_category",
        "units_for_minutes",
        "cases_per_unit",
        "message.replace",
        "message.contains",
        "message.find",
    ];
    let mut found = Vec::new();
    for (m, text) in modules() {
        if m.first().is_none_or(|top| top != "ui") {
            continue;
        }
        let code = code_only(&text);
        for needle in banned {
            if code.contains(needle) {
                found.push(format!("{}: {needle}", name(&m)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "rules or messages re-derived in src/ui/: {found:?}"
    );
    // The check sees them where they are: the evaluator computes units.
    let rules_code: String = modules()
        .iter()
        .filter(|(m, _)| m.first().is_some_and(|t| t == "rules"))
        .map(|(_, t)| code_only(t))
        .collect();
    assert!(rules_code.contains("units_for_minutes") && rules_code.contains("cases_per_unit"));
}

/// One rule book: the window takes rule sets from the shared ones (`RuleSet::shared`, or the
/// document's), never a parsed copy of its own each frame.
#[test]
fn the_window_reads_the_one_rule_book() {
    let mut found = Vec::new();
    for (m, text) in modules() {
        if m.first().is_none_or(|top| top != "ui") {
            continue;
        }
        let code = code_only(&text);
        for needle in [
            "RuleSet::for_year",
            "RuleSet::built_in",
            "RuleSet::from_ron",
        ] {
            if code.contains(needle) {
                found.push(format!("{}: {needle}", name(&m)));
            }
        }
    }
    assert!(found.is_empty(), "rule sets parsed in src/ui/: {found:?}");
    // The check sees the name where it is used.
    let document = modules()
        .into_iter()
        .find(|(m, _)| m == &["ui".to_string(), "document".to_string()])
        .map(|(_, t)| code_only(&t))
        .expect("ui::document");
    assert!(document.contains("RuleSet::shared"));
}

/// Every test file runs: with `autotests = false` (one test binary, `tests/main.rs`), a file in
/// `tests/` that `main.rs` does not declare would silently never run.
#[test]
fn every_test_file_is_declared_in_tests_main() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let main = std::fs::read_to_string(tests.join("main.rs")).expect("tests/main.rs");
    let declared: BTreeSet<String> = main
        .lines()
        .filter_map(|l| l.trim().strip_prefix("mod "))
        .map(|m| m.trim_end_matches(';').trim().to_owned())
        .collect();
    let mut files = BTreeSet::new();
    for entry in std::fs::read_dir(&tests).expect("tests/").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs")
            && path.file_stem().is_some_and(|s| s != "main")
        {
            files.insert(
                path.file_stem()
                    .expect("stem")
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    assert!(files.len() > 20, "the walk found the test files: {files:?}");
    let missing: Vec<&String> = files.difference(&declared).collect();
    assert!(
        missing.is_empty(),
        "test files tests/main.rs leaves out: {missing:?}"
    );
    // And the check reads what it should: each declared module has its file (or folder).
    for m in &declared {
        assert!(
            tests.join(format!("{m}.rs")).is_file() || tests.join(m).join("mod.rs").is_file(),
            "mod {m} has no file"
        );
    }
}
