/**
 * Scans of real text-layer PDFs, for scoring OCR against the documents' own text layers:
 *
 *   node --import tsx scripts/ocr-eval/real-scans.ts DIR OUT [150,200]
 *
 * writes OUT/<dpi>/<name> for every PDF in DIR: each page rendered at that resolution, turned a
 * little, on grey paper with noise (tests/fixtures/scan.ts). Score with scripts/ocr-eval/vs-text.ts.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ScanStyle, scanPdf } from '../../tests/fixtures/scan.js';

const [dir, out, dpis = '150,200'] = process.argv.slice(2);
if (!dir || !out) throw new Error('usage: real-scans.ts DIR OUT [150,200]');
/** a different crook and paper per resolution, so the two sets are not the same scan twice */
const STYLE_AT: Record<number, Omit<ScanStyle, 'dpi'>> = {
  150: { rotate: 0.3, paper: 232, noise: 12 },
  200: { rotate: -0.4, paper: 228, noise: 16 },
};
for (const dpi of dpis.split(',').map(Number)) {
  const style = { dpi, ...(STYLE_AT[dpi] ?? { rotate: 0.4, paper: 230, noise: 14 }) };
  mkdirSync(path.join(out, String(dpi)), { recursive: true });
  for (const name of readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.pdf'))) {
    writeFileSync(path.join(out, String(dpi), name), scanPdf(readFileSync(path.join(dir, name)), style));
    console.log(`${dpi} dpi: ${name}`);
  }
}
