/**
 * Row names and column headings read by OCR, matched to the names real disclosures print
 * (`vocabulary.ts`). Every change is listed in the table's notes, so a reader can see what was read
 * and what it was taken for. Values are never touched.
 */
import { info, type Result, warning } from '../model/message.js';
import type { Table } from '../model/schema.js';
import { CODE_DOUBT_CONFIDENCE } from './settings.js';
import { codeDoubtsName, matchColumn, matchName } from './vocabulary.js';

/** The table with its OCR'd names matched (a table without OCR cells comes back as it was). */
export function matchOcrLabels(table: Table): Result<Table> {
  if (!table.cells.some((c) => c.confidence !== undefined)) return { value: table, messages: [] };
  const changed = new Map<string, string>();
  const column = (path: string[]) =>
    path.map((p) => {
      const m = matchColumn(p);
      if (m !== p) changed.set(p, m);
      return m;
    });
  const doubted = new Set<string>();
  const cells = table.cells.map((c) => {
    const name = matchName(c.row_name, c.row_code);
    if (name !== c.row_name) changed.set(c.row_name, name);
    const path = column(c.column_path);
    const cell = { ...c, row_name: name, column: path.join('/'), column_path: path };
    if (c.confidence === undefined || !codeDoubtsName(c.row_code, name)) return cell;
    doubted.add(`${c.row_code} ${name}`);
    return { ...cell, confidence: Math.min(c.confidence, CODE_DOUBT_CONFIDENCE) };
  });
  const messages = doubted.size
    ? [
        warning(
          'ocr-code-doubt',
          `OCR subject codes that no disclosure prints with their row's name, flagged: ${[...doubted].join('; ')}`,
          { table: table.number },
        ),
      ]
    : [];
  const columns = table.columns.map((col) => ({ ...col, path: column(col.path) }));
  if (!changed.size) return { value: { ...table, cells, columns }, messages };
  const list = [...changed].map(([a, b]) => `${a} → ${b}`).join('; ');
  const note = info('ocr-names-matched', `OCR names matched to names real disclosures print: ${list}`, {
    table: table.number,
  });
  return { value: { ...table, cells, columns, notes: [...table.notes, note.text] }, messages: [...messages, note] };
}
