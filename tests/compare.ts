/** Compare a document's extracted cells with a fixture's expected cells (as multisets of keys). */
import type { DocumentResult } from '../src/model/schema.js';

export interface Expected {
  document: string;
  kind: string;
  year: number;
  entity: string;
  unit: string;
  tables: string[];
  cells: { table: string; panel: string; row_code: string; row_name: string; column: string; value: string }[];
}

type Cell = { table: string; panel: string; row_code: string; row_name: string; column: string; value: string };
const key = (c: Cell) => [c.table, c.panel, c.row_code, c.row_name, c.column, c.value].join(' | ');
/** a row name without its leading list ordinal (一、 （二） 3.), as the shared scorer compares names */
const sansOrdinal = (c: Cell): Cell => ({
  ...c,
  row_name: c.row_name.replace(
    /^(?:[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.](?!\d))/,
    '',
  ),
});

/** A cell's key as `diffCells` lists it. */
export function cellKey(c: Cell, opts: { ordinals?: boolean } = {}): string {
  return key(opts.ordinals === false ? sansOrdinal(c) : c);
}

export function diffCells(
  doc: DocumentResult,
  expected: Expected,
  opts: { ordinals?: boolean } = {},
): { missing: string[]; extra: string[] } {
  // ordinals: false compares row names without their list ordinals (OCR can miss the thin 一 of a
  // "一、" set against its cell's rule; the value and the name are still right)
  const k0 = (c: Cell) => cellKey(c, opts);
  const got = new Map<string, number>();
  for (const t of doc.tables) for (const c of t.cells) got.set(k0(c), (got.get(k0(c)) ?? 0) + 1);
  const missing: string[] = [];
  for (const c of expected.cells) {
    const k = k0(c);
    const n = got.get(k) ?? 0;
    if (n > 0) got.set(k, n - 1);
    else missing.push(k);
  }
  const extra = [...got].flatMap(([k, n]) => Array(n).fill(k));
  return { missing, extra };
}
