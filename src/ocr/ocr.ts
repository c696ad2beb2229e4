/**
 * Scanned pages through a real OCR engine: poppler's pdftoppm renders each page to grey pixels,
 * the skew is measured and removed, ruling lines are found and erased (they become the page's
 * rulings, as a text PDF's drawn lines do), tesseract with the chi_sim model reads the rest
 * (enlarged 2×), word boxes are fitted to their ink, and every figure is read again alone by
 * digit-only readers that vote (`rereadFigures`). The result is a PdfPage like any other, in PDF
 * points, each item with its confidence.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PdfPage, TextItem } from '../model/content.js';
import { textItem } from '../model/textItem.js';
import { makeTempDir } from '../util/tempDir.js';
import { repairFigure, rereadFigures } from './figures.js';
import { cjkPunctuation, repairMarks } from './labels.js';
import {
  deskew,
  estimateSkew,
  findAndEraseRules,
  inkThreshold,
  type PixelSegment,
  readPgm,
  upscale,
  writePgm,
} from './raster.js';
import {
  DEFAULT_OCR_DPI,
  MAX_RENDER_PIXELS_SIDE,
  MIN_RULE_INCHES,
  OCR_SCALE,
  UNREAD_KEEP_CONFIDENCE,
} from './settings.js';
import { run } from './tools.js';
import {
  dropOverlapped,
  fitSmallBoxes,
  inkWithoutWords,
  isSliver,
  joinWords,
  medianBands,
  parseTsv,
  splitSpread,
  tighten,
  unnest,
} from './words.js';

export interface OcrOptions {
  dpi?: number;
  /** per page, for rendering and recognition each (default 120 s) */
  timeoutMs?: number;
}

export interface OcrPage {
  page: PdfPage;
  skew: number;
  words: number;
  meanConfidence: number;
}

/** OCR the given pages (1-based) of a PDF. */
/** pdftoppm renders at most this many pixels a side (a page's own size is never trusted) */
const MAX_RENDER_SIDE = String(MAX_RENDER_PIXELS_SIDE);

export async function ocrPdfPages(
  pdf: Uint8Array,
  pages: number[],
  opts: OcrOptions = {},
): Promise<Map<number, OcrPage>> {
  return readRenderedPages(pdf, pages, opts, 'ocr', (pgm, n, dpi, dir, timeout) => ocrImage(pgm, n, dpi, dir, timeout));
}

/**
 * Each page rendered to grey in a temp folder of its own and handed to `read` (an OCR engine's
 * page reader); the folder goes when the pages are read, or at the next run if this process dies.
 */
