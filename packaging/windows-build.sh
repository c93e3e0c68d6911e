#!/bin/sh
# Builds the Windows program and its installer on Linux: ./packaging/windows-build.sh
#   → $CARGO_TARGET_DIR/windows/jsog-renewal.exe                  (icon, version, manifest)
#   → $CARGO_TARGET_DIR/windows/jsog-renewal-<version>-setup.exe  (NSIS, per user)
# The release profile: what users get is what CI tests. Installs what is missing (deps.sh
# windows, the rustup target). Prints the sizes and the build time.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sh packaging/deps.sh windows
PATH="$HOME/.cargo/bin:$PATH"
target=x86_64-pc-windows-gnu
rustup target list --installed | grep -qx "$target" || rustup target add "$target"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

start=$(date +%s)
# The linker (mingw-w64's gcc) is set in .cargo/config.toml.
cargo build --release --locked --quiet --target "$target" --bin jsog-renewal
built=$(date +%s)
out="$CARGO_TARGET_DIR/windows"
mkdir -p "$out"
# Without symbols (7 MB of the linked file): what is shipped and what the tests run.
exe="$out/jsog-renewal.exe"
x86_64-w64-mingw32-strip -o "$exe" "$CARGO_TARGET_DIR/$target/release/jsog-renewal.exe"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
setup="$out/jsog-renewal-$version-setup.exe"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DEXE="$exe" -DROOT="$root" -DOUT="$setup" \
    packaging/windows/installer.nsi >/dev/null

size() { echo "$(( $(stat -c %s "$1") / 1024 / 1024 )) MiB"; }
echo "Windows: $exe ($(size "$exe"), built in $((built - start)) s)"
echo "installer: $setup ($(size "$setup"), made in $(( $(date +%s) - built )) s)"
