/** Every figure read again alone by digit-only readers, and the readings' vote. */
import { writeFile } from 'node:fs/promises';
import { GongkaiError } from '../model/errors.js';
import { halfWidth, squash } from '../normalize/text.js';
import { binarize, crop, writePgm, type Grey } from './raster.js';
import {
  AGREEING_CONFIDENCE,
  DISAGREEING_CONFIDENCE,
  SEPARATOR_CONFIDENCE,
  UNSURE_WORD_CONFIDENCE,
} from './settings.js';
import { run } from './tools.js';
import { parseTsv, type Word } from './words.js';

/** Text that is a figure or a code, perhaps with the usual misreadings of digits. */
const FIGURE_LIKE = /^[-\d.,，:;·'`OoSl|[\]\s]+$/;
const isFigureLike = (w: Word) => {
  if (w.unread) return true;
  if (!/\d/.test(w.text)) return false;
  if (FIGURE_LIKE.test(w.text)) return true;
  // a long figure with a stray character read into it ("二250，000.50")
  const chars = [...w.text];
  return (
    chars.length >= 5 && !/[。、]/.test(w.text) && chars.filter((c) => /[\d.,，]/.test(c)).length >= chars.length - 1
  );
};

/**
 * Words to read again as figures: those that look like figures, and short unsure words standing
 * in a column of figures ("1. 11" read as "了").
 */
function figureCandidates(words: Word[]): Word[] {
  const figures = words.filter(isFigureLike);
  const inFigureColumn = (w: Word) =>
    figures.filter((f) => f.line !== w.line && f.left < w.left + w.width && w.left < f.left + f.width).length >= 3;
  return words.filter(
    (w) => isFigureLike(w) || (w.confidence < UNSURE_WORD_CONFIDENCE && [...w.text].length <= 3 && inFigureColumn(w)),
  );
}

/**
 * Second reading of every figure: each candidate word is cut out and read again by the English
 * model restricted to digits and separators, one line per word (tesseract reads a list of images
 * in one run) — English on the binarized and on the grey crop, Chinese on the binarized one. In
 * a line of Chinese, chi_sim loses digits' small marks ("1. 14" → "114", "5" → "S"); alone and
 * restricted to digits, they read far better. The readings vote (`vote`); a figure replaces the
 * first reading only when it is well formed.
 */
export async function rereadFigures(
  image: Grey,
  t: number,
  words: Word[],
  base: string,
  dpi: number,
  timeoutMs: number,
): Promise<void> {
  const cands = figureCandidates(words).filter((w) => w.width >= 2 && w.height >= 2);
  if (!cands.length) return;
  const reader = new ListReader(base, dpi, timeoutMs);
  const { crops, grey, bin } = await writeCrops(image, t, cands, base, dpi);
  // the page reading votes too
  const firsts: Reading[] = cands.map((w) =>
    w.unread ? undefined : { text: tidySeparators(w.text), confidence: w.confidence },
  );
  const readings: Reading[][] = cands.map((_, i) => [firsts[i]]);
  const eg = await reader.read(grey, 'eg', 'eng');
  const eb = await reader.read(bin, 'eb', 'eng');
  cands.forEach((_, i) => readings[i].push(eg[i], eb[i]));
  // where the page and both English readings already agree, two more readings cannot outvote them
  const open = cands
    .map((_, i) => i)
    .filter(
      (i) =>
        !(
          readings[i].every((r) => r && WELL_FORMED.test(r.text)) &&
          readings[i].every((r) => r!.text === readings[i][0]!.text)
        ),
    );
  if (open.length) {
    const heavy: string[] = [];
    for (const i of open) {
      heavy.push(`${base}-h${i}.pgm`);
      await writeFile(heavy[heavy.length - 1], writePgm(binarize(crops[i], 0.65)));
    }
    const eh = await reader.read(heavy, 'eh', 'eng');
    const cb = await reader.read(
      open.map((i) => bin[i]),
      'cb',
      'chi_sim',
    );
    open.forEach((i, k) => readings[i].push(eh[k], cb[k]));
  }
  const chinese = await showingChinese(cands, bin, reader);
  cands.forEach((w, i) => {
    const formed = readings[i].filter((r): r is { text: string; confidence: number } =>
      Boolean(r && WELL_FORMED.test(r.text)),
    );
    const pick = vote(formed);
    if (!pick) return;
    // ink the page reading skipped needs two readings that agree on its digits
    if (chinese.has(i)) return;
    if (w.unread && formed.filter((r) => r.text.replace(/[.,]/g, '') === pick.text.replace(/[.,]/g, '')).length < 2)
      return;
    w.text = pick.text;
    w.confidence = pick.confidence;
  });
}

type Reading = { text: string; confidence: number } | undefined;

/**
 * The crops of the candidates, grey and binarized halfway, written for tesseract (binarized
 * heavier only where needed, later).
 */
async function writeCrops(image: Grey, t: number, cands: Word[], base: string, dpi: number) {
  const pad = Math.round(dpi / 40);
  const grey: string[] = [];
  const bin: string[] = [];
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
  return { crops, grey, bin };
}

/**
 * Ink the page reading skipped, or an unsure word that does not look like a figure, is a figure
 * only if, read freely, it shows no Chinese: readers restricted to digits make digits of anything
 * ("：万元" → "77"). The indices of the candidates that are not figures.
 */
async function showingChinese(cands: Word[], bin: string[], reader: ListReader): Promise<Set<number>> {
  const unread = cands.map((w, i) => (w.unread || !FIGURE_LIKE.test(w.text) ? i : -1)).filter((i) => i >= 0);
  const chinese = new Set<number>();
  if (!unread.length) return chinese;
  const free = await reader.read(
    unread.map((i) => bin[i]),
    'cf',
    'chi_sim',
    false,
  );
  unread.forEach((i, k) => {
    if (!free[k] || /[\u3400-\u9fff]/.test(free[k]!.text) || !/\d/.test(free[k]!.text)) chinese.add(i);
  });
  return chinese;
}

/** Tesseract reading a list of crop images in one run, one line per image. */
class ListReader {
  constructor(
    private readonly base: string,
    private readonly dpi: number,
    private readonly timeoutMs: number,
  ) {}

  /** One reading per file (undefined where nothing was read), digits and separators only by default. */
  async read(files: string[], tag: string, lang: string, digitsOnly = true): Promise<Reading[]> {
    const list = `${this.base}-${tag}.txt`;
    await writeFile(list, files.join('\n') + '\n');
    let tsv = '';
    try {
      const only = digitsOnly ? ['-c', 'tessedit_char_whitelist=0123456789.,-'] : [];
      const args = [list, 'stdout', '-l', lang, '--psm', '7', '--dpi', String(this.dpi), ...only, 'tsv'];
      tsv = await run('tesseract', args, this.timeoutMs);
    } catch (err) {
      // a second reading that fails leaves the page reading as it was; only a timeout stops the page
      if (err instanceof GongkaiError && err.code === 'timeout') throw err;
    }
    // each image is a "page" of the TSV (the first part of a word's line key): its words joined,
    // at the lowest confidence
    const out: Reading[] = [];
    for (const w of parseTsv(tsv)) {
      const k = Number(w.line.split('.')[0]) - 1;
      const prev = out[k];
      out[k] = { text: (prev?.text ?? '') + w.text, confidence: Math.min(prev?.confidence ?? 100, w.confidence) };
    }
    return out.map((r) => (r && digitsOnly ? { ...r, text: tidySeparators(r.text) } : r));
  }
}

/**
 * One figure from several readings: the digits most readings agree on; among readings of those
 * digits that differ in a separator, the one with the decimal point (losing the small point is the
 * usual error, inventing one is not), at a confidence that says the readings differed. Without
 * agreement, the first reading at a confidence low enough to be flagged.
 */
export function vote(
  readings: { text: string; confidence: number }[],
): { text: string; confidence: number } | undefined {
  if (!readings.length) return undefined;
  if (readings.length === 1) return readings[0];
  const digits = (t: string) => t.replace(/[.,]/g, '');
  let kin: { text: string; confidence: number }[] = [];
  let tied = false;
  for (const r of readings) {
    const k = readings.filter((o) => digits(o.text) === digits(r.text));
    if (k.length > kin.length) [kin, tied] = [k, false];
    else if (k.length === kin.length && digits(k[0].text) !== digits(kin[0].text)) tied = true;
  }
  if (kin.length < 2)
    return { text: readings[0].text, confidence: Math.min(readings[0].confidence, DISAGREEING_CONFIDENCE) };
  // as many readings for other digits: say so
  if (tied) return { text: kin[0].text, confidence: Math.min(...kin.map((o) => o.confidence), DISAGREEING_CONFIDENCE) };
  // tesseract scores a whitelisted line of spaced figures ("6, 969, 954. 82") at 0 even when it is
  // right; every reading agreeing is the better measure
  if (kin.every((o) => o.text === kin[0].text))
    return {
      text: kin[0].text,
      confidence: Math.max(
        ...kin.map((o) => o.confidence),
        kin.length === readings.length && kin.length >= 3 ? AGREEING_CONFIDENCE : 0,
      ),
    };
  const pick = kin.find((o) => o.text.includes('.')) ?? kin[0];
  return { text: pick.text, confidence: Math.min(pick.confidence, SEPARATOR_CONFIDENCE) };
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
  for (let moved = true; moved;) {
    moved = false;
    for (let d = 1; d <= reach; d++)
      if (inkAt(x1 + d)) {
        x1 += d;
        moved = true;
        break;
      }
  }
  for (let moved = true; moved;) {
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
 * Confusions OCR makes in figures, undone only where nothing else is possible: a letter O among
 * digits is 0; a comma before exactly two final digits ("16,62") is a decimal point, since a
 * thousands separator is always followed by three. No digit is ever added or guessed. Applied to
 * OCR words only: a text layer's "1O5" is not a figure.
 */
export function repairFigure(raw: string): string {
  let s = squash(halfWidth(raw)).replace(/[，]/g, ',');
  const was = s;
  if (/\d/.test(s) && /[Oo]/.test(s) && /^[-+(]?[\dOo.,]+\)?$/.test(s)) s = s.replace(/[Oo]/g, '0');
  if (!s.includes('.') && /^[-+(]?\d+,\d{2}\)?$/.test(s)) s = s.replace(',', '.');
  return s === was ? raw : s;
}
