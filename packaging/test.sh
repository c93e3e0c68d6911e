#!/bin/sh
# Runs every test: ./packaging/test.sh
set -eu
cd "$(dirname "$0")/.."
sh packaging/deps.sh test
PATH="$HOME/.cargo/bin:$PATH"
exec cargo test --quiet
