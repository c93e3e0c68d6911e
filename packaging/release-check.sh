#!/bin/sh
# Release check: from a clean clone of this repository, build the release binary, run every test
# and every bench (criterion's quick mode), export the demo bundle, measure start-up under Xvfb,
# and print the figures the README quotes.
#   packaging/release-check.sh            (set KEEP=1 to keep the clone for inspection)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap '[ "${KEEP:-0}" = 1 ] || rm -rf "$work"; [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true' EXIT
git clone -q "$src" "$work/repo"
cd "$work/repo"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/jsog-renewal-target}"
sh packaging/deps.sh run
sh packaging/deps.sh test
command -v Xvfb >/dev/null || { apt-get install -y -qq xvfb >/dev/null 2>&1 || sudo apt-get install -y -qq xvfb >/dev/null; }
PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$1"; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

step "release build"
cargo build --release --locked --quiet
bin="$CARGO_TARGET_DIR/release/jsog-renewal"

step "tests"
if ! cargo test --locked --quiet >"$work/test.log" 2>&1; then
    grep -E "FAILED|panicked" "$work/test.log"; echo "テストが失敗しました"; exit 1
fi
grep -c "^test result: ok" "$work/test.log" | xargs printf '  %s test binaries passed\n'

step "benches (quick)"
rm -rf "$CARGO_TARGET_DIR/criterion"
if ! cargo bench --locked --quiet --benches -- --quick >"$work/bench.log" 2>&1; then
    tail -20 "$work/bench.log"; echo "ベンチマークが失敗しました"; exit 1
fi
grep -E "^[a-zA-Z_].*(time:|bytes|exported)" "$work/bench.log" || true

step "demo bundle"
"$bin" demo demo.ron >/dev/null
"$bin" check demo.ron >/dev/null
t=$(date +%s%N)
"$bin" export demo.ron --out out >/dev/null
export_ms=$(ms "$t")
bundle=$(ls -S out/*.pdf | head -1)
bundle_kb=$(( $(stat -c %s "$bundle") / 1024 ))
pages=$(pdfinfo "$bundle" | awk '/^Pages:/ {print $2}')
qpdf --check "$bundle" >/dev/null && qpdf_ok=ok || qpdf_ok=ERROR

step "start-up under Xvfb"
Xvfb :87 -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
startup=$(DISPLAY=:87 JSOG_RENEWAL_DATA_DIR="$work/data" JSOG_RENEWAL_EXIT_AFTER_FIRST_FRAME=1 \
    timeout 30 "$bin" 2>&1 | sed -n 's/.*first frame after \([0-9.]*\) ms.*/\1/p' | tail -1)

step ".deb package"
deb_status="not built (cargo install cargo-deb)"
if command -v cargo-deb >/dev/null 2>&1; then
    deb=$(cargo deb --locked --no-build --quiet 2>/dev/null | tail -1)
    deb_status="built $(basename "$deb") ($(( $(stat -c %s "$deb") / 1024 / 1024 )) MiB)"
    if [ "$(id -u)" -eq 0 ] && dpkg -i "$deb" >/dev/null; then
        # Start it from its menu entry, as a user would, and wait for the first frame.
        launched=$(DISPLAY=:87 JSOG_RENEWAL_DATA_DIR="$work/data" JSOG_RENEWAL_EXIT_AFTER_FIRST_FRAME=1 \
            timeout 30 gio launch /usr/share/applications/jsog-renewal.desktop 2>&1 | grep -c "first frame" || true)
        deb_status="$deb_status, installed, menu entry started: $([ "$launched" -ge 1 ] && echo yes || echo NO)"
    fi
fi

step "figures"
python3 - "$CARGO_TARGET_DIR/criterion" <<'PY'
import json, os, sys
root = sys.argv[1]
rows = []
for dirpath, _, files in os.walk(root):
    if dirpath.endswith(os.sep + "new") and "estimates.json" in files:
        with open(os.path.join(dirpath, "estimates.json")) as f:
            ns = json.load(f)["mean"]["point_estimate"]
        name = os.path.relpath(os.path.dirname(dirpath), root)
        rows.append((name, ns))
for name, ns in sorted(rows):
    value = f"{ns/1e6:.2f} ms" if ns >= 1e5 else f"{ns/1e3:.1f} µs"
    print(f"  bench  {name:<60} {value:>12}")
PY
printf '  %-68s %12s\n' "export demo bundle (CLI, 100 cases, all forms)" "${export_ms} ms"
printf '  %-68s %12s\n' "demo bundle size / pages / qpdf --check" "${bundle_kb} KiB / ${pages} / ${qpdf_ok}"
printf '  %-68s %12s\n' "start-up to first frame (Xvfb)" "${startup:-?} ms"
printf '  %-68s %12s\n' "release binary size" "$(( $(stat -c %s "$bin") / 1024 / 1024 )) MiB"
printf '  %s\n' ".deb: $deb_status"
