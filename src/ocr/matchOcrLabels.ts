/**
 * Row names and column headings read by OCR, matched to the names real disclosures print
 * (`normalize/vocabulary.ts`). Every change is listed in the table's notes, so a reader can see
 * what was read and what it was taken for. Values are never touched.
 */
import { matchColumn, matchName } from './vocabulary.js';
import type { Table } from '../model/schema.js';

export function matchOcrLabels(table: Table): void {
  if (!table.cells.some((c) => c.confidence !== undefined)) return;
  const changed = new Map<string, string>();
  const column = (path: string[]) =>
    path.map((p) => {
      const m = matchColumn(p);
      if (m !== p) changed.set(p, m);
      return m;
    });
  for (const c of table.cells) {
    const name = matchName(c.row_name, c.row_code);
    if (name !== c.row_name) changed.set(c.row_name, name);
    c.row_name = name;
    c.column_path = column(c.column_path);
    c.column = c.column_path.join('/');
  }
  for (const col of table.columns) col.path = column(col.path);
  if (changed.size) table.notes.push(`OCR names matched to names real disclosures print: ${[...changed].map(([a, b]) => `${a} → ${b}`).join('; ')}`);
}
