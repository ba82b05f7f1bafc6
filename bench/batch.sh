#!/usr/bin/env bash
# `make bench` (batch part): 200 documents (the fixtures copied under changed names) read
# (each made distinct by a trailing comment) with --jobs 1 and --jobs 2; prints wall time and
# peak memory (parent and workers together) of each run.
set -euo pipefail
cd "$(dirname "$0")/.."
cls=target/release/cls
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/archive"
files=(fixtures/pdf/*.pdf fixtures/html/*.html)
for i in $(seq 0 199); do
  f=${files[$((i % ${#files[@]}))]}
  to="$work/archive/doc-$(printf %03d "$i")-$(basename "$f")"
  cp "$f" "$to"
  # A distinct trailing comment per copy: identical files are one document (read once),
  # and the benchmark is about reading 200 different files.
  case "$f" in
    *.pdf) printf '\n%% copie %d\n' "$i" >> "$to" ;;
    *) printf '\n<!-- copie %d -->\n' "$i" >> "$to" ;;
  esac
done
# Peak of parent + workers together: the resident sizes of the batch process and its
# children summed every 50 ms (time's %M is the largest single process only).
tree_rss_kb() {
  local total=0 pid kb
  for pid in "$1" $(cat /proc/"$1"/task/*/children 2>/dev/null); do
    kb=$(awk '/^VmRSS/ {print $2}' /proc/"$pid"/status 2>/dev/null || true)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}
for jobs in 1 2; do
  start=$(date +%s.%N)
  "$cls" batch "$work/archive" --out "$work/out-$jobs" --jobs "$jobs" --force -q &
  pid=$!
  peak=0
  while kill -0 "$pid" 2>/dev/null; do
    now=$(tree_rss_kb "$pid")
    [ "$now" -gt "$peak" ] && peak=$now
    sleep 0.05
  done
  wait "$pid" || true
  end=$(date +%s.%N)
  printf "%-62s %8.2f s  peak (parent + workers) %d MB\n" "cls batch, 200 documents, --jobs $jobs" \
    "$(echo "$end - $start" | bc)" "$((peak / 1024))"
done
start=$(date +%s.%N)
"$cls" compare "$work/out-2" --out "$work/report" >/dev/null 2>&1 || true
end=$(date +%s.%N)
printf "%-62s %8.2f s\n" "cls compare over the 200-document corpus" "$(echo "$end - $start" | bc)"
