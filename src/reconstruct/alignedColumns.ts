/**
 * Tables without vertical rules (three-line tables, horizontal-only frames, aligned text as finance
 * software exports it): columns from the alignment of ALL rows of the table, header rows included.
 *
 * 1. Rows: text lines. The body starts after the 栏次 / column-number line, else at the first data
 *    line (amounts or subject codes standing alone), less the lines just above it that read as no
 *    heading. Label-only body lines tied to a data line by close line spacing are its wrapped name.
 * 2. Columns: the x-extents of the data lines' values (a word: glyph runs that touch); then the
 *    body's labels (widest first), the column numbers, and the headings (lowest line first,
 *    narrowest first). A word over one column widens it, a word over none opens one — unless it
 *    sits just left of a flush-right column that has no heading or number of its own (a centred
 *    heading over narrow amounts), or it is a heading over no column number where the header
 *    numbers its columns (a group's heading). A column holding only a group's heading is folded.
 * 3. Header cells: a heading spans the neighbouring columns whose headings start below its line
 *    (a peer, centred in a taller cell beside it, does not) and whose run it is centred over;
 *    lines of one heading wrapped in its cell (same span, one above the other) are one cell.
 *
 * Rules drawn only across the table (a three-line table's frame) give no columns and are ignored.
 */
import { buildLines, yCenter, type Line } from '../locate/lines.js';
import type { TextItem } from '../model/content.js';
import type { Region } from '../model/draft.js';
import { uniqueCells, type Grid, type GridCell } from '../model/grid.js';
import { textItem } from '../model/textItem.js';
import { looksLikeAmount } from '../normalize/amount.js';
import { halfWidth, squash, SUBJECT_CODE } from '../normalize/text.js';
import { median } from '../util/median.js';
import { cellFromItems } from './ruledGrid.js';
import { ALIGNED_WORD_GAP, COLUMN_OVERLAP, WRAP_DISTANCE } from './settings.js';

type Span = [number, number];

/** Glyph runs of a line that touch, joined into words. */
export function wordsOf(line: Line): TextItem[] {
  const out: TextItem[] = [];
  for (const it of line.items) {
    const prev = out[out.length - 1];
    if (prev && it.x0 - prev.x1 <= ALIGNED_WORD_GAP * Math.min(it.fontSize, prev.fontSize)) {
      out[out.length - 1] = textItem(
        prev.str + it.str,
        prev.x0,
        Math.max(prev.x1, it.x1),
        Math.min(prev.y0, it.y0),
        Math.max(prev.y1, it.y1),
        prev.fontSize,
        prev.confidence,
      );
    } else out.push(it);
  }
  return out;
}

/** A line of column numbers: 栏次 / 行次, or three or more small integers counting up. */
export function isNumberingLine(words: TextItem[]): boolean {
  const texts = words.map((w) => halfWidth(squash(w.str))).filter(Boolean);
  if (texts.some((t) => /^(栏次|行次)$/.test(t)))
    return texts.every((t) => /^(栏次|行次|项目|\d{1,2}|[A-Z])$/.test(t) || /^\d{1,2}=[\d+\-=]+$/.test(t));
  const nums = texts.filter((t) => /^\d{1,2}$/.test(t)).map(Number);
  return nums.length >= 3 && nums.length === texts.length && nums.every((n, i) => i === 0 || n > nums[i - 1]);
}

/**
 * Amounts and subject codes standing alone: a number set inside a sentence (本部门2023年度无…, Chinese
 * text less than 0.4 glyph away on either side) is part of it, not a value.
 */
function valueWords(words: TextItem[]): Set<TextItem> {
  const out = new Set<TextItem>();
  words.forEach((w, k) => {
    const t = squash(w.str);
    if (!looksLikeAmount(t) && !SUBJECT_CODE.test(t)) return;
    const glued = (o: TextItem | undefined) =>
      o !== undefined && Math.max(o.x0 - w.x1, w.x0 - o.x1) < 0.4 * w.fontSize && /[\u4e00-\u9fff]/.test(o.str);
    if (glued(words[k - 1]) || glued(words[k + 1])) return;
    out.add(w);
  });
  return out;
}

function isDataLine(words: TextItem[]): boolean {
  return valueWords(words).size > 0;
}

function overlap(a: Span, b: Span): number {
  return Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
}

