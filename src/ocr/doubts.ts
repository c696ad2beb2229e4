/** Values OCR may have misread, as warnings on the document: low confidence, a lost decimal point. */
import { warning, type Message } from '../model/message.js';
import type { Cell, Table } from '../model/schema.js';
import { LOW_CONFIDENCE } from './settings.js';

/** The first five cells, named by table, row and column, and an ellipsis for the rest. */
function listCells(cells: Cell[], withConfidence: boolean): string {
  const one = (c: Cell) =>
    `table ${c.table} ${c.row_code || c.row_name} / ${c.column} = ${c.value} ` +
    `(page ${c.page}${withConfidence ? `, ${c.confidence}` : ''})`;
  return `${cells.slice(0, 5).map(one).join('; ')}${cells.length > 5 ? '; …' : ''}`;
}

/** Cells of one OCR'd column whose decimals differ from the count most of the column prints (3 or more agree). */
function lackingDecimals(cells: Cell[]): Cell[] {
  const dec = (v: string) => (v.split('.')[1] ?? '').length;
  const counts = new Map<number, number>();
  for (const c of cells) counts.set(dec(c.value), (counts.get(dec(c.value)) ?? 0) + 1);
  const [mode, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  return mode > 0 && n >= 3 ? cells.filter((c) => dec(c.value) !== mode) : [];
}

/** OCR cells to doubt: read with low confidence; figures without the decimals their column prints. */
export function ocrDoubts(tables: Table[]): Message[] {
  const messages: Message[] = [];
  const low = tables.flatMap((t) => t.cells.filter((c) => c.confidence !== undefined && c.confidence < LOW_CONFIDENCE));
  if (low.length) {
    const text = `${low.length} cell(s) read by OCR with confidence below ${LOW_CONFIDENCE}: ${listCells(low, true)}`;
    messages.push(warning('ocr-low-confidence', text));
  }
  const pointless = tables.flatMap((t) => {
    const cols = new Map<string, Cell[]>();
    for (const c of t.cells) {
      if (c.confidence === undefined) continue;
      const k = `${c.panel}|${c.column}`;
      if (!cols.has(k)) cols.set(k, []);
      cols.get(k)!.push(c);
    }
    return [...cols.values()].flatMap(lackingDecimals);
  });
  if (pointless.length) {
    const what = 'OCR figure(s) lack the decimals their column prints (a lost decimal point?)';
    messages.push(warning('ocr-lost-decimals', `${pointless.length} ${what}: ${listCells(pointless, false)}`));
  }
  return messages;
}
