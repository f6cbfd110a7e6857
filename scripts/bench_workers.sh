#!/usr/bin/env bash
# Times `sitrep ingest --workers 1` against `--workers 2` on the same corpus: the bundled
# examples, each copied COPIES times with a distinct closing line so that every copy is a
# different article (ids are content hashes). Prints one JSON object.
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${COPIES:-6}
SITREP=${SITREP:-.venv/bin/sitrep}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
for f in examples/*.txt; do
  for i in $(seq 1 "$COPIES"); do
    { cat "$f"; printf '\n\nThis is copy %s of the illustrative article.\n' "$i"; } > "$work/corpus/$(basename "$f" .txt)_$i.txt"
  done
done
n=$(ls "$work/corpus" | wc -l)
time_ingest() {  # time_ingest WORKERS -> seconds
  local start end
  start=$(date +%s.%N)
  "$SITREP" ingest "$work/corpus" --db "$work/w$1.db" --workers "$1" --no-progress 2>/dev/null
  end=$(date +%s.%N)
  python3 -c "print($end - $start)"
}
t1=$(time_ingest 1)
t2=$(time_ingest 2)
printf '{"articles": %s, "workers1_s": %.1f, "workers2_s": %.1f, "speedup": %.2f}\n' \
  "$n" "$t1" "$t2" "$(python3 -c "print($t1 / $t2)")"
