/**
 * Grey page images for OCR: PGM (P5) in and out, skew estimate and correction, and ruling lines
 * found and erased (tesseract reads a ruled table far better once its borders are gone, and the
 * rules themselves give the table grid exactly as a text PDF's drawn lines do).
 */
import { SKEW_COARSE_STRIDE, SKEW_MAX_POINTS } from './settings.js';
export interface Grey {
  width: number;
  height: number;
  /** 0 = black … 255 = white, row by row */
  data: Uint8Array;
}

export function readPgm(buf: Uint8Array): Grey {
  // header: P5 <ws> width <ws> height <ws> maxval <single ws> data
  let pos = 0;
  const tokens: string[] = [];
  while (tokens.length < 4) {
    while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) {
      while (pos < buf.length && buf[pos] !== 0x0a) pos++;
      continue;
    }
    let t = '';
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]))) t += String.fromCharCode(buf[pos++]);
    tokens.push(t);
  }
  pos++;
  if (tokens[0] !== 'P5' || Number(tokens[3]) > 255) throw new Error('not an 8-bit PGM');
  const width = Number(tokens[1]);
  const height = Number(tokens[2]);
  return { width, height, data: buf.subarray(pos, pos + width * height) };
}

export function writePgm(g: Grey): Buffer {
  return Buffer.concat([
    Buffer.from(`P5\n${g.width} ${g.height}\n255\n`, 'latin1'),
    Buffer.from(g.data.buffer, g.data.byteOffset, g.data.byteLength),
  ]);
}

/** Dark enough to be ink on a grey or noisy background. */
export function inkThreshold(g: Grey): number {
  // Otsu on the histogram
  const hist = new Float64Array(256);
  const data = g.data;
  for (let i = 0; i < data.length; i++) hist[data[i]]++;
  const total = data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  // on a page that is mostly paper, Otsu may split the paper's own noise: stay well below the
  // paper's tone (the histogram's mode)
  let mode = 0;
  for (let i = 1; i < 256; i++) if (hist[i] > hist[mode]) mode = i;
  return Math.min(threshold, mode - 60);
}

/** The skew in degrees (±3) that makes ink rows sharpest: the projection profile's variance peaks. */
export function estimateSkew(g: Grey): number {
  const t = inkThreshold(g);
  const { width: w, height: h, data } = g;
  // every ink pixel, binned one pixel wide: a sample on a coarser lattice aliases (its rows fall on
  // every step-th bin only near 0°, and a ruled page then peaks away from its true skew); a page
  // of heavy ink is thinned by taking every k-th point, which no lattice lines up with
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i] <= t) count++;
  if (count < 100) return 0;
  const k = Math.ceil(count / SKEW_MAX_POINTS);
  const size = Math.ceil(count / k);
  const points: SkewPoints = { xs: new Float64Array(size), ys: new Float64Array(size), n: 0 };
  let seen = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0, row = y * w; x < w; x++)
      if (data[row + x] <= t && seen++ % k === 0) {
        points.xs[points.n] = x;
        points.ys[points.n++] = y;
      }
  const bins = new Float64Array(h + w + 2);
  // the coarse search scores every few points only (the peak is broad at its step), the fine one all
  let best = 0;
  let bestScore = -1;
  for (let d = -3; d <= 3.0001; d += 0.25) {
    const sc = skewScore(points, bins, w, d, SKEW_COARSE_STRIDE);
    if (sc > bestScore) {
      bestScore = sc;
      best = d;
    }
  }
  bestScore = skewScore(points, bins, w, best, 1);
  for (let d = best - 0.2; d <= best + 0.2001; d += 0.05) {
    const sc = skewScore(points, bins, w, d, 1);
    if (sc > bestScore) {
      bestScore = sc;
      best = d;
    }
  }
  return Math.round(best * 100) / 100;
}

interface SkewPoints {
  xs: Float64Array;
  ys: Float64Array;
  n: number;
}

/**
 * How sharp the rows of ink are at `deg`: the sum of squares of the projection profile (every
 * `stride`-th point binned one pixel wide across the page's rows turned by deg). A function of its
 * own, not a closure made per page: each new closure started over with no type feedback and ran
 * unoptimized.
 */
