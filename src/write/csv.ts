/** The tidy CSV files of the output contract (UTF-8, header line, RFC 4180 quoting). */
import { stringify } from 'csv-stringify/sync';
import type { Cell, DocumentResult } from '../model/schema.js';
import { toYuan } from '../normalize/amount.js';
import { headlineMeasures, type Measure, tableMeasures } from '../normalize/measures.js';
import { subjectCodes } from '../normalize/subjects.js';

export const DOCUMENT_COLUMNS = [
  'document',
  'kind',
  'year',
  'entity',
  'unit',
  'status',
  'error',
  'tables',
  'checks_failed',
  'pages',
  'sha256',
  'seconds',
  'text_source',
  'format',
  'warnings',
  'ocr_pages',
] as const;
export const CELL_COLUMNS = [
  'document',
  'table',
  'title',
  'panel',
  'row_code',
  'row_name',
  'column',
  'value',
  'unit',
  'page',
  'bbox',
  'source',
  'confidence',
  'measure',
  'basis',
  'value_yuan',
  'subject_code',
  'sha256',
] as const;
export const TABLE_COLUMNS = [
  'document',
  'table',
  'title',
  'catalog_id',
  'unit',
  'unit_declared',
  'numbered_by',
  'code_printed',
  'pages',
  'grid_method',
  'empty',
  'cells',
  'notes',
  'sha256',
] as const;
export const CHECK_COLUMNS = [
  'document',
  'rule',
  'status',
  'tables',
  'expected',
  'actual',
  'message',
  'difference',
  'sha256',
] as const;

/** The document's own columns (the run adds also_named and the manifest's after them). */
export function documentRow(d: DocumentResult): Record<string, string | number> {
  return {
    document: d.document,
    kind: d.kind,
    year: d.year ?? '',
    entity: d.entity,
    unit: d.unit,
    status: d.status,
    error: d.error ? `${d.error.code}: ${d.error.message}` : '',
    tables: d.tables.length,
    checks_failed: d.checks.filter((c) => c.status === 'fail').length,
    pages: d.pages ?? '',
    sha256: d.sha256,
    seconds: d.seconds,
    text_source: d.text_source,
    format: d.format,
    warnings: d.warnings.length,
    ocr_pages: d.ocr_pages.length,
  };
}

/** Each cell's measure: the 三公 items of its table, else the document's headline figures. */
function documentMeasures(d: DocumentResult): Map<Cell, Measure> {
  const out = new Map<Cell, Measure>();
  for (const t of d.tables) tableMeasures(t, d.kind).forEach((m, i) => m.measure && out.set(t.cells[i], m));
  for (const [c, m] of headlineMeasures(d.tables, d.kind, d.entity)) if (!out.has(c as Cell)) out.set(c as Cell, m);
  return out;
}

export function cellRows(d: DocumentResult): Record<string, string | number>[] {
  const measures = documentMeasures(d);
  const all = d.tables.flatMap((t) => t.cells);
  const subjects = new Map(subjectCodes(all).map((code, i) => [all[i], code]));
  return d.tables.flatMap((t) =>
    t.cells.map((c) => ({
      document: d.document,
      table: c.table,
      title: t.title,
      panel: c.panel,
      row_code: c.row_code,
      row_name: c.row_name,
      column: c.column,
      value: c.value,
      unit: c.unit,
      page: c.page ?? '',
      bbox: c.bbox ? c.bbox.join(' ') : '',
      source: c.source
        ? `${c.source.sheet ? c.source.sheet + '!' : ''}table ${c.source.table} row ${c.source.row} col ${c.source.col}`
        : '',
      confidence: c.confidence ?? '',
      measure: measures.get(c)?.measure ?? '',
      basis: measures.get(c)?.basis ?? '',
      value_yuan: toYuan(c.value, c.unit),
      subject_code: subjects.get(c) ?? '',
      sha256: d.sha256,
    })),
  );
}

export function tableRows(d: DocumentResult): Record<string, string | number>[] {
  return d.tables.map((t) => ({
    document: d.document,
    table: t.number,
    title: t.title,
    catalog_id: t.catalog_id,
    unit: t.unit,
    unit_declared: String(t.unit_declared),
    numbered_by: t.numbered_by,
    code_printed: t.code_printed ?? '',
    pages: t.pages.join(';'),
    grid_method: t.grid_method,
    empty: String(t.empty),
    cells: t.cells.length,
    notes: t.notes.join(' | '),
    sha256: d.sha256,
  }));
}

export function checkRows(d: DocumentResult): Record<string, string>[] {
  return d.checks.map((c) => ({
    document: d.document,
    rule: c.rule,
    status: c.status,
    tables: c.tables.join(';'),
    expected: c.expected,
    actual: c.actual,
    message: c.message,
    difference: c.difference,
    sha256: d.sha256,
  }));
}

export function toCsv(columns: readonly string[], rows: Record<string, unknown>[]): string {
  return stringify(rows, { header: true, columns: [...columns], quoted_match: /[",\r\n]/ });
}
