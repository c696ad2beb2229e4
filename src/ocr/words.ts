/** Tesseract's word boxes: parsed from its TSV, joined into runs and repaired against the ink. */
import { median } from '../util/median.js';
import { inkBox, type Grey } from './raster.js';

export interface Word {
  /** ink no word of the page reading covered (see `inkWithoutWords`) */
  unread?: boolean;
  line: string;
  left: number;
  top: number;
  width: number;
  height: number;
  confidence: number;
  text: string;
}

export function parseTsv(tsv: string): Word[] {
  const words: Word[] = [];
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f[0] !== '5' || !f[11]?.trim()) continue;
    words.push({
      line: `${f[1]}.${f[2]}.${f[3]}.${f[4]}`,
      left: +f[6],
      top: +f[7],
      width: +f[8],
      height: +f[9],
      confidence: Math.max(0, +f[10]),
      text: f[11].trim(),
    });
  }
  return words;
}

/**
 * Tesseract gives each Chinese word (often each character) separately: words of one line that
 * touch (a gap under 0.6 × their height) and no ruling line between them are one text run.
 */
export function joinWords(words: Word[], ruleXs: number[]): Word[] {
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
      prev.confidence = Math.min(prev.confidence, w.confidence);
    } else out.push({ ...w });
  }
  return out;
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
  if (
    !codes &&
    (chars.length < 2 || !chars.every((c) => /[\u3400-\u9fff]/.test(c)) || w.width < chars.length * w.height * 1.6)
  )
    return [w];
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
export function tighten(g: Grey, t: number, w: Word, band?: { top: number; height: number }): Word {
  const x0 = Math.max(0, w.left);
  const x1 = Math.min(g.width - 1, w.left + w.width - 1);
  // a loose box may reach into the next line: keep to the band where its line's words sit
  const y0 = Math.max(0, w.top, band ? Math.round(band.top - 0.25 * band.height) : 0);
  const y1 = Math.min(g.height - 1, w.top + w.height - 1, band ? Math.round(band.top + 1.25 * band.height) : Infinity);
  const ink = inkBox(g, t, x0, y0, x1, y1);
  if (!ink) return w;
  return { ...w, left: ink.left, top: ink.top, width: ink.right - ink.left + 1, height: ink.bottom - ink.top + 1 };
}

/**
 * A loose box can take in the next word's ink ("单位" reaching over "：万元"), which then splits
 * and orders wrongly. Where one word's box runs into another of its line, cut it back to its own
 * side, as tesseract ordered them.
 */
export function unnest(words: Word[]): Word[] {
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
export function isSliver(w: Word, all: Word[], bands: Map<string, { top: number; height: number }>): boolean {
  if (w.confidence >= 10 || w.height >= 0.4 * (bands.get(w.line)?.height ?? 0)) return false;
  return all.some(
    (o) =>
      o.line !== w.line &&
      o.left < w.left + w.width &&
      w.left < o.left + o.width &&
      Math.abs(o.top + o.height / 2 - (w.top + w.height / 2)) < o.height,
  );
}

/** Each tesseract line's usual top and height (medians of its words). */
export function medianBands(words: Word[]): Map<string, { top: number; height: number; count: number }> {
  const byLine = new Map<string, Word[]>();
  for (const w of words) (byLine.get(w.line) ?? byLine.set(w.line, []).get(w.line)!).push(w);
  return new Map(
    [...byLine].map(([k, ws]) => [
      k,
      { top: median(ws.map((w) => w.top)), height: median(ws.map((w) => w.height)), count: ws.length },
    ]),
  );
}

/**
 * Tesseract sometimes gives a Chinese character the box of a mark beside it ("公" the box of its
 * closing quote, 8 × 12 px in a line 40 px high), which puts it on a line of its own. Such a box
 * takes its line's usual height and a square's width, centred where it was; `tighten` then fits
 * it to the ink.
 */
export function fitSmallBoxes(words: Word[]): Word[] {
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

/**
 * Tesseract sometimes reads one stretch of large print twice (two line hypotheses, the second
 * of stroke fragments: "一一一》N" over "三公”经费"): drop a word that lies mostly inside a larger word
 * of another line.
 */
export function dropOverlapped(words: Word[]): Word[] {
  const area = (w: Word) => w.width * w.height;
  const overlap = (a: Word, b: Word) =>
    Math.max(0, Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left)) *
    Math.max(0, Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top));
  // within one line tesseract's word boxes can be loose (a box spanning its neighbours): only words
  // of different lines compete
  // of different lines compete; a fragment mostly inside a larger word gives way to it
  // or that lies mostly under several surer words of another line
  return words.filter(
    (w, i) =>
      !words.some(
        (o, j) =>
          o.line !== w.line &&
          (area(o) > area(w) || (area(o) === area(w) && j < i)) &&
          o.confidence >= w.confidence - 20 &&
          overlap(w, o) > 0.5 * area(w),
      ) &&
      words.reduce((sum, o) => sum + (o.line !== w.line && o.confidence >= w.confidence + 20 ? overlap(w, o) : 0), 0) <=
        0.5 * area(w),
  );
}

