#!/bin/bash
# 2 processes at once on d16 (odd pages / even pages), same engine: CPU per page vs 1 process
cd "$(dirname "$0")/../.."
eng=$1; out=/tmp/ev/out4; mkdir -p $out
odd=$(ls /tmp/ev/pages/d16-*.pgm | awk 'NR%2==1'); even=$(ls /tmp/ev/pages/d16-*.pgm | awk 'NR%2==0')
/usr/bin/time -f "%e wall %U user %S sys %M maxrssKB" -o $out/$eng-odd.time nice -n 10 node --import tsx scripts/ocr-eval/measure.ts $eng 150 $out/$eng-odd.json $odd 2>/dev/null &
/usr/bin/time -f "%e wall %U user %S sys %M maxrssKB" -o $out/$eng-even.time nice -n 10 node --import tsx scripts/ocr-eval/measure.ts $eng 150 $out/$eng-even.json $even 2>/dev/null &
wait
