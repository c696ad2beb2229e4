/**
 * Build a table grid for one page region from ruling lines where the table draws them, from text
 * alignment where it does not. Merged cells are found where a border is missing between two
 * neighbouring finest cells; text goes to the cell that holds its centre.
 */
import { buildLines, segmentsOf, yCenter, type Line } from '../locate/lines.js';
import { isPageNumber } from '../locate/markers.js';
import type { Segment, TextItem } from '../model/content.js';
import type { Region } from '../model/draft.js';
import type { Grid, GridCell } from '../model/grid.js';
import { textItem } from '../model/textItem.js';
import { looksLikeMoney } from '../normalize/amount.js';
import { squash } from '../normalize/text.js';
import { alignedGrid } from './alignedColumns.js';
import {
  FIGURE_RUN_GAP_EM,
  MIN_BANDS_PER_LINE,
  MIN_COLUMN_GAP,
  MIN_FIGURE_BANDS,
  MIN_RULE_LENGTH,
  REGION_RULE_MARGIN,
  RULE_TOLERANCE,
} from './settings.js';
import { joinWrappedFigures } from './wrappedFigures.js';

const TOL = RULE_TOLERANCE;

/** Cluster sorted numbers closer than `tol`; returns cluster means. */
function cluster(values: number[], tol = TOL): number[] {
  const v = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const x of v) {
    const last = out[out.length - 1];
    if (last && x - last[last.length - 1] <= tol) last.push(x);
    else out.push([x]);
  }
  return out.map((c) => c.reduce((s, x) => s + x, 0) / c.length);
}

/**
 * The region's text, without page numbers and running footers: a line that reads as a page number
 * is one only above or below all the rest. Between other lines it is the tail of a figure wrapped
 * in a narrow cell (12,868.1 over a lone 9), and dropping it wrote the figure cut short.
 */
function regionItems(r: Region): TextItem[] {
  const inside = r.page.items.filter((it) => yCenter(it) >= r.top && yCenter(it) <= r.bottom);
  const lines = buildLines(inside);
  const text = lines.filter((l) => !isPageNumber(l.text)).map(yCenter);
  const [top, bottom] = [Math.min(...text), Math.max(...text)];
  return lines
    .filter((l) => !isPageNumber(l.text) || (yCenter(l) > top && yCenter(l) < bottom))
    .flatMap((l) => l.items);
}

/** The reconstruct stage for one page region: a grid from its ruling lines, else from text alignment. */
export function buildGrid(r: Region): Grid | null {
  const hs = r.page.horizontals.filter(
    (s) => s.y0 >= r.top - REGION_RULE_MARGIN && s.y0 <= r.bottom + REGION_RULE_MARGIN,
  );
  const items = regionItems(r);
  if (!items.length) return null;
  const vs = r.page.verticals.filter((s) => s.y1 > r.top && s.y0 < r.bottom);
  const ys = cluster(hs.map((s) => s.y0));
  const xs = dedupeClose(cluster(vs.map((s) => s.x0)), MIN_COLUMN_GAP);
  if (xs.length >= 3 && ys.length >= 2) {
    const ruled = ruledGrid(r, items, hs, vs, xs, ys);
    if (ruled) return ruled;
  }
  return alignedGrid(r, joinWrappedFigures(items, hs));
}

function dedupeClose(xs: number[], min: number): number[] {
  const out: number[] = [];
  for (const x of xs) if (!out.length || x - out[out.length - 1] >= min) out.push(x);
  return out;
}

function covers(seg: Segment, horizontal: boolean, at: number, tol = TOL): boolean {
  return horizontal ? seg.x0 - tol <= at && at <= seg.x1 + tol : seg.y0 - tol <= at && at <= seg.y1 + tol;
}

/** chars: how far a rule may stand from where a label ends and its figure begins. */
const LABEL_FIGURE_SNAP = 3;
const isCjk = (ch: string | undefined) => ch !== undefined && ch.charCodeAt(0) >= 0x2e80;

