/** Interpretation → schema Table: numbering, unit, cells with provenance. */
import type { TableDraft } from '../model/draft.js';
import { info, type Message, type Result } from '../model/message.js';
import type { Table } from '../model/schema.js';
import type { Unit } from '../model/unit.js';
import { interpretGrid } from './interpretGrid.js';

/**
 * Number the drafts (as printed, else by position), interpret their grids into cells, and render
 * each table's messages into its notes; the messages come back with their table's number.
 */
export function numberTables(drafts: TableDraft[], defaultUnit: Unit): Result<Table[]> {
  const messages: Message[] = [];
  const tables = drafts.map((d, i) => {
    const number = String(d.code?.number ?? i + 1).padStart(2, '0');
    const unit = d.unit ?? defaultUnit;
    const own = [...d.messages];
    if (!d.unit)
      own.push(
        info('unit-assumed', `no 单位 printed for this table; ${defaultUnit} assumed from the rest of the document`),
      );
    const interp = d.grid ? interpretGrid(d.grid) : null;
    if (interp) own.push(...interp.messages);
    messages.push(...own.map((m) => ({ ...m, table: number })));
    const cells = (interp?.cells ?? []).map((c) => ({
      table: number,
      panel: c.panel,
      row_code: c.row_code,
      row_name: c.row_name,
      column: c.column.join('/'),
      column_path: c.column,
      value: c.value,
      unit,
      page: c.cell.page,
      bbox: c.cell.bbox,
      ...(c.cell.source ? { source: c.cell.source } : {}),
      ...(c.cell.confidence !== undefined ? { confidence: c.cell.confidence } : {}),
    }));
    return {
      number,
      numbered_by: d.code ? ('printed' as const) : ('position' as const),
      code_printed: d.code?.printed ?? null,
      catalog_id: d.entry.id,
      title: d.title,
      unit,
      unit_declared: Boolean(d.unit),
      pages: d.pages,
      grid_method: d.grid?.method ?? 'source',
      empty: cells.length === 0,
      columns: (interp?.columns ?? []).map((c) => ({ path: c.path, role: c.role, panel: c.panel })),
      cells,
      notes: own.map((m) => m.text),
    };
  });
  return { value: tables, messages };
}