function skewScore(p: SkewPoints, bins: Float64Array, width: number, deg: number, stride: number): number {
  const a = (deg * Math.PI) / 180;
  const s = Math.sin(a);
  const c = Math.cos(a);
  const { xs, ys, n } = p;
  bins.fill(0);
  for (let i = 0; i < n; i += stride) bins[Math.round(ys[i] * c - xs[i] * s) + width]++;
  let v = 0;
  for (let i = 0; i < bins.length; i++) v += bins[i] * bins[i];
  return v;
}

/** Rotate by -skew degrees about the centre (bilinear), filling with white. */
export function deskew(g: Grey, skew: number): Grey {
  if (Math.abs(skew) < 0.05) return g;
  const a = (skew * Math.PI) / 180;
  const s = Math.sin(a);
  const c = Math.cos(a);
  const cx = g.width / 2;
  const cy = g.height / 2;
  const out = new Uint8Array(g.width * g.height).fill(255);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      // source point: rotate the target point by +skew
      const dx = x - cx;
      const dy = y - cy;
      const sx = c * dx - s * dy + cx;
      const sy = s * dx + c * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= g.width || y0 + 1 >= g.height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * g.width + x0;
      const v =
        g.data[i] * (1 - fx) * (1 - fy) +
        g.data[i + 1] * fx * (1 - fy) +
        g.data[i + g.width] * (1 - fx) * fy +
        g.data[i + g.width + 1] * fx * fy;
      out[y * g.width + x] = v;
    }
  }
  return { width: g.width, height: g.height, data: out };
}

export interface PixelSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Horizontal and vertical ink runs longer than `minRun` pixels (table rules), merged across rows of
 * a thick line; they are erased from the returned image (unless `erase` is false: then `image` is
 * the page itself, unchanged).
 */
export function findAndEraseRules(
  g: Grey,
  minRun: number,
  minRunH = Math.round(minRun * 1.5),
  erase = true,
): { image: Grey; horizontals: PixelSegment[]; verticals: PixelSegment[] } {
  const t = inkThreshold(g);
  const { width: w, height: h, data } = g;
  const ink = (x: number, y: number) => data[y * w + x] <= t;
  // px across within which two groups are one rule: a tenth of the shortest rule (0.03 in), far
  // narrower than any cell
  const near = Math.max(3, Math.round(minRun / 10));
  // horizontal rules run across whole columns; a row of digits can make a run as long as a short
  // vertical rule, so horizontals must be longer
  const hRuns: PixelSegment[] = [];
  for (let y = 0; y < h; y++)
    inkRunsOfRow(data, y * w, w, t, minRunH, (x0, x1) => hRuns.push({ x0, x1, y0: y, y1: y }));
  // vertical runs down to 40 % of the minimum: a rule between two headings of one header row is
  // short, and is kept below only where it runs from one horizontal rule to another
  const vRuns = inkRunsDown(g, t, Math.round(minRun * 0.4));
  const horizontals = withinNone(
    mergeRuns(hRuns, 'h').filter((g) => inkBeside(g, 'h', ink, w, h) < 0.3),
    'h',
    near,
  );
  const joins = (x: number, y: number) =>
    horizontals.some((hz) => Math.abs(hz.mid.y0 - y) <= 4 && hz.x0 - 3 <= x && x <= hz.x1 + 3);
  const ruled = mergeRuns(vRuns, 'v').filter(
    (g) =>
      inkBeside(g, 'v', ink, w, h) < 0.3 &&
      (g.y1 - g.y0 + 1 >= minRun || (joins(g.mid.x0, g.y0) && joins(g.mid.x0, g.y1))),
  );
  const verticals = withinNone(ruled, 'v', near);
  return {
    image: erase ? erased(g, [...horizontals, ...ruled]) : g,
    horizontals: horizontals.map((g) => g.mid),
    verticals: verticals.map((g) => g.mid),
  };
}

/** px: a rule may have one or two lighter pixels from noise and still be one run. */
const RULE_GAP_OK = 2;

/**
 * Runs of ink (≤ t) along one row of `len` pixels from `offset`, at least `minRun` long, each
 * reported as (first, last); a run goes on over up to RULE_GAP_OK lighter pixels.
 */
function inkRunsOfRow(
  data: Uint8Array,
  offset: number,
  len: number,
  t: number,
  minRun: number,
  found: (from: number, to: number) => void,
): void {
  let start = -1;
  let gap = 0;
  for (let i = 0; i <= len; i++) {
    if (i < len && data[offset + i] <= t) {
      if (start < 0) start = i;
      gap = 0;
    } else if (start >= 0 && i < len && gap < RULE_GAP_OK) gap++;
    else {
      if (start >= 0 && i - gap - start >= minRun) found(start, i - gap - 1);
      start = -1;
      gap = 0;
    }
  }
}