/** Columns a word lies over: overlapping by a real amount, or holding its centre. */
function columnsUnder(cols: Span[], x0: number, x1: number): number[] {
  const hit: number[] = [];
  const xc = (x0 + x1) / 2;
  cols.forEach((c, j) => {
    const ov = overlap(c, [x0, x1]);
    if (ov > COLUMN_OVERLAP * Math.min(c[1] - c[0], x1 - x0) || (xc >= c[0] && xc <= c[1])) hit.push(j);
  });
  return hit;
}

function nearestColumn(cols: Span[], x0: number, x1: number): number {
  const xc = (x0 + x1) / 2;
  let best = 0;
  let bestD = Infinity;
  cols.forEach(([a, b], j) => {
    const d = xc < a ? a - xc : xc > b ? xc - b : 0;
    if (d < bestD) {
      bestD = d;
      best = j;
    }
  });
  return best;
}

function addSpan(cols: Span[], s: Span): void {
  cols.push([s[0], s[1]]);
  cols.sort((a, b) => a[0] - b[0]);
}

function mergeOverlapping(spans: Span[], slack: number): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + slack) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

type Rows = (GridCell | null)[][];

/** The named steps (see the file's comment): body start, columns, rows, cells, header spans. */
export function alignedGrid(r: Region, items: TextItem[]): Grid | null {
  const lines = buildLines(items);
  const words = lines.map(wordsOf);
  const numbering = words.map(isNumberingLine);
  const data = words.map((w, i) => !numbering[i] && isDataLine(w));
  const dataStart = data.indexOf(true);
  if (dataStart < 0) return null;
  const firstData = bodyStart(words, numbering, dataStart);
  const cols = findColumns(words, numbering, data, firstData, items);
  if (cols.length < 2) return null;
  widenByHeadings(cols, words, firstData);
  const owner = rowOwners(lines, data, firstData, items);
  const rowIndex = new Map<number, number>();
  lines.forEach((_, i) => {
    if (!rowIndex.has(owner[i])) rowIndex.set(owner[i], rowIndex.size);
  });
  const headerRows = rowIndex.get(owner[firstData]) ?? 0;
  const rows = fillCells(lines, words, cols, owner, rowIndex, r.page.number);
  const numberingRow = rows.map(
    (row, i) => i < headerRows && isNumberingLine(uniqueCells(row).map((c) => textItem(c.text, 0, 0, 0, 0, 1))),
  );
  dropGroupHeadingColumns(rows, cols, headerRows, numberingRow);
  spanHeadings(rows, cols, headerRows, numberingRow);
  joinWrappedHeadings(rows, headerRows, r.page.number);
  spanLabelsOverEmptyGroups(rows, headerRows);
  const out = rows.filter((row) => row.some((c) => c && squash(c.text)));
  return { rows: out, colX: cols, method: 'alignment' };
}

/**
 * Columns: the x-extents of the data lines' values, then the other words: a word over no column
 * opens one, a word over one column widens it, a word over several stays a cell spanning them.
 */
