/**
 * Scans of the project's corpus for the OCR benchmark: node --import tsx scripts/make-scans.ts DIR
 * (the same styles tests/ocr.test.ts reads).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCANS, scanPdf } from '../tests/fixtures/scan.js';

const corpus = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'corpus');
const out = process.argv[2] ?? 'output/scans';
mkdirSync(out, { recursive: true });
for (const { name, style } of SCANS)
  writeFileSync(path.join(out, `${name}.scan.pdf`), scanPdf(readFileSync(path.join(corpus, `${name}.pdf`)), style));
console.log(`${SCANS.length} scans → ${out}`);
