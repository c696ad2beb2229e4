/**
 * Scanned pages through a real OCR engine: poppler's pdftoppm renders each page to grey pixels,
 * the skew is measured and removed, ruling lines are found and erased (they become the page's
 * rulings, as a text PDF's drawn lines do), tesseract with the chi_sim model reads the rest
 * (enlarged 2×), word boxes are fitted to their ink, and every figure is read again alone by
 * digit-only readers that vote (`rereadFigures`). The result is a PdfPage like any other, in PDF
 * points, each item with its confidence.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GongkaiError } from '../model/errors.js';
import { deskew, estimateSkew, findAndEraseRules, inkThreshold, readPgm, upscale, writePgm, type Grey } from './raster.js';
import type { PdfPage, TextItem } from '../model/content.js';
import { textItem } from '../model/textItem.js';

export const OCR_INSTALL_HINT = 'install tesseract and poppler (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng poppler-utils)';
/** 200 dpi: the benchmark's choice (150 dpi loses decimal points in 8 pt figures; 300 dpi is 2× slower for no gain). */
export const DEFAULT_OCR_DPI = 200;
/** The cleaned page is enlarged this much for tesseract (see `upscale`). */
const OCR_SCALE = 2;

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
  const big = upscale(image, OCR_SCALE);
  await writeFile(clean, writePgm(big));
  const tsv = await run('tesseract', [clean, 'stdout', '-l', 'chi_sim', '--psm', '6', '--dpi', String(dpi * OCR_SCALE), 'tsv'], timeoutMs);
  const pt = 72 / dpi;
  const wordPt = pt / OCR_SCALE;
  const t = inkThreshold(image);
  const words = fitSmallBoxes(dropOverlapped(parseTsv(tsv)));
  const lineBands = medianBands(words);
  const joined = unnest(joinWords(words, verticals.map((v) => v.x0 * OCR_SCALE)))
    .flatMap((w) => splitSpread(big, t, w))
    .map((w) => tighten(big, t, w, lineBands.get(w.line)))
    .filter((w, _, all) => !isSliver(w, all, lineBands));
  // the enlarged page has the same tones as the page: one threshold serves both
  const unread = inkWithoutWords(image, t, joined, OCR_SCALE);
  const all = [...joined, ...unread];
  await rereadFigures(big, t, all, path.join(workDir, `fig-${number}`), dpi * OCR_SCALE, timeoutMs);
  // ink the first reading skipped stays only where the figure readings agreed on a figure
  const kept = all.filter((w) => !unread.includes(w) || (w.text !== '' && w.conf > 30));
  const items = kept.map((w) => ({ ...w, text: repairMarks(cjkPunctuation(w.text)) })).map(
    (w): TextItem => textItem(w.text, w.left * wordPt, (w.left + w.width) * wordPt, w.top * wordPt, (w.top + w.height) * wordPt, w.height * wordPt, w.conf),
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

/** Text that is a figure or a code, perhaps with the usual misreadings of digits. */
const FIGURE_LIKE = /^[-\d.,，:;·'`OoSl|\[\]\s]+$/;
const isFigureLike = (w: Word) => {
  if (w.unread) return true;
  if (!/\d/.test(w.text)) return false;
  if (FIGURE_LIKE.test(w.text)) return true;
  // a long figure with a stray character read into it ("二250，000.50")
  const chars = [...w.text];
  return chars.length >= 5 && !/[。、]/.test(w.text) && chars.filter((c) => /[\d.,，]/.test(c)).length >= chars.length - 1;
};

/**
 * Words to read again as figures: those that look like figures, and short unsure words standing
 * in a column of figures ("1. 11" read as "了").
 */
function figureCandidates(words: Word[]): Word[] {
  const figures = words.filter(isFigureLike);
  const inFigureColumn = (w: Word) => figures.filter((f) => f.line !== w.line && f.left < w.left + w.width && w.left < f.left + f.width).length >= 3;
  return words.filter((w) => isFigureLike(w) || (w.conf < 50 && [...w.text].length <= 3 && inFigureColumn(w)));
}

/**
 * Second reading of every figure: each candidate word is cut out and read again by the English
 * model restricted to digits and separators, one line per word (tesseract reads a list of images
 * in one run) — English on the binarized and on the grey crop, Chinese on the binarized one. In
 * a line of Chinese, chi_sim loses digits' small marks ("1. 14" → "114", "5" → "S"); alone and
 * restricted to digits, they read far better. The readings vote (`vote`); a figure replaces the
 * first reading only when it is well formed.
 */
async function rereadFigures(image: Grey, t: number, words: Word[], base: string, dpi: number, timeoutMs: number): Promise<void> {
  const cands = figureCandidates(words).filter((w) => w.width >= 2 && w.height >= 2);
  if (!cands.length) return;
  const pad = Math.round(dpi / 40);
  const grey: string[] = [];
  const bin: string[] = [];
  // crops: grey and binarized halfway for every figure; binarized heavier only where needed (below)
  const crops: Grey[] = [];
  for (let i = 0; i < cands.length; i++) {
    const w = cands[i];
    const { x0, x1 } = growToInk(image, t, w);
    crops.push(crop(image, x0 - pad, w.top - pad, x1 - x0 + 2 * pad, w.height + 2 * pad, 2 * pad));
    grey.push(`${base}-g${i}.pgm`);
    bin.push(`${base}-b${i}.pgm`);
    await writeFile(grey[i], writePgm(crops[i]));
    await writeFile(bin[i], writePgm(binarize(crops[i], 0.5)));
  }
  const readAll = async (files: string[], tag: string, lang: string, digitsOnly = true) => {
    const list = `${base}-${tag}.txt`;
    await writeFile(list, files.join('\n') + '\n');
    let tsv = '';
    try {
      const only = digitsOnly ? ['-c', 'tessedit_char_whitelist=0123456789.,-'] : [];
      tsv = await run('tesseract', [list, 'stdout', '-l', lang, '--psm', '7', '--dpi', String(dpi), ...only, 'tsv'], timeoutMs);
    } catch (err) {
      // a second reading that fails leaves the page reading as it was; only a timeout stops the page
      if (err instanceof GongkaiError && err.code === 'timeout') throw err;
    }
    const out: ({ text: string; conf: number } | undefined)[] = [];
    for (const row of tsv.split('\n')) {
      const f = row.split('\t');
      if (f[0] !== '5' || !f[11]?.trim()) continue;
      const k = Number(f[1]) - 1;
      const prev = out[k];
      out[k] = { text: (prev?.text ?? '') + f[11].trim(), conf: Math.min(prev?.conf ?? 100, Math.max(0, +f[10])) };
    }
    return out.map((r) => (r && digitsOnly ? { ...r, text: tidySeparators(r.text) } : r));
  };
  type Reading = { text: string; conf: number } | undefined;
  // the page reading votes too
  const firsts: Reading[] = cands.map((w) => (w.unread ? undefined : { text: tidySeparators(w.text), conf: w.conf }));
  const readings: Reading[][] = cands.map((_, i) => [firsts[i]]);
  const eg = await readAll(grey, 'eg', 'eng');
  const eb = await readAll(bin, 'eb', 'eng');
  cands.forEach((_, i) => readings[i].push(eg[i], eb[i]));
  // where the page and both English readings already agree, two more readings cannot outvote them
  const open = cands.map((_, i) => i).filter((i) => !(readings[i].every((r) => r && WELL_FORMED.test(r.text)) && readings[i].every((r) => r!.text === readings[i][0]!.text)));
  if (open.length) {
    const heavy: string[] = [];
    for (const i of open) {
      heavy.push(`${base}-h${i}.pgm`);
      await writeFile(heavy[heavy.length - 1], writePgm(binarize(crops[i], 0.65)));
    }
    const eh = await readAll(heavy, 'eh', 'eng');
    const cb = await readAll(open.map((i) => bin[i]), 'cb', 'chi_sim');
    open.forEach((i, k) => readings[i].push(eh[k], cb[k]));
  }
  // ink the page reading skipped, or an unsure word that does not look like a figure, is a figure
  // only if, read freely, it shows no Chinese: readers restricted to digits make digits of
  // anything ("：万元" → "77")
  const unread = cands.map((w, i) => (w.unread || !FIGURE_LIKE.test(w.text) ? i : -1)).filter((i) => i >= 0);
  const chinese = new Set<number>();
  if (unread.length) {
    const free = await readAll(unread.map((i) => bin[i]), 'cf', 'chi_sim', false);
    unread.forEach((i, k) => {
      if (!free[k] || /[\u3400-\u9fff]/.test(free[k]!.text) || !/\d/.test(free[k]!.text)) chinese.add(i);
    });
  }
  cands.forEach((w, i) => {
    const formed = readings[i].filter((r): r is { text: string; conf: number } => Boolean(r && WELL_FORMED.test(r.text)));
    const pick = vote(formed);
    if (!pick) return;
    // ink the page reading skipped needs two readings that agree on its digits
    if (chinese.has(i)) return;
    if (w.unread && formed.filter((r) => r.text.replace(/[.,]/g, '') === pick.text.replace(/[.,]/g, '')).length < 2) return;
    w.text = pick.text;
    w.conf = pick.conf;
  });
}

/**
 * One figure from several readings: the digits most readings agree on; among readings of those
 * digits that differ in a separator, the one with the decimal point (losing the small point is the
 * usual error, inventing one is not), at a confidence that says the readings differed. Without
 * agreement, the first reading at a confidence low enough to be flagged.
 */
export function vote(readings: { text: string; conf: number }[]): { text: string; conf: number } | undefined {
  if (!readings.length) return undefined;
  if (readings.length === 1) return readings[0];
  const digits = (t: string) => t.replace(/[.,]/g, '');
  let kin: { text: string; conf: number }[] = [];
  let tied = false;
  for (const r of readings) {
    const k = readings.filter((o) => digits(o.text) === digits(r.text));
    if (k.length > kin.length) [kin, tied] = [k, false];
    else if (k.length === kin.length && digits(k[0].text) !== digits(kin[0].text)) tied = true;
  }
  if (kin.length < 2) return { text: readings[0].text, conf: Math.min(readings[0].conf, 30) };
  // as many readings for other digits: say so
  if (tied) return { text: kin[0].text, conf: Math.min(...kin.map((o) => o.conf), 30) };
  // tesseract scores a whitelisted line of spaced figures ("6, 969, 954. 82") at 0 even when it is
  // right; every reading agreeing is the better measure
  if (kin.every((o) => o.text === kin[0].text)) return { text: kin[0].text, conf: Math.max(...kin.map((o) => o.conf), kin.length === readings.length && kin.length >= 3 ? 95 : 0) };
  const pick = kin.find((o) => o.text.includes('.')) ?? kin[0];
  return { text: pick.text, conf: Math.min(pick.conf, 70) };
}

/**
 * A word box may hold only part of the figure ("1." of "1. 11"): widen it while ink continues
 * within half the word's height (erased rules leave paper, so a cell's border stops it).
 */
function growToInk(g: Grey, t: number, w: Word): { x0: number; x1: number } {
  const y0 = Math.max(0, w.top);
  const y1 = Math.min(g.height - 1, w.top + w.height);
  const inkAt = (x: number) => {
    if (x < 0 || x >= g.width) return false;
    for (let y = y0; y <= y1; y++) if (g.data[y * g.width + x] <= t) return true;
    return false;
  };
  const reach = Math.round(w.height / 2);
  let x0 = w.left;
  let x1 = w.left + w.width;
  for (let moved = true; moved; ) {
    moved = false;
    for (let d = 1; d <= reach; d++)
      if (inkAt(x1 + d)) {
        x1 += d;
        moved = true;
        break;
      }
  }
  for (let moved = true; moved; ) {
    moved = false;
    for (let d = 1; d <= reach; d++)
      if (inkAt(x0 - d)) {
        x0 -= d;
        moved = true;
        break;
      }
  }
  return { x0, x1 };
}

/**
 * Separators doubled by a spaced font ("15,.000.00", "15,000..00") and a comma before the last two
 * digits (a decimal point) — the digits are never touched.
 */
export function tidySeparators(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/,\.(?=\d{3})/g, ',')
    .replace(/\.{2,}/g, '.')
    .replace(/,{2,}/g, ',')
    .replace(/,\.?(\d{2})$/, '.$1');
}

/** 1,234.56 / 1234.56 / 12 / 2010301 / -3.50 */
const WELL_FORMED = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * Ink black, paper white, the threshold `at` of the way from the crop's darkest ink to its paper:
 * halfway keeps small points apart from their digits; further keeps thin strokes (the bar of a 7).
 */
function binarize(g: Grey, at: number): Grey {
  const hist = new Uint32Array(256);
  let darkest = 255;
  for (const v of g.data) {
    hist[v]++;
    if (v < darkest) darkest = v;
  }
  let paper = 255;
  for (let i = 0; i < 256; i++) if (hist[i] > hist[paper]) paper = i;
  const t = darkest + at * (paper - darkest);
  return { ...g, data: g.data.map((v) => (v <= t ? 0 : 255)) };
}

/** A rectangle of the image (clipped), with a white margin around it. */
function crop(g: Grey, x: number, y: number, w: number, h: number, margin: number): Grey {
  const ow = w + 2 * margin;
  const oh = h + 2 * margin;
  const out = new Uint8Array(ow * oh).fill(255);
  for (let yy = 0; yy < h; yy++) {
    const sy = y + yy;
    if (sy < 0 || sy >= g.height) continue;
    for (let xx = 0; xx < w; xx++) {
      const sx = x + xx;
      if (sx < 0 || sx >= g.width) continue;
      out[(yy + margin) * ow + xx + margin] = g.data[sy * g.width + sx];
    }
  }
  return { width: ow, height: oh, data: out };
}

/**
 * Tesseract may give one box to Chinese characters that stand apart — column headings 款 and 项
 * as one word "款项". Where the ink in the box falls into exactly as many clusters, separated by
 * gaps of at least half the height, as the word has characters, each character gets its own box.
 */
export function splitSpread(g: Grey, t: number, w: Word): Word[] {
  // codes in 类 | 款 | 项 columns joined by a speck read as "。": "208。05"
  const codes = /^(\d{2,})[。、·](\d{2,})$/.exec(w.text);
  const chars = codes ? [codes[1], codes[2]] : [...w.text];
  if (!codes && (chars.length < 2 || !chars.every((c) => /[\u3400-\u9fff]/.test(c)) || w.width < chars.length * w.height * 1.6)) return [w];
  const y1 = Math.min(g.height - 1, w.top + w.height);
  const clusters: [number, number][] = [];
  let gap = Infinity;
  for (let x = Math.max(0, w.left); x < Math.min(g.width, w.left + w.width); x++) {
    let ink = false;
    for (let y = Math.max(0, w.top); y <= y1 && !ink; y++) ink = g.data[y * g.width + x] <= t;
    if (ink) {
      if (gap >= w.height / 2 || !clusters.length) clusters.push([x, x]);
      else clusters[clusters.length - 1][1] = x;
      gap = 0;
    } else gap++;
  }
  // a speck is not a character
  if (codes) clusters.splice(0, clusters.length, ...clusters.filter(([a, b]) => b - a >= w.height / 4));
  if (clusters.length !== chars.length) return [w];
  return clusters.map(([a, b], i) => ({ ...w, text: chars[i], left: a, width: b - a + 1 }));
}

/**
 * Tesseract's boxes can be as tall as the whole line's hypothesis (17 pt for 8 pt digits), and
 * a box's height is what sets the gap that separates columns: shrink each box to the ink in it.
 */
function tighten(g: Grey, t: number, w: Word, band?: { top: number; height: number }): Word {
  const x0 = Math.max(0, w.left);
  const x1 = Math.min(g.width - 1, w.left + w.width - 1);
  // a loose box may reach into the next line: keep to the band where its line's words sit
  const y0 = Math.max(0, w.top, band ? Math.round(band.top - 0.25 * band.height) : 0);
  const y1 = Math.min(g.height - 1, w.top + w.height - 1, band ? Math.round(band.top + 1.25 * band.height) : Infinity);
  let top = -1;
  let bottom = -1;
  let left = x1 + 1;
  let right = x0 - 1;
  for (let y = y0; y <= y1; y++)
    for (let x = x0, i = y * g.width + x0; x <= x1; x++, i++) {
      if (g.data[i] > t) continue;
      if (top < 0) top = y;
      bottom = y;
      if (x < left) left = x;
      if (x > right) right = x;
    }
  if (top < 0) return w;
  return { ...w, left, top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * A loose box can take in the next word's ink ("单位" reaching over "：万元"), which then splits
 * and orders wrongly. Where one word's box runs into another of its line, cut it back to its own
 * side, as tesseract ordered them.
 */
function unnest(words: Word[]): Word[] {
  const out = words.map((w) => ({ ...w }));
  out.forEach((a, i) =>
    out.forEach((b, j) => {
      if (i === j || a.line !== b.line || !(a.left < b.left && a.left + a.width > b.left)) return;
      if (i < j) {
        if (b.left - 1 - a.left >= 1) a.width = b.left - 1 - a.left;
      } else if (a.left + a.width > b.left + b.width) {
        const right = a.left + a.width;
        a.left = b.left + b.width + 1;
        a.width = right - a.left;
      }
    }),
  );
  return out;
}

/**
 * A sliver of a line read with no confidence across words of another line ("公务捷侍", 12 px high
 * under "公务" "接待费" 43 px high): a second hypothesis over the same print.
 */
function isSliver(w: Word, all: Word[], bands: Map<string, { top: number; height: number }>): boolean {
  if (w.conf >= 10 || w.height >= 0.4 * (bands.get(w.line)?.height ?? 0)) return false;
  return all.some((o) => o.line !== w.line && o.left < w.left + w.width && w.left < o.left + o.width && Math.abs(o.top + o.height / 2 - (w.top + w.height / 2)) < o.height);
}

/** Each tesseract line's usual top and height (medians of its words). */
function medianBands(words: Word[]): Map<string, { top: number; height: number; count: number }> {
  const byLine = new Map<string, Word[]>();
  for (const w of words) (byLine.get(w.line) ?? byLine.set(w.line, []).get(w.line)!).push(w);
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  return new Map([...byLine].map(([k, ws]) => [k, { top: med(ws.map((w) => w.top)), height: med(ws.map((w) => w.height)), count: ws.length }]));
}

/**
 * Tesseract sometimes gives a Chinese character the box of a mark beside it ("公" the box of its
 * closing quote, 8 × 12 px in a line 40 px high), which puts it on a line of its own. Such a box
 * takes its line's usual height and a square's width, centred where it was; `tighten` then fits
 * it to the ink.
 */
function fitSmallBoxes(words: Word[]): Word[] {
  const bands = medianBands(words);
  return words.map((w) => {
    const band = bands.get(w.line)!;
    if (band.count < 3 || !/^[\u3400-\u9fff]$/.test(w.text)) return w;
    const { height: h, top } = band;
    if (w.height >= 0.5 * h) return w;
    const cx = w.left + w.width / 2;
    const width = Math.max(w.width, h);
    return { ...w, top, height: h, left: Math.round(cx - width / 2), width };
  });
}

/** Tesseract writes ASCII brackets and colons inside Chinese text, where print has full-width ones. */
export function cjkPunctuation(s: string): string {
  if (!/[\u3400-\u9fff]/.test(s)) return s;
  // specks read as punctuation at the edges of a heading or name (“。商品和服务支出”, “决算数。。”),
  // and a lone quote at an edge
  s = s.replace(/^[。，、·.]+/, '');
  if (/^[^。]{1,8}。+$/.test(s)) s = s.replace(/。+$/, '');
  if ((s.match(/[“”″"]/g) ?? []).length % 2 === 1) s = s.replace(/^[“”″"]|[“”″"]$/, '');
  // quotes in pairs, as printed: “三公”
  let open = true;
  s = s.replace(/[“”″"]/g, () => ((open = !open) ? '”' : '“'));
  return s
    // a full-width bracket's wide side-bearing read as a second bracket: （〈室）; or as an angle: 〈室）
    .replace(/([（(])\s*[〈<]/g, '$1')
    .replace(/[〉>]\s*([）)])/g, '$1')
    .replace(/[〈<]([^〈〉<>（）()]{1,8}[）)])/g, '（$1')
    // 1 read as a bracket or bar in a numbered name: 第]项, 第1]项
    .replace(/第(\d*)[\]|lI](\d*)(?=[项款类条])/g, '第$11$2')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/(单位|部门|名称)[;；]/g, '$1：');
}

/**
 * The 公开0x表 mark with one character misread around its number ("公开2?表", "公开09胡"): the
 * number is what locating needs, and the mark has no other reading.
 */
export function repairMarks(s: string): string {
  return s.replace(/公开\s*[^\d\s表]?\s*(\d{1,2})\s*(?:[^\d\s表]\s*表|[^\d\s表]|表)/g, '公开$1表');
}

/**
 * Tesseract sometimes reads one stretch of large print twice (two line hypotheses, the second
 * of stroke fragments: "一一一》N" over "三公”经费"): drop a word that lies mostly inside a larger word
 * of another line.
 */
function dropOverlapped(words: Word[]): Word[] {
  const area = (w: Word) => w.width * w.height;
  const overlap = (a: Word, b: Word) => Math.max(0, Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top));
  // within one line tesseract's word boxes can be loose (a box spanning its neighbours): only words
  // of different lines compete
  // of different lines compete; a fragment mostly inside a larger word gives way to it
  // or that lies mostly under several surer words of another line
  return words.filter(
    (w, i) =>
      !words.some((o, j) => o.line !== w.line && (area(o) > area(w) || (area(o) === area(w) && j < i)) && o.conf >= w.conf - 20 && overlap(w, o) > 0.5 * area(w)) &&
      words.reduce((sum, o) => sum + (o.line !== w.line && o.conf >= w.conf + 20 ? overlap(w, o) : 0), 0) <= 0.5 * area(w),
  );
}

/**
 * Ink that no word covers: tesseract's page reading sometimes skips a short figure ("1. 12" alone
 * in a ruled cell). Connected ink (on the un-enlarged page, rules erased) outside every word box,
 * grouped into line-high runs, becomes an unread word for the figure pass.
 */
function inkWithoutWords(g: Grey, t: number, words: Word[], scale: number): Word[] {
  const { width: w, height: h } = g;
  const covered = new Uint8Array(w * h);
  for (const wd of words) {
    const x0 = Math.max(0, Math.floor(wd.left / scale) - 2);
    const x1 = Math.min(w - 1, Math.ceil((wd.left + wd.width) / scale) + 2);
    const y0 = Math.max(0, Math.floor(wd.top / scale) - 2);
    const y1 = Math.min(h - 1, Math.ceil((wd.top + wd.height) / scale) + 2);
    for (let y = y0; y <= y1; y++) covered.fill(1, y * w + x0, y * w + x1 + 1);
  }
  const seen = new Uint8Array(w * h);
  const blobs: { x0: number; y0: number; x1: number; y1: number; n: number }[] = [];
  const stack: number[] = [];
  for (let i = 0; i < w * h; i++) {
    if (seen[i] || covered[i] || g.data[i] > t) continue;
    const b = { x0: w, y0: h, x1: 0, y1: 0, n: 0 };
    stack.push(i);
    seen[i] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      const x = k % w;
      const y = (k - x) / w;
      b.n++;
      if (x < b.x0) b.x0 = x;
      if (x > b.x1) b.x1 = x;
      if (y < b.y0) b.y0 = y;
      if (y > b.y1) b.y1 = y;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const j = ny * w + nx;
          if (!seen[j] && !covered[j] && g.data[j] <= t) {
            seen[j] = 1;
            stack.push(j);
          }
        }
    }
    if (b.n >= 4) blobs.push(b);
  }
  // glyph-sized pieces on one baseline, close together, are one run
  const glyphH = (wd: Word) => wd.height / scale;
  const heights = words.map(glyphH).filter((v) => v > 4).sort((a, b) => a - b);
  const typical = heights.length ? heights[Math.floor(heights.length / 2)] : 16;
  blobs.sort((a, b) => a.x0 - b.x0);
  const runs: { x0: number; y0: number; x1: number; y1: number; n: number }[] = [];
  for (const b of blobs) {
    if (b.y1 - b.y0 > 2 * typical || b.x1 - b.x0 > 20 * typical) continue;
    const r = runs.find((o) => b.x0 - o.x1 < 0.8 * typical && b.x0 >= o.x0 && Math.min(o.y1, b.y1) - Math.max(o.y0, b.y0) > -0.2 * typical && Math.abs((o.y0 + o.y1) / 2 - (b.y0 + b.y1) / 2) < 0.6 * typical);
    if (r) Object.assign(r, { x0: Math.min(r.x0, b.x0), y0: Math.min(r.y0, b.y0), x1: Math.max(r.x1, b.x1), y1: Math.max(r.y1, b.y1), n: r.n + b.n });
    else runs.push({ ...b });
  }
  return runs
    .filter((r) => r.y1 - r.y0 + 1 >= 0.5 * typical && r.x1 - r.x0 + 1 >= 0.5 * typical && r.n >= typical)
    .map((r, k) => ({ line: `unread-${k}`, left: r.x0 * scale, top: r.y0 * scale, width: (r.x1 - r.x0 + 1) * scale, height: (r.y1 - r.y0 + 1) * scale, conf: 0, text: '', unread: true }));
}

interface Word {
  /** ink no word of the page reading covered (see `inkWithoutWords`) */
  unread?: boolean;
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
