#!/usr/bin/env bash
# Regenerates the pictures of docs/ from the current release build: the terminal capture
# of `cls ingest --format text` (docs/ingest-text.txt, tmux at 100 columns) and a
# screenshot of each page of the report of the shipped PDFs and web pages
# (docs/report-*.png, headless Chromium; the overview also at a phone's 390 px).
# Needs tmux and chromium. Run from the repository root: bash tools/docs-shots.sh
set -euo pipefail
root=$(pwd)
bin="$root/target/release/cls"
[ -x "$bin" ] || { echo "cargo build --release first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'tmux kill-session -t cls-docs 2>/dev/null || true; rm -rf "$tmp"' EXIT

# The terminal: a 100-column tmux pane, `cls` on the PATH, a bare prompt.
mkdir -p "$tmp/bin" && ln -s "$bin" "$tmp/bin/cls"
tmux new-session -d -s cls-docs -x 100 -y 60 \
  "env -i HOME=$tmp TERM=xterm-256color LANG=C.UTF-8 PATH=$tmp/bin:/usr/bin:/bin PS1='$ ' bash --norc --noprofile"
sleep 0.5
tmux send-keys -t cls-docs "cd $root && clear" Enter
sleep 0.3
tmux send-keys -t cls-docs "cls ingest --format text fixtures/pdf/cls-pays-de-vierzon-2022-2027.chromium.pdf" Enter
sleep 1
tmux send-keys -t cls-docs "cls ingest --format text fixtures/variety/pdf/br-threecol-picardie.chromium.pdf | tail -12" Enter
sleep 2
tmux capture-pane -t cls-docs -p | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > docs/ingest-text.txt

# The report of the shipped PDFs and pages.
"$bin" batch -q fixtures/pdf fixtures/html --out "$tmp/corpus"
"$bin" compare "$tmp/corpus" --out "$tmp/report"
shot() { # shot PAGE WIDTH HEIGHT OUT
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="$2,$3" --screenshot="$4" "$tmp/report/$1" >/dev/null 2>&1
}
shot index.html 1280 1600 docs/report-index.png
shot index.html 390 1800 docs/report-index-mobile.png
for page in "$tmp"/report/territoire-*.html; do
  name=$(basename "$page" .html)
  shot "$name.html" 1280 2400 "docs/report-$name.png"
done
echo "docs/ingest-text.txt and docs/report-*.png rewritten"
