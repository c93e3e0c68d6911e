#!/bin/sh
# 100 pairs of concurrent `import-cases` into one application file (issue 12, row 1).
# Every import must either be in the file afterwards or have exited non-zero saying why;
# prints the counts and exits 1 on any silent loss.
#   tests/scripts/concurrent-imports.sh [path/to/jsog-renewal] [pairs]
set -eu
BIN=${1:-target/release/jsog-renewal}
PAIRS=${2:-100}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
cd "$DIR"
"$BIN" new app.ron >/dev/null
HEADER='No.,診察日,年齢,性別,診断名,検査・処置・投薬等,転帰,診療施設名,担当医/指導医'
i=0
while [ "$i" -lt "$PAIRS" ]; do
    for side in A B; do
        printf '%s\n1,2021/05/10,34,女,同時%s%s,腹腔鏡手術,治癒,見本病院,担当医\n' \
            "$HEADER" "$side" "$i" > "$side$i.csv"
        ( if "$BIN" import-cases app.ron "$side$i.csv" >/dev/null 2>"$side$i.err"; then
              echo 0 > "$side$i.rc"; else echo $? > "$side$i.rc"; fi ) &
    done
    wait
    i=$((i + 1))
done
ok=0; refused=0; silent=0; mute=0
i=0
while [ "$i" -lt "$PAIRS" ]; do
    for side in A B; do
        rc=$(cat "$side$i.rc")
        if [ "$rc" = 0 ]; then
            if grep -q "同時$side$i\"" app.ron; then ok=$((ok + 1)); else silent=$((silent + 1)); fi
        else
            refused=$((refused + 1))
            [ -s "$side$i.err" ] || mute=$((mute + 1))
        fi
    done
    i=$((i + 1))
done
echo "imports: $((PAIRS * 2)), in the file: $ok, refused with a message: $refused, refused silently: $mute, silent losses: $silent"
leftovers=$(ls -A | grep -c 'tmp-' || true)
echo "temporary files left: $leftovers"
[ "$silent" -eq 0 ] && [ "$mute" -eq 0 ]
