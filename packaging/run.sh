#!/bin/sh
# Runs the app (the built-in demo application when no file is given): ./packaging/run.sh [FILE]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
sh "$root/packaging/deps.sh" run
PATH="$HOME/.cargo/bin:$PATH"
# No cd: a FILE given relative to the caller's folder must still be found.
exec cargo run --release --quiet --manifest-path "$root/Cargo.toml" -- "$@"