/**
 * Where an item without a space near the rule is cut. A label that overflows its narrow cell into
 * the figure's cell ("…支出1839311.66" across the rule at 支|出) is cut where the figure begins; a
 * word that overflows into its neighbours ("序号" across the rule at 序|号) is not cut at all (-1):
 * the whole word stays in the cell that holds most of it.
 */
function overflowCut(chars: string[], best: number): number {
  const figure = /[-\d][\d,]*(\.\d+)?$/.exec(chars.join(''));
  const figureAt = figure ? [...chars.join('').slice(0, figure.index)].length : -1;
  if (figureAt > 0 && !/\d/.test(chars[figureAt - 1]) && Math.abs(best - figureAt) <= LABEL_FIGURE_SNAP)
    return figureAt;
  if (isCjk(chars[best - 1]) && isCjk(chars[best])) return -1;
  return best;
}

/**
 * pdf.js joins neighbouring glyph runs into one item with a space ("4571.73 一、一般公共服务支出")
 * when two cells' texts nearly touch. A vertical rule running through an item splits it there.
 */
export function splitAcrossRules(items: TextItem[], vs: Segment[]): TextItem[] {
  const out: TextItem[] = [];
  for (const it of items) {
    const yc = yCenter(it);
    const walls = [
      ...new Set(
        vs
          .filter((v) => v.x0 > it.x0 + 1 && v.x0 < it.x1 - 1 && v.y0 - 1 <= yc && yc <= v.y1 + 1)
          .map((v) => Math.round(v.x0 * 10) / 10),
      ),
    ].sort((a, b) => a - b);
    if (!walls.length || it.str.length < 2) {
      out.push(it);
      continue;
    }
    // estimated x of every character boundary
    const chars = [...it.str];
    const ems = chars.map((ch) => (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1));
    const total = ems.reduce((a, b) => a + b, 0);
    const pos: number[] = [it.x0];
    for (const e of ems) pos.push(pos[pos.length - 1] + (e / total) * (it.x1 - it.x0));
    const cuts: { at: number; wall: number }[] = [];
    for (const w of walls) {
      // prefer a space near the wall, else the character boundary nearest to it
      let best = -1;
      let bestD = Infinity;
      chars.forEach((ch, k) => {
        if (ch !== ' ') return;
        const d = Math.abs((pos[k] + pos[k + 1]) / 2 - w);
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      });
      // a text-layer item with a space far from the rule: two cells' texts joined, cut at the space
      const textLayer = it.confidence === undefined;
      if ((best < 0 || bestD > 2 * it.fontSize) && !(textLayer && best >= 0)) {
        best = -1;
        bestD = Infinity;
        for (let k = 1; k < chars.length; k++) {
          const d = Math.abs(pos[k] - w);
          if (d < bestD) {
            bestD = d;
            best = k;
          }
        }
        // OCR's character positions are estimates: its items are cut where the rule stands
        if (textLayer) best = overflowCut(chars, best);
      }
      if (best > 0 && !cuts.some((c) => c.at === best)) cuts.push({ at: best, wall: w });
    }
    cuts.sort((a, b) => a.at - b.at);
    if (!cuts.length) {
      out.push(inWidestCell(it, walls));
      continue;
    }
    let start = 0;
    const bounds = [it.x0, ...cuts.map((c) => c.wall), it.x1];
    [...cuts.map((c) => c.at), chars.length].forEach((cut, k) => {
      const str = chars.slice(start, cut).join('').trim();
      start = chars[cut] === ' ' ? cut + 1 : cut;
      if (!str) return;
      out.push(
        textItem(
          str,
          bounds[k] + (k ? 0.5 : 0),
          bounds[k + 1] - (k < cuts.length ? 0.5 : 0),
          it.y0,
          it.y1,
          it.fontSize,
          it.confidence,
        ),
      );
    });
  }
  return out;
}

/** A word overflowing its cell, uncut: it belongs to the cell that holds most of it. */
function inWidestCell(it: TextItem, walls: number[]): TextItem {
  const edges = [it.x0, ...walls, it.x1];
  let k = 0;
  for (let j = 1; j + 1 < edges.length; j++) if (edges[j + 1] - edges[j] > edges[k + 1] - edges[k]) k = j;
  const x0 = edges[k] + (k ? 0.5 : 0);
  const x1 = edges[k + 1] - (k < walls.length ? 0.5 : 0);
  return textItem(it.str.trim(), x0, x1, it.y0, it.y1, it.fontSize, it.confidence);
}

