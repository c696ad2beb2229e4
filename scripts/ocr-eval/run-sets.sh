#!/bin/bash
# usage: run-sets.sh OUTDIR ENGINE…  (pages rendered first: pdftoppm -r 200|150 -gray into /tmp/ev/pages, see /work/notes/ocr-eval.md)
cd "$(dirname "$0")/../.."
out=$1; shift
for eng in "$@"; do
  for set in d15 d16 real150 real200; do
    case $set in
      d15) dpi=200; files=$(ls /tmp/ev/pages/d15-*.pgm);;
      d16) dpi=150; files=$(ls /tmp/ev/pages/d16-*.pgm);;
      real150) dpi=150; files=$(ls /tmp/ev/pages/r?-*-r150.pgm);;
      real200) dpi=200; files=$(ls /tmp/ev/pages/r?-*-r200.pgm);;
    esac
    /usr/bin/time -f "%e wall %U user %S sys %M maxrssKB" -o $out/$eng-$set.time nice -n 10 node --import tsx scripts/ocr-eval/measure.ts $eng $dpi $out/$eng-$set.json $files 2>>$out/$eng.log
  done
done