/**
 * Ink that no word covers: tesseract's page reading sometimes skips a short figure ("1. 12" alone
 * in a ruled cell). Connected ink (on the un-enlarged page, rules erased) outside every word box,
 * grouped into line-high runs, becomes an unread word for the figure pass.
 */
export function inkWithoutWords(g: Grey, t: number, words: Word[], scale: number): Word[] {
  const blobs = uncoveredInk(g, t, words, scale);
  // glyph-sized pieces on one baseline, close together, are one run
  const glyphH = (wd: Word) => wd.height / scale;
  const heights = words
    .map(glyphH)
    .filter((v) => v > 4)
    .sort((a, b) => a - b);
  const typical = heights.length ? median(heights) : 16;
  return inkRuns(blobs, typical)
    .filter((r) => r.y1 - r.y0 + 1 >= 0.5 * typical && r.x1 - r.x0 + 1 >= 0.5 * typical && r.n >= typical)
    .map((r, k) => ({
      line: `unread-${k}`,
      left: r.x0 * scale,
      top: r.y0 * scale,
      width: (r.x1 - r.x0 + 1) * scale,
      height: (r.y1 - r.y0 + 1) * scale,
      confidence: 0,
      text: '',
      unread: true,
    }));
}

/** A box of connected ink, in pixels of the un-enlarged page, with its pixel count `n`. */
interface InkBlob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  n: number;
}

/** Connected ink (8-neighbours, at least 4 pixels) outside every word box (grown by 2 pixels). */
function uncoveredInk(g: Grey, t: number, words: Word[], scale: number): InkBlob[] {
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
  const blobs: InkBlob[] = [];
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
  return blobs;
}

/** Blobs on one baseline, left to right and close together (`typical`: a glyph's height), as runs. */
function inkRuns(blobs: InkBlob[], typical: number): InkBlob[] {
  blobs.sort((a, b) => a.x0 - b.x0);
  const runs: InkBlob[] = [];
  for (const b of blobs) {
    if (b.y1 - b.y0 > 2 * typical || b.x1 - b.x0 > 20 * typical) continue;
    const r = runs.find(
      (o) =>
        b.x0 - o.x1 < 0.8 * typical &&
        b.x0 >= o.x0 &&
        Math.min(o.y1, b.y1) - Math.max(o.y0, b.y0) > -0.2 * typical &&
        Math.abs((o.y0 + o.y1) / 2 - (b.y0 + b.y1) / 2) < 0.6 * typical,
    );
    if (r)
      Object.assign(r, {
        x0: Math.min(r.x0, b.x0),
        y0: Math.min(r.y0, b.y0),
        x1: Math.max(r.x1, b.x1),
        y1: Math.max(r.y1, b.y1),
        n: r.n + b.n,
      });
    else runs.push({ ...b });
  }
  return runs;
}
