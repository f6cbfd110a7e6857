#!/usr/bin/env bash
# Runs `sitrep eval` on every dev file in ../shared/eval and writes one JSON per run to out/eval/.
# The README's accuracy table is made from these files by scripts/accuracy_table.py.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${EVAL_DIR:-../shared/eval}
OUT=${OUT_DIR:-out/eval}
SITREP=${SITREP:-.venv/bin/sitrep}
mkdir -p "$OUT"
run() {  # run NAME TASK FILE [FLAGS...]
  local name=$1 task=$2 file=$3; shift 3
  echo "eval $name" >&2
  "$SITREP" eval "$task" "$EVAL/$file" --json "$@" > "$OUT/$name.json"
}
run events-case2021 events events/case2021_task2_dev.jsonl
run events-muc4 events events/muc4_dev.jsonl
run events-ucdp events events/ucdp_car_dev.jsonl
run events-centcom events events/centcom_dev.jsonl
run events-plover events events/plover_gsr.jsonl
run toponyms-gwn toponyms geo/gwn_dev.jsonl
run toponyms-lgl toponyms geo/lgl_dev.jsonl
run toponyms-trnews toponyms geo/trnews_dev.jsonl
run given-gwn toponyms geo/gwn_dev.jsonl --given-toponyms
run given-lgl toponyms geo/lgl_dev.jsonl --given-toponyms
run given-trnews toponyms geo/trnews_dev.jsonl --given-toponyms
run event-location event-location geo/event_location_dev.jsonl
run time-meantime time time/meantime_dev.jsonl
run time-tbaq time time/tbaq_dev.jsonl
run quotes-polnear quotes claims/quotes_polnear_dev.jsonl
run loaded-ptc loaded claims/loaded_ptc_train.jsonl
run loaded-babe loaded claims/loaded_babe_dev.jsonl
