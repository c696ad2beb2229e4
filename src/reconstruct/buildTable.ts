/** Interpretation → schema Table: numbering, unit, cells with provenance. */
import type { TableDraft } from '../model/draft.js';
import { interpretGrid } from './interpretGrid.js';
import type { Table } from '../model/schema.js';


export function numberTables(drafts: TableDraft[], defaultUnit: '万元' | '元'): Table[] {
  return drafts.map((d, i) => {
    const number = String(d.code?.number ?? i + 1).padStart(2, '0');
    const unit = d.unit ?? defaultUnit;
    const notes = [...d.notes];
    if (!d.unit) notes.push(`no 单位 printed for this table; ${defaultUnit} assumed from the rest of the document`);
    const interp = d.grid ? interpretGrid(d.grid) : null;
    if (interp) notes.push(...interp.warnings);
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
      ...(c.cell.conf !== undefined ? { confidence: c.cell.conf } : {}),
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
      notes,
    };
  });
}