export async function readRenderedPages(
  pdf: Uint8Array,
  pages: number[],
  opts: OcrOptions,
  kind: string,
  read: (pgm: Uint8Array, page: number, dpi: number, dir: string, timeoutMs: number) => Promise<OcrPage>,
  ahead = false,
): Promise<Map<number, OcrPage>> {
  const dpi = opts.dpi ?? DEFAULT_OCR_DPI;
  const timeout = opts.timeoutMs ?? 120_000;
  const dir = await makeTempDir(kind);
  const out = new Map<number, OcrPage>();
  try {
    const file = path.join(dir, 'in.pdf');
    await writeFile(file, pdf);
    // rendered ahead, one pdftoppm a run of consecutive pages: a process started after the reader's
    // models are loaded costs the next page ~0.5 s of CPU (its memory is faulted in again), more
    // than the rendering itself
    const rendered = ahead ? await renderRuns(file, pages, dpi, dir, timeout) : undefined;
    for (const n of pages) {
      const pgm = rendered?.get(n) ?? (await renderPage(file, n, dpi, path.join(dir, `p${n}`), timeout));
      out.set(n, await read(await readFile(pgm), n, dpi, dir, timeout));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

/** Consecutive pages as runs [first, last]. */
export function pageRuns(pages: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const n of [...new Set(pages)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs;
}

/** Render `pages` of `file` into `dir`, one pdftoppm a run of consecutive pages; page → PGM path. */
async function renderRuns(
  file: string,
  pages: number[],
  dpi: number,
  dir: string,
  timeoutMs: number,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const [first, last] of pageRuns(pages)) {
    const base = path.join(dir, `r${first}`);
    const args = ['-r', String(dpi), '-gray', '-x', '0', '-y', '0', '-W', MAX_RENDER_SIDE, '-H', MAX_RENDER_SIDE];
    const range = ['-f', String(first), '-l', String(last)];
    await run('pdftoppm', [...args, ...range, file, base], timeoutMs * (last - first + 1));
    // pdftoppm names them base-N.pgm, N zero-padded to the width of the document's page count
    for (const name of await readdir(dir)) {
      const m = new RegExp(`^r${first}-0*(\\d+)\\.pgm$`).exec(name);
      if (m) out.set(Number(m[1]), path.join(dir, name));
    }
  }
  return out;
}

/**
 * Render page `n` of the PDF `file` to a grey PGM at `dpi` (at most MAX_RENDER_PIXELS_SIDE a
 * side); returns its path.
 */
export async function renderPage(
  file: string,
  n: number,
  dpi: number,
  base: string,
  timeoutMs: number,
): Promise<string> {
  await run(
    'pdftoppm',
    [
      '-r',
      String(dpi),
      '-gray',
      '-x',
      '0',
      '-y',
      '0',
      '-W',
      MAX_RENDER_SIDE,
      '-H',
      MAX_RENDER_SIDE,
      '-f',
      String(n),
      '-l',
      String(n),
      '-singlefile',
      file,
      base,
    ],
    timeoutMs,
  );
  return `${base}.pgm`;
}

/** One grey page image → a PdfPage (points = pixels × 72 / dpi). */
export async function ocrImage(
  pgm: Uint8Array,
  number: number,
  dpi: number,
  workDir: string,
  timeoutMs = 120_000,
): Promise<OcrPage> {
  const raw = readPgm(pgm);
  const skew = estimateSkew(raw);
  const straight = deskew(raw, skew);
  const { image, horizontals, verticals } = findAndEraseRules(straight, Math.round(dpi * MIN_RULE_INCHES));
  const clean = path.join(workDir, `clean-${number}.pgm`);
  const big = upscale(image, OCR_SCALE);
  await writeFile(clean, writePgm(big));
  const tsv = await run(
    'tesseract',
    [clean, 'stdout', '-l', 'chi_sim', '--psm', '6', '--dpi', String(dpi * OCR_SCALE), 'tsv'],
    timeoutMs,
  );
  const pt = 72 / dpi;
  const wordPt = pt / OCR_SCALE;
  const t = inkThreshold(image);
  const words = fitSmallBoxes(dropOverlapped(parseTsv(tsv)));
  const lineBands = medianBands(words);
  const joined = unnest(
    joinWords(
      words,
      verticals.map((v) => v.x0 * OCR_SCALE),
    ),
  )
    .flatMap((w) => splitSpread(big, t, w))
    .map((w) => tighten(big, t, w, lineBands.get(w.line)))
    .filter((w, _, all) => !isSliver(w, all, lineBands));
  // the enlarged page has the same tones as the page: one threshold serves both
  const unread = inkWithoutWords(image, t, joined, OCR_SCALE);
  const all = [...joined, ...unread];
  await rereadFigures(big, t, all, path.join(workDir, `fig-${number}`), dpi * OCR_SCALE, timeoutMs);
  // ink the first reading skipped stays only where the figure readings agreed on a figure
  const kept = all.filter((w) => !unread.includes(w) || (w.text !== '' && w.confidence > UNREAD_KEEP_CONFIDENCE));
  const items = kept
    .map((w) => ({ ...w, text: repairFigure(repairMarks(cjkPunctuation(w.text))) }))
    .map((w): TextItem =>
      textItem(
        w.text,
        w.left * wordPt,
        (w.left + w.width) * wordPt,
        w.top * wordPt,
        (w.top + w.height) * wordPt,
        w.height * wordPt,
        w.confidence,
      ),
    );
  const page = ocrPage(number, raw, pt, items, horizontals, verticals);
  const meanConfidence = words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0;
  return { page, skew, words: words.length, meanConfidence };
}

/** A page read by OCR, from the image's pixels to PDF points (`pt` points per pixel). */
export function ocrPage(
  number: number,
  image: { width: number; height: number },
  pt: number,
  items: TextItem[],
  horizontals: PixelSegment[],
  verticals: PixelSegment[],
): PdfPage {
  const toPoints = (s: PixelSegment) => ({ x0: s.x0 * pt, x1: s.x1 * pt, y0: s.y0 * pt, y1: s.y1 * pt });
  return {
    number,
    width: image.width * pt,
    height: image.height * pt,
    items,
    horizontals: horizontals.map(toPoints),
    verticals: verticals.map(toPoints),
    imageCount: 1,
  };
}
