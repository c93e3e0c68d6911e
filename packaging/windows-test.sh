#!/bin/sh
# Runs the Windows build under Wine and Xvfb, against the Linux build of the same source:
#   packaging/windows-test.sh WINDOWS_EXE SETUP_EXE LINUX_BIN
# (.ci/run calls it after windows-build.sh.) Every check prints ok or NG; any NG exits 1.
# WINE_IMPORT_PAIRS sets the pairs of concurrent imports (default 20; the full script uses 100).
#
# Wine 8 lacks bcryptprimitives.dll, which Rust's std imports: the stand-in from
# ../shared/tools/wine-processprng is put beside the bare .exe and into the test prefix's
# system32 for the installed one. It is never part of the installer.
set -eu
exe=$(realpath "${1:?usage: windows-test.sh WINDOWS_EXE SETUP_EXE LINUX_BIN}")
setup=$(realpath "${2:?usage: windows-test.sh WINDOWS_EXE SETUP_EXE LINUX_BIN}")
linux=$(realpath "${3:?usage: windows-test.sh WINDOWS_EXE SETUP_EXE LINUX_BIN}")
root=$(cd "$(dirname "$0")/.." && pwd)
stand_in="$root/../shared/tools/wine-processprng/build.sh"
[ -f "$stand_in" ] || { echo "見つかりません: $stand_in（Wine 用の bcryptprimitives.dll）" >&2; exit 2; }
pairs=${WINE_IMPORT_PAIRS:-20}

