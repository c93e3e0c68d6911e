#!/bin/sh
# Installs what this project needs on Debian/Ubuntu, only what is missing.
#   deps.sh run    libraries the window needs at run time
#   deps.sh test   tools the tests use to inspect PDFs (poppler, MuPDF, qpdf), and Mesa's software
#                  renderer for the image snapshots of the pages
#   deps.sh windows  the Windows cross-build and installer (mingw-w64, NSIS), and Wine with Xvfb
#                  to run them (packaging/windows-build.sh, packaging/windows-test.sh)
# Installs the Rust toolchain with rustup when cargo is absent.
set -eu

want=""
apt_options=""
case "${1:-run}" in
run) pkgs="libgl1 libegl1 libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 libx11-xcb1 ca-certificates curl gcc" ;;
test) pkgs="poppler-utils mupdf-tools qpdf libegl1 libegl-mesa0 libgl1-mesa-dri ca-certificates curl gcc" ;;
# wine64 alone: the program is 64-bit, and 32-bit Wine would need the i386 architecture.
# Without Wine's recommends (Mono, Gecko, GStreamer…), which the tests do not use.
windows) pkgs="gcc-mingw-w64-x86-64 nsis wine wine64 xvfb poppler-utils libgl1-mesa-dri ca-certificates curl gcc"
    apt_options="--no-install-recommends" ;;
*) echo "usage: $0 run|test|windows" >&2; exit 2 ;;
esac

for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || want="$want $p"
done

if [ -n "$want" ]; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
        echo "次のパッケージを管理者権限でインストールしてください:$want" >&2; exit 1
    fi
    echo "インストール:$want"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $apt_options $want >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo" ]; then
    echo "Rust をインストールします（rustup）"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --default-toolchain 1.95.0 -c clippy,rustfmt
fi
