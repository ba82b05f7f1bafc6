#!/usr/bin/env bash
# `make bench` (batch part): 200 documents (the fixtures copied under changed names) read
# (each made distinct by a trailing comment) with --jobs 1 and --jobs 2; prints wall time and peak memory of each run.
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
for jobs in 1 2; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$cls" batch "$work/archive" --out "$work/out-$jobs" --jobs "$jobs" --force -q || true
  read -r secs kb < "$work/time"
  printf "%-62s %8s s  peak %d MB\n" "cls batch, 200 documents, --jobs $jobs" "$secs" "$((kb / 1024))"
done
start=$(date +%s.%N)
"$cls" compare "$work/out-2" --out "$work/report" >/dev/null 2>&1 || true
end=$(date +%s.%N)
printf "%-62s %8.2f s\n" "cls compare over the 200-document corpus" "$(echo "$end - $start" | bc)"