function ruledGrid(
  r: Region,
  itemsIn: TextItem[],
  hs: Segment[],
  vs: Segment[],
  xs: number[],
  ysRaw: number[],
): Grid | null {
  const items = splitAcrossRules(itemsIn, vs);
  // Text outside the ruled box belongs to no cell. Rows without a top or bottom rule still count:
  // extend the bands to cover all text between the first and last rule.
  const xmin = xs[0];
  const xmax = xs[xs.length - 1];
  const inside = items.filter((it) => {
    const xc = (it.x0 + it.x1) / 2;
    return xc > xmin && xc < xmax;
  });
  if (!inside.length) return null;
  let ys = ysRaw.filter((y) => hs.some((s) => Math.abs(s.y0 - y) <= TOL && s.x1 - s.x0 > MIN_RULE_LENGTH));
  if (ys.length < 2) return null;
  // Horizontal rules must be dense enough to separate rows: otherwise take rows from text lines.
  const lines = buildLines(inside);
  const textTop = Math.min(...inside.map((i) => i.y0));
  const textBottom = Math.max(...inside.map((i) => i.y1));
  if (textTop < ys[0] - 2) ys = [textTop - 1, ...ys];
  if (textBottom > ys[ys.length - 1] + 2) ys = [...ys, textBottom + 1];
  const bandsPerLine = (ys.length - 1) / Math.max(lines.length, 1);
  const rowsFromRules = bandsPerLine >= MIN_BANDS_PER_LINE || oneFigureLinePerBand(inside, ys);
  if (!rowsFromRules) {
    // rules only around the table (three-line tables): rows are text lines, columns from rules
    ys = lineBands(lines);
  }
  const find = mergedCells(hs, vs, xs, ys, rowsFromRules);
  // rows from rules hold a wrapped figure's two lines in one cell, which joins them; rows from
  // text lines would make its tail a row of its own
  const rows = cellsOfText(rowsFromRules ? inside : joinWrappedFigures(inside, hs), xs, ys, find, r.page.number);
  const colX = xs.slice(0, -1).map((x, j) => [x, xs[j + 1]] as [number, number]);
  return dropEmptyRows({ rows, colX, method: 'rules' });
}

/**
 * Whether the rules separate rows even where cells wrap over many lines (a project table whose
 * 绩效目标 runs to five lines per row): the bands that hold figures hold one line of figures each.
 * In a three-line table the body is one band with a line of figures per row.
 */
function oneFigureLinePerBand(items: TextItem[], ys: number[]): boolean {
  // glyphs may come one item each (2 | , | 5 | 0 …): figures are read from the lines' runs
  const runs = buildLines(items).flatMap((l) => segmentsOf(l, FIGURE_RUN_GAP_EM));
  const figureLines = buildLines(runs.filter((r) => looksLikeMoney(r.str)));
  const perBand = ys
    .slice(0, -1)
    .map((y, k) => figureLines.filter((l) => yCenter(l) >= y && yCenter(l) < ys[k + 1]).length);
  const withFigures = perBand.filter((n) => n > 0);
  return withFigures.length >= MIN_FIGURE_BANDS && withFigures.every((n) => n === 1);
}

/**
 * The cells of the grid xs × ys: finest cells joined where no rule separates them (rows only
 * where the rows come from rules). Returns each finest cell's root (row-major index).
 */
