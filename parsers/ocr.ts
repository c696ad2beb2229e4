/**
 * Scanned pages through a real OCR engine: poppler's pdftoppm renders each page to grey pixels,
 * the skew is measured and removed, ruling lines are found and erased (they become the page's
 * rulings, as a text PDF's drawn lines do), and tesseract with the chi_sim model reads the rest,
 * word boxes and confidences kept. The result is a PdfPage like any other, in PDF points.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GongkaiError } from '../src/errors.js';
import { deskew, estimateSkew, findAndEraseRules, readPgm, writePgm } from './raster.js';
import type { PdfPage, TextItem } from './types.js';

export const OCR_INSTALL_HINT = 'install tesseract and poppler (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils)';
/** 200 dpi: the benchmark's choice (150 dpi loses decimal points in 8 pt figures; 300 dpi is 2× slower for no gain). */
export const DEFAULT_OCR_DPI = 200;

function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 2 ** 20, env: { ...process.env, OMP_THREAD_LIMIT: '1' } }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === 'ENOENT') return reject(new GongkaiError('converter-missing', `scanned pages need OCR: ${OCR_INSTALL_HINT}`));
      if (e.killed) return reject(new GongkaiError('timeout', `${cmd} did not finish within ${timeoutMs / 1000} s`));
      reject(new GongkaiError('corrupt', `${cmd} failed: ${String(stderr || e.message).trim().split('\n')[0]}`));
    });
  });
}

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
export async function ocrPdfPages(pdf: Uint8Array, pages: number[], opts: OcrOptions = {}): Promise<Map<number, OcrPage>> {
  const dpi = opts.dpi ?? DEFAULT_OCR_DPI;
  const timeout = opts.timeoutMs ?? 120_000;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gongkai-ocr-'));
  const out = new Map<number, OcrPage>();
  try {
    const file = path.join(dir, 'in.pdf');
    await writeFile(file, pdf);
    for (const n of pages) {
      const base = path.join(dir, `p${n}`);
      await run('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(n), '-l', String(n), '-singlefile', file, base], timeout);
      out.set(n, await ocrImage(await readFile(`${base}.pgm`), n, dpi, dir, timeout));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

/** One grey page image → a PdfPage (points = pixels × 72 / dpi). */
export async function ocrImage(pgm: Uint8Array, number: number, dpi: number, workDir: string, timeoutMs = 120_000): Promise<OcrPage> {
  const raw = readPgm(pgm);
  const skew = estimateSkew(raw);
  const straight = deskew(raw, skew);
  const { image, horizontals, verticals } = findAndEraseRules(straight, Math.round(dpi * 0.3));
  const clean = path.join(workDir, `clean-${number}.pgm`);
  await writeFile(clean, writePgm(image));
  const tsv = await run('tesseract', [clean, 'stdout', '-l', 'chi_sim', '--psm', '6', 'tsv'], timeoutMs);
  const pt = 72 / dpi;
  const words = parseTsv(tsv);
  const items = joinWords(words, verticals.map((v) => v.x0)).map((w) => ({ ...w, text: cjkPunctuation(w.text) })).map(
    (w): TextItem => ({ str: w.text, x0: w.left * pt, x1: (w.left + w.width) * pt, y0: w.top * pt, y1: (w.top + w.height) * pt, fontSize: w.height * pt, conf: w.conf }),
  );
  const page: PdfPage = {
    number,
    width: raw.width * pt,
    height: raw.height * pt,
    items,
    horizontals: horizontals.map((s) => ({ x0: s.x0 * pt, x1: s.x1 * pt, y0: s.y0 * pt, y1: s.y1 * pt })),
    verticals: verticals.map((s) => ({ x0: s.x0 * pt, x1: s.x1 * pt, y0: s.y0 * pt, y1: s.y1 * pt })),
    imageCount: 1,
  };
  const meanConfidence = words.length ? words.reduce((s, w) => s + w.conf, 0) / words.length : 0;
  return { page, skew, words: words.length, meanConfidence };
}

/** Tesseract writes ASCII brackets and colons inside Chinese text, where print has full-width ones. */
function cjkPunctuation(s: string): string {
  if (!/[\u3400-\u9fff]/.test(s)) return s;
  return s
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/(单位|部门|名称)[;；]/g, '$1：');
}

interface Word {
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  text: string;
}

function parseTsv(tsv: string): Word[] {
  const words: Word[] = [];
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f[0] !== '5' || !f[11]?.trim()) continue;
    words.push({ line: `${f[1]}.${f[2]}.${f[3]}.${f[4]}`, left: +f[6], top: +f[7], width: +f[8], height: +f[9], conf: Math.max(0, +f[10]), text: f[11].trim() });
  }
  return words;
}

/**
 * Tesseract gives each Chinese word (often each character) separately: words of one line that
 * touch (a gap under 0.6 × their height) and no ruling line between them are one text run.
 */
function joinWords(words: Word[], ruleXs: number[]): Word[] {
  const out: Word[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    const gap = prev ? w.left - (prev.left + prev.width) : Infinity;
    const h = Math.max(w.height, prev?.height ?? 0);
    const ruleBetween = prev && ruleXs.some((x) => x > prev.left + prev.width - 2 && x < w.left + 2);
    if (prev && prev.line === w.line && gap < 0.6 * h && gap > -h && !ruleBetween) {
      const right = Math.max(prev.left + prev.width, w.left + w.width);
      const top = Math.min(prev.top, w.top);
      const bottom = Math.max(prev.top + prev.height, w.top + w.height);
      prev.text += w.text;
      prev.width = right - prev.left;
      prev.top = top;
      prev.height = bottom - top;
      prev.conf = Math.min(prev.conf, w.conf);
    } else out.push({ ...w });
  }
  return out;
}