function findColumns(
  words: TextItem[][],
  numbering: boolean[],
  data: boolean[],
  firstData: number,
  items: TextItem[],
): Span[] {
  const values = words.map(valueWords);
  const cols = mergeOverlapping(
    words.flatMap((ws, i) => (data[i] ? ws.filter((w) => values[i].has(w)).map((w) => [w.x0, w.x1] as Span) : [])),
    0.5,
  );
  const tableWidth = Math.max(...items.map((i) => i.x1)) - Math.min(...items.map((i) => i.x0));
  // The labels of the body first, widest first (a name column is as wide as its longest name,
  // and a 合计 centred across the code and name columns must not join them); then the column
  // numbers; then the headings, the lowest line first and narrowest first (the leaves of the
  // header make the columns; a heading over a group, above them, must not open one column for
  // the whole group)
  const rank = (i: number) => (i >= firstData && !numbering[i] ? 0 : numbering[i] ? 1 : 2);
  const ranked = words
    .flatMap((ws, i) => ws.filter((w) => !(data[i] && values[i].has(w))).map((w) => ({ w, p: rank(i), line: i })))
    .filter(({ w }) => w.x1 - w.x0 < 0.34 * tableWidth)
    .sort(
      (a, b) =>
        a.p - b.p ||
        (a.p === 0 ? b.w.x1 - b.w.x0 - (a.w.x1 - a.w.x0) : 0) ||
        (a.p === 2 ? b.line - a.line : 0) ||
        a.w.x1 - a.w.x0 - (b.w.x1 - b.w.x0),
    );
  // Amounts are set flush right in their cells, headings and column numbers centred: a heading or
  // number over no column, just left of a column that has none of its own, is that column's (its
  // amounts are narrower than its cell); otherwise it opens a column printed empty
  // (a heading over the word itself — the first line of its wrapped text — or on a line above it
  // — a heading over its group — is not the column's own)
  const owned = (c: Span, p: number, w: TextItem, line: number) => {
    const xc = (w.x0 + w.x1) / 2;
    const own = (h: TextItem) => overlap(c, [h.x0, h.x1]) > 0 && !(h.x0 <= xc && xc <= h.x1);
    return ranked.some((o) => o.p === p && (p !== 2 || o.line >= line) && own(o.w));
  };
  const numberWords = words.flatMap((ws, i) =>
    numbering[i] ? ws.filter((w) => /^\d{1,2}$/.test(halfWidth(squash(w.str)))) : [],
  );
  // a heading over no column and no column number, where the header numbers its columns, heads
  // a group, not a column printed empty (收入 over 项目 | 行次 | 决算数)
  const headsGroup = (w: TextItem) =>
    numberWords.length > 0 && !numberWords.some((n) => overlap([n.x0, n.x1], [w.x0 - 1, w.x1 + 1]) > 0);
  for (const { w, p, line } of ranked) {
    const under = cols.map((c, j) => (overlap(c, [w.x0, w.x1]) > 0 ? j : -1)).filter((j) => j >= 0);
    const right = cols.find((c) => c[0] >= w.x1);
    const left = [...cols].reverse().find((c) => c[1] <= w.x0);
    if (
      !under.length &&
      p !== 0 &&
      (p === 2 || /^\d+$/.test(squash(w.str))) &&
      right &&
      !owned(right, p, w, line) &&
      (!left || right[0] - w.x1 < w.x0 - left[1] + (right[1] - right[0]))
    )
      right[0] = w.x0;
    else if (!under.length && !(p === 2 && headsGroup(w))) addSpan(cols, [w.x0, w.x1]);
    else if (under.length === 1 && p !== 1) {
      const c = cols[under[0]];
      c[0] = Math.min(c[0], w.x0);
      c[1] = Math.max(c[1], w.x1);
    }
  }
  return cols;
}

/** A heading over exactly one column widens it (for the centres of headings spanning several). */
function widenByHeadings(cols: Span[], words: TextItem[][], firstData: number): void {
  const extents: Span[] = cols.map((c) => [c[0], c[1]]);
  for (let i = 0; i < firstData; i++)
    for (const w of words[i]) {
      const under = columnsUnder(cols, w.x0, w.x1);
      if (under.length === 1) {
        const e = extents[under[0]];
        e[0] = Math.min(e[0], w.x0);
        e[1] = Math.max(e[1], w.x1);
      }
    }
  cols.forEach((c, j) => {
    c[0] = Math.min(c[0], extents[j][0]);
    c[1] = Math.max(c[1], extents[j][1]);
  });
}

/**
 * Rows: header lines, then data lines with the label lines they own. A label-only line below the
 * header is a wrapped name when it is tied to a data line by lines closer together than rows are
 * (the spacing of adjacent data lines); otherwise it is a row of its own (a row printed without
 * amounts). Returns, for each line, the line whose row it belongs to.
 */