/**
 * The same runs down every column, at least `minRun` long, ordered by column then top: scanned row
 * by row with a run's state kept per column, so memory is read in order (a column at a time reads
 * one byte per row of the page).
 */
function inkRunsDown(g: Grey, t: number, minRun: number): PixelSegment[] {
  const { width: w, height: h, data } = g;
  const start = new Int32Array(w).fill(-1);
  const gap = new Int32Array(w);
  const runs: PixelSegment[] = [];
  for (let y = 0; y <= h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      if (y < h && data[row + x] <= t) {
        if (start[x] < 0) start[x] = y;
        gap[x] = 0;
      } else if (start[x] >= 0 && y < h && gap[x] < RULE_GAP_OK) gap[x]++;
      else if (start[x] >= 0) {
        if (y - gap[x] - start[x] >= minRun) runs.push({ x0: x, x1: x, y0: start[x], y1: y - gap[x] - 1 });
        start[x] = -1;
        gap[x] = 0;
      }
    }
  }
  return runs.sort((a, b) => a.x0 - b.x0 || a.y0 - b.y0);
}

/** A copy of the page with the groups' runs, and a pixel around them, painted white. */
function erased(g: Grey, groups: MergedRun[]): Grey {
  const { width: w, height: h } = g;
  const out = new Uint8Array(g.data);
  for (const group of groups)
    for (const s of group.runs)
      for (let y = Math.max(0, s.y0 - 1); y <= Math.min(h - 1, s.y1 + 1); y++)
        out.fill(255, y * w + Math.max(0, s.x0 - 1), y * w + Math.min(w - 1, s.x1 + 1) + 1);
  return { width: w, height: h, data: out };
}

/**
 * Share of a rule's length (0–1) with ink 3 px beside it, on the side with more. A rule has paper on
 * both sides; the bottoms of a row of digits ("2130520") on a noisy page can join into a run as long
 * as a short rule, but glyph strokes stand on one side of it. The sides follow the rule's own edges
 * at each point of its length: a rule that leans a pixel or two down the page (a scanner's drift)
 * spans a few columns in all, and a side taken beyond that span runs into the figures set close to it.
 */
function inkBeside(g: MergedRun, dir: 'h' | 'v', ink: (x: number, y: number) => boolean, w: number, h: number): number {
  const [from, to] = dir === 'h' ? [g.x0, g.x1] : [g.y0, g.y1];
  const lo = new Int32Array(to - from + 1).fill(Number.MAX_SAFE_INTEGER);
  const hi = new Int32Array(to - from + 1).fill(-1);
  for (const r of g.runs) {
    const [a, b, across] = dir === 'h' ? [r.x0, r.x1, r.y0] : [r.y0, r.y1, r.x0];
    for (let i = a; i <= b; i++) {
      lo[i - from] = Math.min(lo[i - from], across);
      hi[i - from] = Math.max(hi[i - from], across);
    }
  }
  const limit = dir === 'h' ? h : w;
  let before = 0;
  let after = 0;
  let len = 0;
  for (let i = 0; i < lo.length; i++) {
    if (hi[i] < 0) continue;
    len++;
    const at = (c: number) => c >= 0 && c < limit && (dir === 'h' ? ink(from + i, c) : ink(c, from + i));
    if (at(lo[i] - 3)) before++;
    if (at(hi[i] + 3)) after++;
  }
  return len ? Math.max(before, after) / len : 0;
}

/**
 * Groups that lie along another, longer one (within `near` px across, inside its length) dropped: a
 * leaning or thick rule's runs can form a second, shorter group beside the first.
 */
function withinNone(groups: MergedRun[], dir: 'h' | 'v', near: number): MergedRun[] {
  const across = (g: MergedRun) => (dir === 'h' ? g.mid.y0 : g.mid.x0);
  const [start, end] = dir === 'h' ? (['x0', 'x1'] as const) : (['y0', 'y1'] as const);
  return groups.filter(
    (g) =>
      !groups.some(
        (o) =>
          o !== g &&
          Math.abs(across(o) - across(g)) <= near &&
          o[start] <= g[start] &&
          o[end] >= g[end] &&
          o[end] - o[start] > g[end] - g[start],
      ),
  );
}

