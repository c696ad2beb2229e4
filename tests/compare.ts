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

const key = (c: { table: string; panel: string; row_code: string; row_name: string; column: string; value: string }) =>
  [c.table, c.panel, c.row_code, c.row_name, c.column, c.value].join(' | ');

export function diffCells(doc: DocumentResult, expected: Expected): { missing: string[]; extra: string[] } {
  const got = new Map<string, number>();
  for (const t of doc.tables) for (const c of t.cells) got.set(key(c), (got.get(key(c)) ?? 0) + 1);
  const missing: string[] = [];
  for (const c of expected.cells) {
    const k = key(c);
    const n = got.get(k) ?? 0;
    if (n > 0) got.set(k, n - 1);
    else missing.push(k);
  }
  const extra = [...got].flatMap(([k, n]) => Array(n).fill(k));
  return { missing, extra };
}