function rowOwners(lines: Line[], data: boolean[], firstData: number, items: TextItem[]): number[] {
  const yc = lines.map(yCenter);
  const adjacent = yc
    .slice(1)
    .map((y, k) => (data[k] && data[k + 1] ? y - yc[k] : NaN))
    .filter((v) => Number.isFinite(v));
  // no two data lines adjacent (every name wraps, or most rows are printed empty): rows are at
  // least 1.6 glyph heights apart, lines wrapped in a cell closer
  const pitch = adjacent.length ? median(adjacent) : 1.6 * median(items.map((it) => it.fontSize));
  const owner = lines.map((_, i) => i);
  for (let i = firstData; i < lines.length; i++) {
    if (data[i] || !Number.isFinite(pitch)) continue;
    let best = -1;
    let bestD = Infinity;
    for (let k = firstData; k < lines.length; k++) {
      if (!data[k]) continue;
      const d = Math.abs(yc[k] - yc[i]);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    if (best < 0) continue;
    const [a, b] = best < i ? [best, i] : [i, best];
    let tied = true;
    for (let k = a; k < b && tied; k++) if (yc[k + 1] - yc[k] > WRAP_DISTANCE * pitch) tied = false;
    if (tied) owner[i] = best;
  }
  return owner;
}

/** Each word into the cell of its row under the columns it lies over (one object over several). */
function fillCells(
  lines: Line[],
  words: TextItem[][],
  cols: Span[],
  owner: number[],
  rowIndex: Map<number, number>,
  page: number,
): Rows {
  const slots: TextItem[][][] = Array.from({ length: rowIndex.size }, () => cols.map(() => []));
  const spanning: { row: number; cols: number[]; items: TextItem[] }[] = [];
  words.forEach((ws, i) => {
    const ri = rowIndex.get(owner[i])!;
    for (const w of ws) {
      const its = lines[i].items.filter((it) => it.x0 >= w.x0 - 0.1 && it.x1 <= w.x1 + 0.1);
      let under = columnsUnder(cols, w.x0, w.x1);
      if (!under.length) under = [nearestColumn(cols, w.x0, w.x1)];
      if (under.length === 1) slots[ri][under[0]].push(...its);
      else spanning.push({ row: ri, cols: under, items: its });
    }
  });
  const rows: Rows = slots.map((cells) => cells.map((its) => (its.length ? cellFromItems(its, page) : null)));
  for (const sp of spanning) {
    // two texts of one row over the same columns: keep them apart by their own columns
    const cell = cellFromItems(sp.items, page);
    for (const j of sp.cols) if (!rows[sp.row][j]) rows[sp.row][j] = cell;
  }
  return rows;
}

/** Header cells: each heading spans the neighbouring columns it heads (see the file's comment, 3). */
function spanHeadings(rows: Rows, cols: Span[], headerRows: number, numberingRow: boolean[]): void {
  const nc = cols.length;
  const edges: Span[] = cols.map(([a, b], j) => [
    j === 0 ? a : (cols[j - 1][1] + a) / 2,
    j === nc - 1 ? b : (b + cols[j + 1][0]) / 2,
  ]);
  /** the distinct headings of column j below row i (column numbers aside), `c` excepted */
  const headingsBelow = (j: number, i: number, c: GridCell): GridCell[] => {
    const out: GridCell[] = [];
    for (let k = i + 1; k < headerRows; k++) {
      const x = rows[k][j];
      if (x?.bbox && x !== c && !numberingRow[k] && !out.includes(x)) out.push(x);
    }
    return out;
  };
  // the header's bottom: the top of the column-number line, else the lowest heading's bottom
  const numberingTop = rows.findIndex((_, k) => numberingRow[k]);
  const headerBottom =
    numberingTop >= 0
      ? Math.min(...uniqueCells(rows[numberingTop]).map((x) => x.bbox?.[1] ?? Infinity))
      : Math.max(...rows.slice(0, headerRows).flatMap((row) => uniqueCells(row).map((x) => x.bbox?.[3] ?? -Infinity)));
  for (let i = 0; i < headerRows; i++) {
    if (numberingRow[i]) continue;
    const row = rows[i];
    for (const c of uniqueCells(row)) {
      if (!c.bbox) continue;
      const own = row.map((x, j) => (x === c ? j : -1)).filter((j) => j >= 0);
      const beneath = columnsBeneath(rows, c, i, own, headingsBelow, headerBottom);
      const best = widestCentredSpan(row, c, own, beneath, edges);
      for (let j = best[0]; j <= best[1]; j++) row[j] = c;
    }
  }
}

/**
 * A neighbour is beneath heading `c` (a sub-heading) when its heading's cell starts below this
 * heading's line: centred between this line's bottom and the header's bottom. A peer's cell runs
 * from this line's top (or higher) down, so its heading is centred higher. A column with more
 * than one heading below this line has a structure of its own beneath.
 */
function columnsBeneath(
  rows: Rows,
  c: GridCell,
  i: number,
  own: number[],
  headingsBelow: (j: number, i: number, c: GridCell) => GridCell[],
  headerBottom: number,
): boolean[] {
  const own0 = own.map((j) => headingsBelow(j, i, c)).flat();
  return rows[i].map((_, j) => {
    if (!own0.length) return false; // nothing below this heading: it heads its column alone
    // what stands above this heading stands above the neighbour too (a heading over both)
    for (let k = 0; k < i; k++) if (rows[k][j] !== rows[k][own[0]]) return false;
    const below = headingsBelow(j, i, c);
    if (!below.length) return false;
    if (below.length > 1) return true;
    const y = (below[0].bbox![1] + below[0].bbox![3]) / 2;
    const asChild = (c.bbox![3] + headerBottom) / 2;
    const asPeer = (c.bbox![1] + headerBottom) / 2;
    return Math.abs(y - asChild) < Math.abs(y - asPeer);
  });
}

/** The widest run of free columns beneath `c`, around its own, that it is centred over. */
function widestCentredSpan(
  row: (GridCell | null)[],
  c: GridCell,
  own: number[],
  beneath: boolean[],
  edges: Span[],
): Span {
  const nc = row.length;
  const center = (c.bbox![0] + c.bbox![2]) / 2;
  let best: Span = [own[0], own[own.length - 1]];
  for (let a = 0; a <= own[0]; a++)
    for (let b = own[own.length - 1]; b < nc; b++) {
      let ok = true;
      for (let j = a; j <= b && ok; j++)
        if ((row[j] && row[j] !== c) || ((j < own[0] || j > own[own.length - 1]) && !beneath[j])) ok = false;
      if (!ok) continue;
      const mid = (edges[a][0] + edges[b][1]) / 2;
      if (Math.abs(mid - center) <= Math.max(6, 0.1 * (edges[b][1] - edges[a][0])) && b - a > best[1] - best[0])
        best = [a, b];
    }
  return best;
}

/**
 * A heading wrapped over two or three lines of its cell (本年收入合 / 计) is one cell: fragments one
 * below the other over the same columns, with nothing between them, join into one cell that
 * stands in every row they cover. A heading over a different set of columns is a level of the
 * header path, not a fragment.
 */
function joinWrappedHeadings(rows: (GridCell | null)[][], headerRows: number, page: number): void {
  const nc = rows[0]?.length ?? 0;
  const spanOf = (row: (GridCell | null)[], c: GridCell) =>
    row
      .map((x, j) => (x === c ? j : -1))
      .filter((j) => j >= 0)
      .join(',');
  for (let j = 0; j < nc; j++) {
    let prev: { cell: GridCell; row: number; span: string } | null = null;
    for (let i = 0; i < headerRows; i++) {
      const c = rows[i][j];
      if (!c || !squash(c.text)) continue;
      const span = spanOf(rows[i], c);
      const cols = span.split(',').map(Number);
      const clear = (from: number, to: number) => {
        for (let k = from; k < to; k++)
          for (const jj of cols) if (rows[k][jj] && rows[k][jj] !== prev?.cell) return false;
        return true;
      };
      if (
        prev &&
        prev.cell !== c &&
        prev.span === span &&
        isNumberingText(c.text) === isNumberingText(prev.cell.text) &&
        clear(prev.row + 1, i)
      ) {
        const joined: GridCell = {
          text: prev.cell.text + c.text,
          page,
          bbox:
            prev.cell.bbox && c.bbox
              ? [
                  Math.min(prev.cell.bbox[0], c.bbox[0]),
                  prev.cell.bbox[1],
                  Math.max(prev.cell.bbox[2], c.bbox[2]),
                  c.bbox[3],
                ]
              : (prev.cell.bbox ?? c.bbox),
        };
        for (let k = prev.row; k <= i; k++) for (const jj of cols) rows[k][jj] = joined;
        prev = { cell: joined, row: prev.row, span };
      } else prev = { cell: c, row: i, span };
    }
  }
}

/**
 * A column that holds nothing but a heading printed above the other headings' line (收入 over
 * 项目 | 决算数, centred in the gap between them), with no column number and nothing in the body,
 * is no column: the heading heads a group. It moves to the nearest column of its row, from where
 * it spans its group.
 */
function dropGroupHeadingColumns(
  rows: (GridCell | null)[][],
  cols: Span[],
  headerRows: number,
  numberingRow: boolean[],
): void {
  for (let j = cols.length - 1; j >= 0 && cols.length > 2; j--) {
    if (rows.slice(headerRows).some((r) => r[j])) continue;
    if (rows.some((r, i) => numberingRow[i] && r[j])) continue;
    const heads = rows
      .slice(0, headerRows)
      .map((r, i) => (r[j] ? i : -1))
      .filter((i) => i >= 0);
    if (!heads.length) continue;
    const lowerHeadings = (i: number) =>
      rows.slice(i + 1, headerRows).some((r, k) => !numberingRow[i + 1 + k] && r.some((c, jj) => c && jj !== j));
    // its neighbours' headings all stand lower (a heading beside theirs is a column's own, centred
    // in a taller cell: 因公出国（境）费 beside 合计, over an empty column)
    const above = (i: number) =>
      [j - 1, j + 1].every(
        (k) => k < 0 || k >= cols.length || rows.slice(0, i + 1).every((r) => !r[k] || r[k] === r[j]),
      );
    if (!heads.every((i) => lowerHeadings(i) && above(i) && rows[i].filter((c) => c === rows[i][j]).length === 1))
      continue;
    for (const i of heads) {
      const c = rows[i][j]!;
      const xc = c.bbox ? (c.bbox[0] + c.bbox[2]) / 2 : (cols[j][0] + cols[j][1]) / 2;
      let best = -1;
      let bestD = Infinity;
      cols.forEach((col, k) => {
        if (k === j || rows[i][k]) return;
        const d = xc < col[0] ? col[0] - xc : xc > col[1] ? xc - col[1] : 0;
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      });
      if (best >= 0) rows[i][best] = c;
    }
    for (const r of rows) r.splice(j, 1);
    cols.splice(j, 1);
  }
}

/**
 * A total row whose label is centred across whole groups of a side-by-side table (公用经费合计
 * across the second and third groups, its amount in the last column) prints the label where the
 * other rows have amounts: the label spans the empty slots after it, up to its amount, so that
 * the group holding the amount has its label.
 */
function spanLabelsOverEmptyGroups(rows: (GridCell | null)[][], headerRows: number): void {
  const body = rows.slice(headerRows);
  const nc = rows[0]?.length ?? 0;
  const isAmount = (c: GridCell) => looksLikeAmount(squash(c.text)) && !SUBJECT_CODE.test(squash(c.text));
  const valueCol = Array.from({ length: nc }, (_, j) => {
    const cells = body.map((r) => r[j]).filter((c): c is GridCell => c !== null && squash(c.text) !== '');
    return cells.filter(isAmount).length >= Math.max(1, cells.length - 1);
  });
  for (const row of body) {
    for (let j = 0; j < nc; j++) {
      const c = row[j];
      if (!c || !valueCol[j] || isAmount(c) || SUBJECT_CODE.test(squash(c.text))) continue;
      let k = j + 1;
      while (k < nc && (!row[k] || row[k] === c)) k++;
      if (k >= nc || !isAmount(row[k]!) || k === j + 1) continue;
      for (let m = j + 1; m < k; m++) row[m] = c;
    }
  }
}

const HEADER_VOCABULARY =
  /项目|科目|费|数|名称|编码|代码|预算|决算|金额|合计|小计|行次|栏次|年初|年末|本年|收入|支出|结转|结余|拨款|经费|^[类款项]$/;
const ROW_LABEL = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{3})/;