interface MergedRun extends PixelSegment {
  runs: PixelSegment[];
  /** one segment through the middle of the rule */
  mid: PixelSegment;
}

/** Adjacent one-pixel runs of a thick rule → one group, with a segment through its middle. */
function mergeRuns(runs: PixelSegment[], dir: 'h' | 'v'): MergedRun[] {
  const key = (r: PixelSegment) => (dir === 'h' ? r.y0 : r.x0);
  const sorted = [...runs].sort((a, b) => key(a) - key(b) || (dir === 'h' ? a.x0 - b.x0 : a.y0 - b.y0));
  const out: (PixelSegment & { n: number; sum: number; runs: PixelSegment[] })[] = [];
  for (const r of sorted) {
    const prev = out.find(
      (o) =>
        Math.abs(o.sum / o.n - key(r)) <= 3 &&
        (dir === 'h' ? r.x0 <= o.x1 + 3 && r.x1 >= o.x0 - 3 : r.y0 <= o.y1 + 3 && r.y1 >= o.y0 - 3),
    );
    if (prev) {
      prev.x0 = Math.min(prev.x0, r.x0);
      prev.x1 = Math.max(prev.x1, r.x1);
      prev.y0 = Math.min(prev.y0, r.y0);
      prev.y1 = Math.max(prev.y1, r.y1);
      prev.n++;
      prev.sum += key(r);
      prev.runs.push(r);
    } else out.push({ ...r, n: 1, sum: key(r), runs: [r] });
  }
  return out.map((o) => {
    const mid = o.sum / o.n;
    return {
      x0: o.x0,
      x1: o.x1,
      y0: o.y0,
      y1: o.y1,
      runs: o.runs,
      mid: dir === 'h' ? { x0: o.x0, x1: o.x1, y0: mid, y1: mid } : { x0: mid, x1: mid, y0: o.y0, y1: o.y1 },
    };
  });
}

/**
 * Enlarge by an integer factor (bilinear). Tesseract finds the small marks of 8 pt figures —
 * decimal points, commas — far more reliably in glyphs twice the size.
 */
export function upscale(g: Grey, factor: number): Grey {
  if (factor === 1) return g;
  const w = g.width * factor;
  const h = g.height * factor;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(g.height - 1, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(g.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(g.width - 1, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(g.width - 1, x0 + 1);
      const fx = sx - x0;
      const a = g.data[y0 * g.width + x0];
      const b = g.data[y0 * g.width + x1];
      const c = g.data[y1 * g.width + x0];
      const d = g.data[y1 * g.width + x1];
      out[y * w + x] = a * (1 - fx) * (1 - fy) + b * fx * (1 - fy) + c * (1 - fx) * fy + d * fx * fy;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Ink black, paper white, the threshold `at` of the way from the crop's darkest ink to its paper:
 * halfway keeps small points apart from their digits; further keeps thin strokes (the bar of a 7).
 */
export function binarize(g: Grey, at: number): Grey {
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
export function crop(g: Grey, x: number, y: number, w: number, h: number, margin: number): Grey {
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
 * The box of the ink (pixels at or below `t`) inside x0..x1 × y0..y1, inclusive; null when there
 * is none. Boxes from a recognizer are loose: fitting them to their ink sets the gaps columns
 * are told apart by.
 */
export function inkBox(
  g: Grey,
  t: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): { left: number; top: number; right: number; bottom: number } | null {
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
  return top < 0 ? null : { left, top, right, bottom };
}

/**
 * The rectangle of the page's rows and columns that hold at least `minPixels` ink pixels (at or
 * below `t`), inclusive; null when none does. A lone speck of dust does not widen it.
 */
export function inkExtent(
  g: Grey,
  t: number,
  minPixels: number,
): { left: number; top: number; right: number; bottom: number } | null {
  const rows = new Uint32Array(g.height);
  const cols = new Uint32Array(g.width);
  for (let y = 0, i = 0; y < g.height; y++)
    for (let x = 0; x < g.width; x++, i++)
      if (g.data[i] <= t) {
        rows[y]++;
        cols[x]++;
      }
  const first = (a: Uint32Array) => a.findIndex((v) => v >= minPixels);
  const last = (a: Uint32Array) => {
    let i = a.length - 1;
    while (i >= 0 && a[i] < minPixels) i--;
    return i;
  };
  const top = first(rows);
  const left = first(cols);
  if (top < 0 || left < 0) return null;
  return { left, top, right: last(cols), bottom: last(rows) };
}
