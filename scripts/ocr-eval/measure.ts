/**
 * OCR engine comparison (issue 17, item 2): reads grey page images with one engine, writes what it
 * read (items, per-page wall and CPU time of this process) as JSON for `score-pages.py`.
 *   node --import tsx scripts/ocr-eval/measure.ts ENGINE DPI OUT.json PAGE.pgm…
 * ENGINE: tess (the project's reader today, src/ocr/ocr.ts), pp-page (PP-OCRv4 det+rec on the whole
 * page, no ruling lines), pp-grid (ruling lines found on the image and erased, PP-OCR det+rec,
 * boxes split at rules and wide blanks: src/ocr/ppocr.ts; pp-erase: the same reading the page with
 * its rules erased, as tesseract's path does), gut (@gutenye/ocr-node as shipped).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ocrImage } from '../../src/ocr/ocr.js';
import { ppocrEngine, ppocrImage } from '../../src/ocr/ppocr.js';
import { readPgm } from '../../src/ocr/raster.js';

const [engine, dpiArg, outFile, ...files] = process.argv.slice(2);
const dpi = Number(dpiArg);
const dir = mkdtempSync(path.join(os.tmpdir(), 'ocr-eval-'));
type Item = { str: string; x0: number; y0: number; x1: number; y1: number; confidence?: number };
const pages: { file: string; items: Item[]; wallMs: number; cpuMs: number }[] = [];
const t0 = performance.now();
let gut: { detect(p: string): Promise<{ text: string; mean: number; box?: number[][] }[]> } | undefined;
if (engine.startsWith('pp')) await ppocrEngine();
if (engine === 'gut') {
  const Ocr = (await import('@gutenye/ocr-node')).default;
  gut = (await Ocr.create({
    onnxOptions: { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' },
  })) as never;
}
const initMs = performance.now() - t0;
for (const [k, file] of files.entries()) {
  const bytes = readFileSync(file);
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  let items: Item[];
  if (engine === 'tess') items = (await ocrImage(bytes, k + 1, dpi, dir)).page.items;
  else if (engine === 'pp-page' || engine === 'pp-grid' || engine === 'pp-erase')
    items = (
      await ppocrImage(bytes, k + 1, dpi, {
        rules: engine !== 'pp-page',
        erase: engine === 'pp-erase',
        detDpi: process.env.DET_DPI ? Number(process.env.DET_DPI) : undefined,
      })
    ).page.items;
  else if (engine === 'gut') {
    const g = readPgm(bytes);
    const sharp = (await import('sharp')).default;
    const png = path.join(dir, `p${k}.png`);
    await sharp(Buffer.from(g.data), { raw: { width: g.width, height: g.height, channels: 1 } })
      .png()
      .toFile(png);
    const lines = await gut!.detect(png);
    const pt = 72 / dpi;
    items = lines.map((l) => ({
      str: l.text,
      x0: (l.box?.[0][0] ?? 0) * pt,
      y0: (l.box?.[0][1] ?? 0) * pt,
      x1: (l.box?.[2][0] ?? 0) * pt,
      y1: (l.box?.[2][1] ?? 0) * pt,
      confidence: Math.round(l.mean * 100),
    }));
  } else throw new Error(`unknown engine ${engine}`);
  const c = process.cpuUsage(c0);
  pages.push({
    file: path.basename(file),
    items: items.map((i) => ({
      str: i.str,
      x0: +i.x0.toFixed(1),
      y0: +i.y0.toFixed(1),
      x1: +i.x1.toFixed(1),
      y1: +i.y1.toFixed(1),
      confidence: i.confidence,
    })),
    wallMs: Math.round(performance.now() - w0),
    cpuMs: Math.round((c.user + c.system) / 1000),
  });
  process.stderr.write(`${engine} ${path.basename(file)} ${pages.at(-1)!.wallMs} ms\n`);
}
writeFileSync(
  outFile,
  JSON.stringify(
    { engine, dpi, initMs: Math.round(initMs), rssMB: Math.round(process.memoryUsage().rss / 1048576), pages },
    null,
    0,
  ),
);
