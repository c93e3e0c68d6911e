#!/bin/sh
# Runs the app: ./packaging/run.sh [FILE]. Without FILE it opens on the start screen, whose
# 見本を見る shows the built-in demo application.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
sh "$root/packaging/deps.sh" run
PATH="$HOME/.cargo/bin:$PATH"
# No cd: a FILE given relative to the caller's folder must still be found.
exec cargo run --release --quiet --manifest-path "$root/Cargo.toml" -- "$@"
