/**
 * OCR against the text layer, per document: the cells gongkai wrote for scans of real documents
 * (scripts/ocr-eval/real-scans.ts) scored against the cells it wrote for the originals.
 *
 *   node --import tsx scripts/ocr-eval/vs-text.ts TEXT_OUT OCR_OUT [--wrong N]
 *
 * A cell is its table, panel, row code, row name, column path and value (as tests/compare.ts keys
 * them; names without whitespace or list ordinal, brackets and colons in either width); both
 * outputs are counted as multisets per document. Prints, per document: cells in each, recall,
 * precision, status, failing checks, wrong cells flagged (confidence under LOW_CONFIDENCE or
 * decimals unlike their column's), OCR pages per second of the run (documents.csv seconds).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { LOW_CONFIDENCE } from '../../src/ocr/settings.js';

type Row = Record<string, string>;
const [textOut, ocrOut] = process.argv.slice(2);
const wrongShown = Number(process.argv[process.argv.indexOf('--wrong') + 1] || 0);
if (!textOut || !ocrOut) throw new Error('usage: vs-text.ts TEXT_OUT OCR_OUT [--wrong N]');
const read = (dir: string, file: string): Row[] =>
  parse(readFileSync(path.join(dir, file)), { columns: true, bom: true, relax_quotes: true }) as Row[];
/** labels compared as the output contract defines them (whitespace removed), brackets and colons in either width */
const label = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':');
/** a row name without its leading list ordinal (一、 （二） 3.), as the shared scorer and tests/compare.ts compare */
const sansOrdinal = (s: string) =>
  s.replace(/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))/, '');
const key = (c: Row) =>
  [c.table, c.panel, c.row_code, sansOrdinal(label(c.row_name)), label(c.column), c.value].join(' | ');
const decimals = (v: string) => (v.split('.')[1] ?? '').length;
/** cells whose decimals differ from what most of their column prints (the document's ocr-lost-decimals warning) */
function lackingDecimals(cells: Row[]): Set<Row> {
  const cols = new Map<string, Row[]>();
  for (const c of cells) {
    const k = `${c.document}|${c.table}|${c.panel}|${c.column}`;
    cols.set(k, [...(cols.get(k) ?? []), c]);
  }
  const out = new Set<Row>();
  for (const col of cols.values()) {
    const counts = new Map<number, number>();
    for (const c of col) counts.set(decimals(c.value), (counts.get(decimals(c.value)) ?? 0) + 1);
    const [mode, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (mode > 0 && n >= 3) for (const c of col) if (decimals(c.value) !== mode) out.add(c);
  }
  return out;
}

function bag(rows: Row[]): Map<string, Map<string, number>> {
  const byDoc = new Map<string, Map<string, number>>();
  for (const c of rows) {
    const m = byDoc.get(c.document) ?? new Map<string, number>();
    m.set(key(c), (m.get(key(c)) ?? 0) + 1);
    byDoc.set(c.document, m);
  }
  return byDoc;
}
const want = bag(read(textOut, 'cells.csv'));
const ocrCells = read(ocrOut, 'cells.csv');
const pointless = lackingDecimals(ocrCells);
const docs = new Map(read(ocrOut, 'documents.csv').map((d) => [d.document, d]));
const checks = read(ocrOut, 'checks.csv');
let [sumWant, sumGot, sumHit] = [0, 0, 0];
console.log(
  'document | text cells | OCR cells | recall | precision | status | failing checks | wrong flagged | pages/s',
);
for (const [doc, expected] of want) {
  const got = ocrCells.filter((c) => c.document === doc);
  const left = new Map(expected);
  let hit = 0;
  const wrong: Row[] = [];
  for (const c of got) {
    const n = left.get(key(c)) ?? 0;
    if (n > 0) {
      hit++;
      left.set(key(c), n - 1);
    } else wrong.push(c);
  }
  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  const d = docs.get(doc);
  const failing = checks.filter((c) => c.document === doc && c.status === 'fail').length;
  const flagged = wrong.filter(
    (c) => (c.confidence !== '' && Number(c.confidence) < LOW_CONFIDENCE) || pointless.has(c),
  ).length;
  const rate = d ? (Number(d.ocr_pages || d.pages) / Number(d.seconds)).toFixed(2) : '';
  sumWant += total;
  sumGot += got.length;
  sumHit += hit;
  const r = (hit / Math.max(1, total)).toFixed(4);
  const p = (hit / Math.max(1, got.length)).toFixed(4);
  console.log(
    `${doc} | ${total} | ${got.length} | ${r} | ${p} | ${d?.status ?? 'missing'} | ${failing} | ` +
      `${flagged}/${wrong.length} | ${rate}`,
  );
  for (const c of wrong.slice(0, wrongShown)) console.log(`    not in the text layer: ${key(c)} (p${c.page})`);
  const missed = [...left].flatMap(([k, n]) => Array<string>(n).fill(k));
  for (const k of missed.slice(0, wrongShown)) console.log(`    not read: ${k}`);
}
console.log(
  `all | ${sumWant} | ${sumGot} | ${(sumHit / sumWant).toFixed(4)} | ${(sumHit / Math.max(1, sumGot)).toFixed(4)}`,
);
