#!/usr/bin/env bash
# Runs README's Slurm recipes on a single-node Slurm (Debian's slurm-wlm) and checks that
# the merged corpus equals a one-machine run, byte for byte (manifest aside), that a
# stepped array (--array=0-6:2) gives every file to one task, and that a merge with a
# cancelled shard is refused. Not in CI: it needs root to install and start Slurm.
#
#   sudo tools/slurm-check.sh            # installs slurm-wlm and munge if missing
#
# Leaves the Slurm daemons it started running only until it exits.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
cls="$repo/target/release/cls"
[ -x "$cls" ] || cargo build --release -p cls-cli

if ! command -v slurmctld >/dev/null; then
  apt-get install -y --no-install-recommends slurm-wlm munge >/dev/null
fi

work=$(mktemp -d /tmp/cls-slurm.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# --- a single-node cluster -------------------------------------------------------------
host=$(hostname -s)
cpus=$(nproc)
conf="$work/slurm.conf"
mkdir -p "$work/spool/ctld" "$work/spool/d" "$work/log"
cat > "$conf" <<EOF
ClusterName=cls-check
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/spool/ctld
SlurmdSpoolDir=$work/spool/d
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$conf"
if ! pgrep -x munged >/dev/null; then
  [ -f /etc/munge/munge.key ] || mungekey --create 2>/dev/null || /usr/sbin/create-munge-key -f
  mkdir -p /run/munge && chown munge:munge /run/munge 2>/dev/null || true
  runuser -u munge -- /usr/sbin/munged 2>/dev/null || /usr/sbin/munged --force
fi
slurmctld -D -f "$conf" >"$work/log/ctld.out" 2>&1 & pids+=($!)
sleep 2
slurmd -D -f "$conf" >"$work/log/d.out" 2>&1 & pids+=($!)
for _ in $(seq 30); do
  sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed)' && break
  sleep 1
done
sinfo

# --- the archive and the one-machine reference --------------------------------------------
mkdir -p "$work/archive/web"
cp fixtures/pdf/*.pdf "$work/archive/"
cp fixtures/html/*.html "$work/archive/web/"
cp fixtures/html/chaumont-web.html "$work/archive/copie-1.html"
cp fixtures/html/chaumont-web.html "$work/archive/web/copie-2.html"
# A file that fails: its task exits 2, which must not keep the merge from running.
cp tests/data/broken/random.pdf "$work/archive/web/abime.pdf"
"$cls" batch "$work/archive" --out "$work/reference" -q || [ $? -eq 2 ]

# --- README's recipe: an array (here with a step), then the merge as a dependent job ------
cat > "$work/cls-array.sh" <<EOF
#!/bin/bash
#SBATCH --job-name=cls-batch
#SBATCH --array=0-6:2
#SBATCH --cpus-per-task=1
#SBATCH --output=$work/log/array-%a.out
set -euo pipefail
cd "$work"
"$cls" batch ./archive --out "$work/shards/shard-\$SLURM_ARRAY_TASK_ID" -q || [ \$? -eq 2 ]
EOF
cat > "$work/cls-merge.sh" <<EOF
#!/bin/bash
#SBATCH --job-name=cls-merge
#SBATCH --cpus-per-task=1
#SBATCH --output=$work/log/merge.out
set -euo pipefail
"$cls" merge $work/shards/shard-* --out "$work/merged"
EOF
array=$(sbatch --parsable "$work/cls-array.sh")
merge=$(sbatch --parsable --dependency=afterok:"$array" "$work/cls-merge.sh")
echo "array job $array, merge job $merge"
for _ in $(seq 120); do
  squeue -h -j "$array,$merge" 2>/dev/null | grep -q . || break
  sleep 1
done
status=0
cat "$work/log/merge.out" || true
for d in "$work"/shards/shard-*; do
  printf '%s: shard %s, %s files\n' "$(basename "$d")" \
    "$(sed -n 's/.*"shard": "\(.*\)".*/\1/p' "$d/manifest.json")" \
    "$(grep -c '"fichier"' "$d/manifest.json")"
done
if diff -r -x manifest.json -x '.*' "$work/reference" "$work/merged" >/dev/null; then
  echo "OK   merged corpus equals the one-machine run (documents, registry, exports)"
else
  echo "FAIL merged corpus differs from the one-machine run"; status=1
fi
ids() { grep '"document_id"' "$1/manifest.json" | sort; }
if [ "$(ids "$work/reference")" = "$(ids "$work/merged")" ]; then
  echo "OK   same document ids"
else
  echo "FAIL document ids differ"; status=1
fi

# --- a shard cancelled before it starts: the merge refuses -----------------------------
rm -rf "$work/shards" "$work/merged"
array=$(sbatch --parsable --hold "$work/cls-array.sh")
scancel "${array}_4"
scontrol release "$array"
for _ in $(seq 120); do
  squeue -h -j "$array" 2>/dev/null | grep -q . || break
  sleep 1
done
if "$cls" merge "$work"/shards/shard-* --out "$work/merged" 2>"$work/refused"; then
  echo "FAIL a merge with a cancelled shard succeeded"; status=1
else
  echo "OK   merge refused: $(cat "$work/refused")"
fi
exit $status
