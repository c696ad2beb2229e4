/** The per-document result, as zod schemas; every type in the pipeline derives from these. */
import { z } from 'zod';
import { ERROR_CODES } from './errors.js';

export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const Cell = z.object({
  table: z.string().regex(/^\d{2}$/),
  panel: z.string(),
  row_code: z.string().regex(/^\d*$/),
  row_name: z.string(),
  column: z.string(),
  column_path: z.array(z.string()),
  /** the number exactly as printed, without separators, in the table's unit */
  value: z.string().regex(/^-?\d+(\.\d+)?$/),
  unit: z.enum(['万元', '元']),
  page: z.number().int().positive().nullable(),
  bbox: BBox.nullable(),
  source: z.object({ table: z.number(), row: z.number(), col: z.number(), sheet: z.string().optional() }).optional(),
  /** OCR pages: the lowest word confidence (0–100) in the cell */
  confidence: z.number().min(0).max(100).optional(),
});
export type Cell = z.infer<typeof Cell>;

export const Column = z.object({
  path: z.array(z.string()),
  role: z.enum(['code', 'name', 'lineno', 'quantity', 'value']),
  panel: z.string(),
});

export const Table = z.object({
  number: z.string().regex(/^\d{2}$/),
  numbered_by: z.enum(['printed', 'position']),
  code_printed: z.string().nullable(),
  catalog_id: z.string(),
  title: z.string(),
  unit: z.enum(['万元', '元']),
  unit_declared: z.boolean(),
  pages: z.array(z.number().int().positive()),
  grid_method: z.enum(['rules', 'alignment', 'source']),
  empty: z.boolean(),
  columns: z.array(Column),
  cells: z.array(Cell),
  notes: z.array(z.string()),
});
export type Table = z.infer<typeof Table>;

export const DocError = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

export const CheckResult = z.object({
  rule: z.string(),
  status: z.enum(['pass', 'rounding', 'fail']),
  tables: z.array(z.string()),
  expected: z.string(),
  actual: z.string(),
  difference: z.string(),
  message: z.string(),
  cells: z.array(
    z.object({
      table: z.string(),
      row: z.string(),
      column: z.string(),
      value: z.string(),
      page: z.number().nullable(),
    }),
  ),
});
export type CheckResult = z.infer<typeof CheckResult>;

/** A figure the narrative states, kept with its page so the checks can point at it. */
export const NarrativeFigure = z.object({
  key: z.string(),
  label: z.string(),
  value: z.string().regex(/^\d+(\.\d+)?$/),
  unit: z.enum(['万元', '元']),
  page: z.number().int().positive().nullable(),
  text: z.string(),
});
export type NarrativeFigure = z.infer<typeof NarrativeFigure>;

export const DocumentResult = z.object({
  tool_version: z.string(),
  /** the build that made the result (src/model/build.ts): a result is reused only by its own build */
  build: z.string(),
  document: z.string(),
  file: z.string(),
  format: z.enum(['pdf', 'docx', 'doc', 'wps', 'xlsx', 'xls', 'unknown']),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  kind: z.enum(['决算', '预算', '']),
  year: z.number().int().nullable(),
  entity: z.string(),
  unit: z.enum(['万元', '元', '']),
  status: z.enum(['ok', 'warnings', 'failed']),
  error: DocError.nullable(),
  pages: z.number().int().nullable(),
  text_source: z.enum(['pdf', 'ocr', 'pdf+ocr', 'docx', 'xlsx', '']),
  /** pages read by OCR, and why (no text layer, or a text layer that decodes to garbage) */
  ocr_pages: z.array(
    z.object({ page: z.number().int().positive(), reason: z.string(), skew: z.number(), mean_confidence: z.number() }),
  ),
  seconds: z.number(),
  tables: z.array(Table),
  narrative: z.array(NarrativeFigure),
  checks: z.array(CheckResult),
  /** doubts about the reading: any makes the status `warnings` */
  warnings: z.array(z.string()),
  /** information that casts no doubt (the converter used, a misnamed file, mammoth's style messages) */
  notes: z.array(z.string()),
});
export type DocumentResult = z.infer<typeof DocumentResult>;
