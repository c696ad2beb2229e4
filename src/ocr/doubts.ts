/** Values OCR may have misread, as warnings on the document: low confidence, a lost decimal point. */
import { warning, type Message } from '../model/message.js';
import type { Cell, Table } from '../model/schema.js';
import { DISAGREEING_CONFIDENCE, LOW_CONFIDENCE } from './settings.js';

/** The first five cells, named by table, row and column, and an ellipsis for the rest. */
function listCells(cells: Cell[], withConfidence: boolean): string {
  const one = (c: Cell) =>
    `table ${c.table} ${c.row_code || c.row_name} / ${c.column} = ${c.value} ` +
    `(page ${c.page}${withConfidence ? `, ${c.confidence}` : ''})`;
  return `${cells.slice(0, 5).map(one).join('; ')}${cells.length > 5 ? '; …' : ''}`;
}

const decimals = (v: string) => (v.split('.')[1] ?? '').length;

/** The decimals most of an OCR'd column prints, where 3 or more cells agree on a count above 0. */
function decimalsOf(cells: Cell[]): number {
  const counts = new Map<number, number>();
  for (const c of cells) counts.set(decimals(c.value), (counts.get(decimals(c.value)) ?? 0) + 1);
  const [mode, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  return mode > 0 && n >= 3 ? mode : 0;
}

/** A table's OCR'd cells, column by column (each panel's columns apart). */
function ocrColumns(t: Table): Cell[][] {
  const cols = new Map<string, Cell[]>();
  for (const c of t.cells) {
    if (c.confidence === undefined) continue;
    const k = `${c.panel}|${c.column}`;
    cols.set(k, [...(cols.get(k) ?? []), c]);
  }
  return [...cols.values()];
}

/** Cells of one OCR'd column whose decimals differ from the count most of the column prints (3 or more agree). */
function lackingDecimals(cells: Cell[]): Cell[] {
  const mode = decimalsOf(cells);
  return mode ? cells.filter((c) => decimals(c.value) !== mode) : [];
}

/**
 * Each OCR'd column's cells revised by `revise` (the revised cell for each it changes): the tables
 * with them in place, and the revised cells.
 */
function reviseColumns(
  tables: Table[],
  revise: (column: Cell[]) => Map<Cell, Cell>,
): { tables: Table[]; revised: Cell[] } {
  const revised: Cell[] = [];
  const out = tables.map((t) => {
    const fixed = new Map<Cell, Cell>();
    for (const cells of ocrColumns(t)) for (const [c, cell] of revise(cells)) fixed.set(c, cell);
    revised.push(...fixed.values());
    return fixed.size ? { ...t, cells: t.cells.map((c) => fixed.get(c) ?? c) } : t;
  });
  return { tables: out, revised };
}

/** A cell flagged: its confidence no higher than `DISAGREEING_CONFIDENCE`. */
const flagged = (c: Cell, value = c.value): Cell => ({
  ...c,
  value,
  confidence: Math.min(c.confidence ?? 100, DISAGREEING_CONFIDENCE),
});

/**
 * OCR loses a decimal point more than any other mark (at 150 dpi it is a pixel or two): a whole
 * number in a column whose figures (3 or more agree) print `d` decimals is given its point back
 * ("101" → "1.01") where it has at most three digits before the point — a larger figure would
 * have printed a thousands separator, which says nothing about where its point was. The cell
 * keeps a confidence no higher than `DISAGREEING_CONFIDENCE`, so it is flagged all the same.
 */
export function restoreLostPoints(tables: Table[]): { tables: Table[]; messages: Message[] } {
  const { tables: out, revised } = reviseColumns(tables, (cells) => {
    const fixed = new Map<Cell, Cell>();
    const d = decimalsOf(cells);
    if (!d) return fixed;
    for (const c of cells) {
      const m = /^(-?)(\d+)$/.exec(c.value);
      if (!m || m[2].length <= d || m[2].length > d + 3) continue;
      fixed.set(c, flagged(c, `${m[1]}${m[2].slice(0, -d)}.${m[2].slice(-d)}`));
    }
    return fixed;
  });
  const messages = revised.length
    ? [
        warning(
          'ocr-restored-point',
          `${revised.length} OCR figure(s) read without the decimal point their column prints, ` +
            `given it back and flagged: ${listCells(revised, false)}`,
        ),
      ]
    : [];
  return { tables: out, messages };
}

/**
 * A figure with decimals in a column of whole figures (3 or more nonzero whole figures, and no
 * other nonzero figure with decimals: a 元 table) is a misreading ("1102300" read as "1.10"): it keeps a
 * confidence no higher than `DISAGREEING_CONFIDENCE`. Zeros say nothing (a 万元 column prints 0 and 12.50).
 */
export function flagStrayDecimals(tables: Table[]): { tables: Table[]; messages: Message[] } {
  const { tables: out, revised } = reviseColumns(tables, (cells) => {
    const nonzero = cells.filter((c) => Number(c.value) !== 0);
    const whole = nonzero.filter((c) => decimals(c.value) === 0);
    const withPoint = nonzero.filter((c) => decimals(c.value) > 0);
    return new Map(whole.length >= 3 && withPoint.length === 1 ? [[withPoint[0], flagged(withPoint[0])]] : []);
  });
  const messages = revised.length
    ? [
        warning(
          'ocr-stray-decimals',
          `${revised.length} OCR figure(s) with decimals in a column of whole figures, flagged: ` +
            listCells(revised, false),
        ),
      ]
    : [];
  return { tables: out, messages };
}

/** OCR cells to doubt: read with low confidence; figures without the decimals their column prints. */
export function ocrDoubts(tables: Table[]): Message[] {
  const messages: Message[] = [];
  const low = tables.flatMap((t) => t.cells.filter((c) => c.confidence !== undefined && c.confidence < LOW_CONFIDENCE));
  if (low.length) {
    const text = `${low.length} cell(s) read by OCR with confidence below ${LOW_CONFIDENCE}: ${listCells(low, true)}`;
    messages.push(warning('ocr-low-confidence', text));
  }
  const pointless = tables.flatMap((t) => ocrColumns(t).flatMap(lackingDecimals));
  if (pointless.length) {
    const what = 'OCR figure(s) lack the decimals their column prints (a lost decimal point?)';
    messages.push(warning('ocr-lost-decimals', `${pointless.length} ${what}: ${listCells(pointless, false)}`));
  }
  return messages;
}
