/**
 * How well the OCR path reads a real document: rasterize a PDF that has a good text layer (as a
 * scan: 200 dpi, turned 0.4°, grey, noise), read both, and score the OCR cells against the text
 * layer's cells (same keys as tests/compare.ts). A development yardstick for real layouts:
 *
 *   node --import tsx scripts/ocr-vs-text.ts FILE.pdf [OUT.scan.pdf]
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../src/index.js';
import type { Cell } from '../src/model/schema.js';
import { scanPdf } from '../tests/fixtures/scan.js';

const src = process.argv[2];
if (!src) throw new Error('usage: ocr-vs-text.ts FILE.pdf [OUT.scan.pdf]');
const text = await extract(src);
const file = process.argv[3] ?? path.join(mkdtempSync(path.join(os.tmpdir(), 'gongkai-ovt-')), 'scan.pdf');
writeFileSync(file, scanPdf(readFileSync(src), { dpi: 200, rotate: 0.4, paper: 230, noise: 14 }));
const started = Date.now();
const ocr = await extract(file);
const key = (c: Cell) => [c.table, c.panel, c.row_code, c.row_name, c.column, c.value].join(' | ');
const want = new Map<string, number>();
for (const t of text.tables) for (const c of t.cells) want.set(key(c), (want.get(key(c)) ?? 0) + 1);
let hit = 0;
let total = 0;
const wrong: string[] = [];
for (const t of ocr.tables)
  for (const c of t.cells) {
    total++;
    const n = want.get(key(c)) ?? 0;
    if (n > 0) {
      hit++;
      want.set(key(c), n - 1);
    } else wrong.push(`${key(c)} (confidence ${c.confidence})`);
  }
const expected = text.tables.reduce((n, t) => n + t.cells.length, 0);
console.log(`${path.basename(src)}: ${ocr.pages} pages by OCR in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(
  `tables: text ${text.tables.map((t) => t.number).join(',')} | OCR ${ocr.tables.map((t) => t.number).join(',')}`,
);
console.log(
  `cells: recall ${(hit / Math.max(1, expected)).toFixed(3)}, precision ${(hit / Math.max(1, total)).toFixed(3)} ` +
    `(${expected} in the text layer, ${total} read by OCR); failing checks ` +
    `${ocr.checks.filter((c) => c.status === 'fail').length}; status ${ocr.status}`,
);
for (const w of wrong.slice(0, 30)) console.log(`  not in the text layer: ${w}`);
