#!/bin/sh
# Mutation testing of the paper forms and the evaluator with cargo-mutants: each mutant of the
# chosen files is built and only the test modules that speak for it are run.
#
#   tests/scripts/mutants.sh                 # every file below, one after another
#   tests/scripts/mutants.sh src/pdf/shiki3.rs
#   ITERATE=1 tests/scripts/mutants.sh src/rules/evaluate.rs   # only what the last run missed
#
# Needs `cargo install cargo-mutants --locked`. Results go to mutants.out/ (one folder per file:
# caught.txt, missed.txt, unviable.txt, timeout.txt). Each mutant costs a rebuild of the library
# and the test binary (10–40 s on 2 cores), so run it file by file: on a 2-core machine shared
# with other builds the seven files (about 490 mutants) took about 2 hours, evaluate.rs alone
# 54 minutes. ITERATE=1 re-tests only the mutants the last run of that file did not catch.
set -eu
cd "$(dirname "$0")/../.."
PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jsog-renewal-target}"

# file → the test modules (libtest filters) that check it; unit tests of the library run too.
filters() {
    case "$1" in
        src/pdf/*) echo "form_rows:: form_layout:: pdf:: notices::" ;;
        src/rules/evaluate.rs) echo "properties:: hostile_props:: rules:: cycles:: notices:: form_rows::" ;;
        *) echo "" ;;
    esac
}

files="${*:-src/pdf/shiki3.rs src/pdf/shiki4.rs src/pdf/shiki1.rs src/pdf/shiki2.rs src/pdf/checklist.rs src/pdf/units.rs src/rules/evaluate.rs}"
for file in $files; do
    name=$(basename "$file" .rs)
    start=$(date +%s)
    mkdir -p "mutants.out/$name"
    # shellcheck disable=SC2046,SC2086 # the filters are separate words; ITERATE adds one flag
    cargo mutants --file "$file" --jobs 1 --baseline skip --timeout 300 ${ITERATE:+--iterate} \
        --output "mutants.out/$name" \
        -- --lib --test main -- $(filters "$file") || true
    echo "$file: $(( $(date +%s) - start )) s"
    for kind in caught missed unviable timeout; do
        f="mutants.out/$name/mutants.out/$kind.txt"
        [ -f "$f" ] && echo "  $kind: $(wc -l < "$f")"
    done
done