# Japanese arguments and file names pass through Wine in the Unix locale's encoding.
export LC_ALL=C.UTF-8 LANG=C.UTF-8
# Quiet, no offer to download Mono or Gecko, no menu entries or icons written to the desktop.
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
work=$(mktemp -d)
# Wine links the prefix's ドキュメント to $HOME: a home of its own keeps the user's untouched.
export HOME="$work/home"
mkdir -p "$HOME"
xvfb=""
cleanup() {
    for p in "$work/prefix" "$work/fresh"; do
        [ -d "$p" ] && WINEPREFIX="$p" wineserver -k 2>/dev/null || true
    done
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

failed=0
ok() { echo "ok  $*"; }
ng() { echo "NG  $*"; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND… : ok when the command succeeds
    what=$1; shift
    if "$@"; then ok "$what"; else ng "$what"; fi
}
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# reg_has KEY PATTERN: the key's listing holds PATTERN. Read up to three times, waiting for
# the wineserver between: once in a CI run a key the installer had written read as absent
# (the key read just before it was there; four runs by hand never showed it). A third
# failed reading is taken as real, and what reg printed is shown.
reg_has() {
    for _ in 1 2 3; do
        out=$(wine reg query "$1" 2>&1) && printf '%s' "$out" | grep -q "$2" && return 0
        wineserver -w
    done
    printf '    reg query %s:\n%s\n' "$1" "$out" >&2
    return 1
}

# An X display of our own for the window checks (and Wine's own windows).
Xvfb -displayfd 3 -screen 0 1400x900x24 3>"$work/display" >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$work/display")"

# --- the bare .exe in a prefix of its own ------------------------------------------------
export WINEPREFIX="$work/prefix"
t=$(date +%s%N)
wine wineboot -i >/dev/null 2>&1
wineserver -w
echo "Wine prefix made in $(ms_since "$t") ms"
bin="$work/bin"
mkdir -p "$bin"
cp "$exe" "$bin/jsog-renewal.exe"
sh "$stand_in" "$bin" >/dev/null
W() { timeout 120 wine "$bin/jsog-renewal.exe" "$@"; }
Wq() { W "$@" >/dev/null; }
L() { timeout 120 "$linux" "$@"; }
export JSOG_RENEWAL_DATA_DIR="$work/data"

# Files in folders with Japanese names, as on a 医局 PC.
files="$work/書類/産婦人科 医局/令和6年度"
mkdir -p "$files" "$work/linux"
cd "$files"

t=$(date +%s%N)
W --version >/dev/null
echo "first start of the .exe under Wine: $(ms_since "$t") ms"
check "demo writes the built-in application" Wq demo 見本.ron
( cd "$work/linux" && L demo 見本.ron >/dev/null )
check "demo: the same bytes as the Linux build" cmp -s 見本.ron "$work/linux/見本.ron"

t=$(date +%s%N)
W check 見本.ron --json --today 2024-05-10 >check-win.json
echo "check under Wine: $(ms_since "$t") ms"
L check "$work/linux/見本.ron" --json --today 2024-05-10 >"$work/linux/check.json"
check "check --json: passes" grep -q '"passes": *true' check-win.json
check "check --json: the same report as the Linux build" cmp -s check-win.json "$work/linux/check.json"

# A Shift_JIS list under a Japanese name, imported on both systems into a new application.
cp "$root/tests/fixtures/cases_sjis_60.csv" "症例一覧（外来）.csv"
cp "症例一覧（外来）.csv" "$work/linux/"
W new 取り込み.ron --year 2024 >/dev/null
( cd "$work/linux" && L new 取り込み.ron --year 2024 >/dev/null )
check "import-cases of a Shift_JIS CSV with a Japanese name" Wq import-cases 取り込み.ron "症例一覧（外来）.csv"
( cd "$work/linux" && L import-cases 取り込み.ron "症例一覧（外来）.csv" >/dev/null )
cases=$(grep -c 'diagnosis:' 取り込み.ron || true)
check "import-cases: 60 cases in the file (found $cases)" [ "$cases" -eq 60 ]
check "import-cases: the same file as the Linux build" cmp -s 取り込み.ron "$work/linux/取り込み.ron"

# The PDF bundle: the same text as the Linux build's at the same SOURCE_DATE_EPOCH.
export SOURCE_DATE_EPOCH=1715000000
t=$(date +%s%N)
check "export writes the PDF bundle and the letters" Wq export 見本.ron --out PDF --letters
echo "export under Wine: $(ms_since "$t") ms"
( cd "$work/linux" && L export 見本.ron --out PDF --letters >/dev/null )
check "export --letters: one signature request per facility (Japanese file names)" \
    [ -f "PDF/署名のお願い_1_みほん市立総合病院.pdf" -a -f "PDF/署名のお願い_2_見本レディースクリニック.pdf" ]
unset SOURCE_DATE_EPOCH
pdfs=0
for pdf in "$work/linux/PDF/"*.pdf; do
    name=$(basename "$pdf")
    pdfs=$((pdfs + 1))
    if [ -f "PDF/$name" ] && [ "$(pdftotext "PDF/$name" -)" = "$(pdftotext "$pdf" -)" ]; then
        ok "export: $name has the Linux build's text"
        cmp -s "PDF/$name" "$pdf" && echo "    (byte-identical)"
    else
        ng "export: $name differs from the Linux build's (or is missing)"
    fi
done
check "export: at least one PDF compared ($pdfs)" [ "$pdfs" -ge 1 ]

# Load and save again (retarget to its own year) through the Japanese folders: every byte kept.
cp 見本.ron before.ron
check "save again through Japanese folder names" Wq retarget 見本.ron --year 2024
check "save again: every byte kept" cmp -s 見本.ron before.ron
check "save again: the previous version kept as .bak" cmp -s 見本.ron.bak before.ron
check "reload: check still passes" Wq check 見本.ron

# File attributes survive a save, as Unix modes do.
# (One flag per call: Wine's attrib applies only one of several.)
wine attrib +h 見本.ron >/dev/null
wine attrib +r 見本.ron >/dev/null
W retarget 見本.ron --year 2024 >/dev/null 2>&1 || true
attrs=$(wine attrib 見本.ron | cut -c1-12)
check "a save keeps read-only and hidden (attrib: $(echo "$attrs" | tr -s ' '))" \
    sh -c 'echo "$0" | grep -q R && echo "$0" | grep -q H' "$attrs"
wine attrib -r 見本.ron >/dev/null
wine attrib -h 見本.ron >/dev/null

# Names Windows refuses are refused on every system, with a reason, before anything is written.
for name in CON.ron 'a?b.ron' '申請 .ron.' 'LPT1'; do
    if W demo "$name" >/dev/null 2>"$work/refused.txt"; then
        ng "demo refuses the name $name"
    else
        check "demo refuses the name $name: $(head -1 "$work/refused.txt")" grep -q 'Windows' "$work/refused.txt"
    fi
    if L demo "$work/linux/$name" >/dev/null 2>&1; then ng "the Linux build refuses the name $name"; fi
done

# Locking between processes (File::try_lock, LockFileEx under Wine): no import is lost.
cat >"$bin/jsog-renewal" <<EOF
#!/bin/sh
exec timeout 120 wine "$bin/jsog-renewal.exe" "\$@"
EOF
chmod +x "$bin/jsog-renewal"
t=$(date +%s%N)
if sh "$root/tests/scripts/concurrent-imports.sh" "$bin/jsog-renewal" "$pairs" >"$work/concurrent.txt" 2>&1; then
    ok "concurrent imports ($(ms_since "$t") ms): $(head -1 "$work/concurrent.txt")"
else
    ng "concurrent imports: $(cat "$work/concurrent.txt")"
fi

# The window: the start screen reaches its first frame with no setting (wgpu cannot start under
# Wine and Xvfb, so this is also the fallback to glow).
if JSOG_RENEWAL_EXIT_AFTER_FIRST_FRAME=1 W >"$work/window.txt" 2>&1 && grep -q "first frame after" "$work/window.txt"; then
    ok "window: $(grep -o 'renderer [a-z]*' "$work/window.txt" | head -1), $(grep -o 'first frame after [0-9.]* ms' "$work/window.txt")"
else
    ng "window: no first frame: $(tail -3 "$work/window.txt")"
fi
wineserver -k 2>/dev/null || true

# The fallback itself, with the Linux build (wgpu first there): wgpu made to fail (no Direct3D
# 12 on Linux) → glow opens; no display at all → both fail, the log says why, exit 2.
if WGPU_BACKEND=dx12 JSOG_RENEWAL_EXIT_AFTER_FIRST_FRAME=1 L >"$work/fallback.txt" 2>&1 \
    && grep -q "renderer glow" "$work/fallback.txt" && grep -q "first frame after" "$work/fallback.txt"; then
    ok "fallback: wgpu cannot start, glow opens the window (Linux build)"
else
    ng "fallback: $(tail -3 "$work/fallback.txt")"
fi
if env -u DISPLAY -u WAYLAND_DISPLAY JSOG_RENEWAL_EXIT_AFTER_FIRST_FRAME=1 timeout 60 "$linux" >/dev/null 2>&1; then
    ng "no renderer: the program did not fail"
else
    check "no renderer: both reasons in window-errors.log (Linux build)" sh -c \
        'grep -q "wgpu: " "$0" && grep -q "glow: " "$0"' "$JSOG_RENEWAL_DATA_DIR/window-errors.log"
fi

# --- the installer, in a fresh prefix: silent install, check, silent uninstall ------------
export WINEPREFIX="$work/fresh"
wine wineboot -i >/dev/null 2>&1
wineserver -w
user_dir="$WINEPREFIX/drive_c/users/$(id -un)"
instdir="$user_dir/AppData/Local/Programs/jsog-renewal"
shortcut="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/産婦人科専門医 更新申請.lnk"
unset JSOG_RENEWAL_DATA_DIR
t=$(date +%s%N)
check "installer /S runs" timeout 300 wine "$setup" /S
wineserver -w
echo "silent install: $(ms_since "$t") ms"
check "installed: jsog-renewal.exe in %LOCALAPPDATA%\\Programs" [ -f "$instdir/jsog-renewal.exe" ]
check "installed: the uninstaller" [ -f "$instdir/uninstall.exe" ]
check "installed: the Start-menu entry 「産婦人科専門医 更新申請」" [ -f "$shortcut" ]
check "installed: the file type opens the program" \
    reg_has 'HKCU\Software\Classes\jsog-renewal.application\shell\open\command' "jsog-renewal.exe"
check "installed: offered for .ron" \
    reg_has 'HKCU\Software\Classes\.ron\OpenWithProgids' "jsog-renewal.application"
check "installed: listed under 設定 → アプリ" \
    reg_has 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jsog-renewal' DisplayName
# Testing only: the stand-in into the prefix's system32 (the installer never ships it).
sh "$stand_in" "$work/dll" >/dev/null
cp "$work/dll/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
docs="$user_dir/Documents/申請"
mkdir -p "$docs"
cp "$files/見本.ron" "$docs/"
cp -r "$files/PDF" "$docs/"
# A broken rule file in %APPDATA%\jsog-renewal\rules: the program names it when it reads that
# folder, which shows where its data folder is.
appdata="$user_dir/AppData/Roaming/jsog-renewal"
mkdir -p "$appdata/rules"
echo "(broken" >"$appdata/rules/fy2099.ron"
t=$(date +%s%N)
check "the installed program runs check" sh -c \
    'timeout 120 wine "$0" check "$1" >/dev/null 2>"$2"' "$instdir/jsog-renewal.exe" "$docs/見本.ron" "$work/installed.err"
echo "check by the installed program (first start in the fresh prefix): $(ms_since "$t") ms"
check "the data folder is %APPDATA%\\jsog-renewal (its rules folder was read)" grep -q "fy2099.ron" "$work/installed.err"
check "uninstaller /S runs" timeout 300 wine "$instdir/uninstall.exe" /S
wineserver -w
check "uninstalled: the program folder is gone" [ ! -e "$instdir" ]
check "uninstalled: the Start-menu entry is gone" [ ! -e "$shortcut" ]
check "uninstalled: the file type is gone" sh -c \
    '! wine reg query "HKCU\\Software\\Classes\\jsog-renewal.application" >/dev/null 2>&1'
check "uninstalled: gone from 設定 → アプリ" sh -c \
    '! wine reg query "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\jsog-renewal" >/dev/null 2>&1'
check "uninstalled: the user's application and PDFs stay" sh -c '[ -f "$0/見本.ron" ] && ls "$0/PDF/"*.pdf >/dev/null' "$docs"
check "uninstalled: the data folder stays" [ -d "$appdata/rules" ]

if [ "$failed" -gt 0 ]; then
    echo "Windows (Wine): $failed NG" >&2
    exit 1
fi
echo "Windows (Wine): all checks ok"