function mergedCells(
  hs: Segment[],
  vs: Segment[],
  xs: number[],
  ys: number[],
  rowsFromRules: boolean,
): (i: number) => number {
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  // a rule's pieces a little apart (a doubled border, a scan's rule broken where its residual
  // skew steps a pixel) stand at the column boundary they were merged into
  const nearestX = (s: Segment) => xs.reduce((a, b) => (Math.abs(b - s.x0) < Math.abs(a - s.x0) ? b : a));
  const vAt = xs.map((x) => vs.filter((s) => Math.abs(s.x0 - x) < MIN_COLUMN_GAP && nearestX(s) === x));
  const hAt = ys.map((y) => hs.filter((s) => Math.abs(s.y0 - y) <= TOL));
  // union-find over finest cells
  const parent = Array.from({ length: nr * nc }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let i = 0; i < nr; i++) {
    const mid = (ys[i] + ys[i + 1]) / 2;
    for (let j = 0; j + 1 < nc; j++) {
      const wall = vAt[j + 1].some((s) => covers(s, false, mid, 0.5));
      if (!wall) union(i * nc + j, i * nc + j + 1);
    }
  }
  if (rowsFromRules) {
    for (let i = 0; i + 1 < nr; i++) {
      for (let j = 0; j < nc; j++) {
        const mid = (xs[j] + xs[j + 1]) / 2;
        const wall = hAt[i + 1].some((s) => covers(s, true, mid, 0.5));
        if (!wall) union(i * nc + j, (i + 1) * nc + j);
      }
    }
  }
  return find;
}

/** Each text item into the cell holding its centre; a merged cell is one object in every slot. */
function cellsOfText(
  inside: TextItem[],
  xs: number[],
  ys: number[],
  find: (i: number) => number,
  page: number,
): (GridCell | null)[][] {
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  const buckets = new Map<number, TextItem[]>();
  for (const it of inside) {
    const xc = (it.x0 + it.x1) / 2;
    const yc = yCenter(it);
    const j = xs.findIndex((x, k) => k < nc && xc >= x && xc < xs[k + 1]);
    let i = ys.findIndex((y, k) => k < nr && yc >= y && yc < ys[k + 1]);
    if (j < 0) continue;
    if (i < 0) i = yc < ys[0] ? 0 : nr - 1;
    const root = find(i * nc + j);
    if (!buckets.has(root)) buckets.set(root, []);
    buckets.get(root)!.push(it);
  }
  const cells = new Map<number, GridCell>();
  const rows: (GridCell | null)[][] = [];
  for (let i = 0; i < nr; i++) {
    const row: (GridCell | null)[] = [];
    for (let j = 0; j < nc; j++) {
      const root = find(i * nc + j);
      const its = buckets.get(root);
      if (!its) {
        row.push(null);
        continue;
      }
      let cell = cells.get(root);
      if (!cell) {
        cell = cellFromItems(its, page);
        cells.set(root, cell);
      }
      row.push(cell);
    }
    rows.push(row);
  }
  return rows;
}

/** Row bands half-way between text lines. */
function lineBands(lines: Line[]): number[] {
  if (!lines.length) return [];
  const ys = [lines[0].y0 - 1];
  for (let i = 1; i < lines.length; i++) ys.push((lines[i - 1].y1 + lines[i].y0) / 2);
  ys.push(lines[lines.length - 1].y1 + 1);
  return ys;
}

/** Cell text: lines top to bottom, items left to right; wrapped CJK joins without a space. */
export function cellFromItems(items: TextItem[], page: number): GridCell {
  const lines = buildLines(items);
  const parts = lines.map((l) => l.text.trim());
  let text = '';
  for (const p of parts) {
    if (!text) text = p;
    else text += /[\x21-\x7e]$/.test(text) && /^[\x21-\x7e]/.test(p) && !/^[\d.,]+$/.test(text + p) ? ' ' + p : p;
  }
  const bbox: [number, number, number, number] = [
    Math.min(...items.map((i) => i.x0)),
    Math.min(...items.map((i) => i.y0)),
    Math.max(...items.map((i) => i.x1)),
    Math.max(...items.map((i) => i.y1)),
  ];
  const confs = items.map((i) => i.confidence).filter((c): c is number => c !== undefined);
  const cell: GridCell = {
    text,
    page,
    bbox: bbox.map((v) => Math.round(v * 10) / 10) as [number, number, number, number],
  };
  if (confs.length) cell.confidence = Math.round(Math.min(...confs));
  return cell;
}

function dropEmptyRows(g: Grid): Grid {
  return { ...g, rows: g.rows.filter((row) => row.some((c) => c && squash(c.text))) };
}
