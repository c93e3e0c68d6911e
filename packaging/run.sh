#!/bin/sh
# Runs the app (the built-in demo application when no file is given): ./packaging/run.sh [FILE]
set -eu
cd "$(dirname "$0")/.."
sh packaging/deps.sh run
PATH="$HOME/.cargo/bin:$PATH"
exec cargo run --release --quiet -- "$@"
