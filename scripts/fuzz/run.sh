#!/usr/bin/env bash
# Part of the fuzz kit (scripts/fuzz/mutate.ts makes the inputs).
# Usage: run.sh REPO IN_DIR OUT_DIR [extra gongkai args]
# Runs the harvest over IN_DIR with a private TMPDIR, samples the RSS of every process in its
# tree, then reports: codes per count, `internal` lines, processes left, temp entries left, peak RSS.
set -u
repo=$1; in=$2; out=$3; shift 3
tmp=$(mktemp -d /tmp/fuzz-tmp.XXXX)
rm -rf "$out"
start=$(date +%s)
TMPDIR=$tmp setsid node "$repo/bin/gongkai.js" extract "$in" --out "$out" --no-progress "$@" > "$out.log" 2>&1 &
pid=$!
peak=0; peakcmd=""
while kill -0 $pid 2>/dev/null; do
  # every process whose session is the run's (setsid made the node its leader)
  while read -r rss p cmd; do
    if [ "$rss" -gt "$peak" ]; then peak=$rss; peakcmd=$cmd; fi
  done < <(ps -o rss=,pid=,comm= --sid $pid 2>/dev/null)
  sleep 0.5
done
wait $pid; code=$?
echo "exit $code after $(( $(date +%s) - start )) s; peak RSS of one process $((peak/1024)) MB ($peakcmd)"
sleep 1
left=$(ps -o pid=,comm= --sid $pid 2>/dev/null | wc -l)
echo "processes left in the run's session: $left"; ps -o pid=,etime=,comm=,args= --sid $pid 2>/dev/null | head -5 | cut -c1-150
echo "temp entries left: $(ls -A "$tmp" | wc -l) ($(du -sh "$tmp" | cut -f1))"; ls -A "$tmp" | head -5
python3 - "$out/documents.csv" <<'PY'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
c = collections.Counter((r['status'] if r['status'] != 'failed' else r['error'].split(':')[0]) for r in rows)
print(f"{len(rows)} rows:", dict(sorted(c.items(), key=lambda x: -x[1])))
for r in rows:
    if r['error'].startswith('internal') or '\n' in r['error'] or any(ord(ch) < 32 for ch in r['error']):
        print('  ', repr(r['document'])[:60], repr(r['error'])[:160])
PY
grep -c internal "$out.log" | sed 's/^/internal lines on stderr: /'