/**
 * Where the body starts: after the last column-number line above the first data line; without
 * one, label lines just above the first data line that read as no heading (a name wrapped over
 * a page break, rows printed without amounts on a page that does not repeat the header) are body.
 */
function bodyStart(words: TextItem[][], numbering: boolean[], dataStart: number): number {
  for (let i = dataStart - 1; i >= 0; i--) if (numbering[i]) return i + 1;
  let start = dataStart;
  while (start > 0) {
    const texts = words[start - 1].map((w) => squash(w.str)).filter(Boolean);
    const heading =
      texts.length > 0 &&
      texts.every((t) => !ROW_LABEL.test(t) && t.length <= 16) &&
      texts.some((t) => HEADER_VOCABULARY.test(t));
    if (heading) break;
    start--;
  }
  return start;
}

function isNumberingText(t: string): boolean {
  return /^(栏次|行次|\d{1,2})$/.test(halfWidth(squash(t)));
}

/**
 * Whether a continuation page's columns, found by alignment, lie where the first page's do. The
 * same count is not enough: a page whose rows leave other columns empty splits and joins
 * differently, and is then laid onto the first page's columns by position.
 */
export function columnsAgree(page: Grid, master: Grid): boolean {
  if (page.method !== 'alignment' || !page.colX || !master.colX) return true;
  return page.colX.length === master.colX.length && page.colX.every((c, j) => overlap(c, master.colX![j]) > 0);
}
