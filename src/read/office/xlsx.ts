/**
 * XLSX → paragraphs and table grids, through exceljs. A sheet may hold one table or several, each
 * under its own title / 公开0x表 / 单位 rows: rows whose every cell is such a mark (or a note) are
 * paragraphs, the rows between them are a table. Merged ranges are expanded so the merged cell sits
 * in every slot it spans; numbers are written as the cell's number format shows them.
 */
import ExcelJS from 'exceljs';
import type { FlowBlock, FlowContent, SourceCell, SourceTable } from '../../model/content.js';
import { GongkaiError } from '../../model/errors.js';
import { uniqueCells } from '../../model/grid.js';
import { info, type Message, type Result } from '../../model/message.js';

/** Tells a mark (a title, 公开0x表, 单位, 编制单位, a note) from other text: locate's, passed in by the pipeline. */
export type IsMark = (text: string) => boolean;

/** Read a workbook into paragraphs and tables; `isMark` tells the rows that are marks, not table rows. */
export async function readXlsx(bytes: Uint8Array, isMark: IsMark): Promise<Result<FlowContent>> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    throw new GongkaiError('corrupt', `the workbook could not be read (${(err as Error).message.split('\n')[0]})`, {
      cause: err,
    });
  }
  const blocks: FlowBlock[] = [];
  const messages: Message[] = [];
  let tableIndex = 0;
  for (const ws of wb.worksheets) {
    if (ws.state && ws.state !== 'visible')
      messages.push(info('hidden-sheet', `sheet ${ws.name} is hidden; read anyway`));
    const matrix = sheetMatrix(ws);
    for (const b of sheetBlocks(matrix, ws.name, () => tableIndex++, isMark)) blocks.push(b);
  }
  return { value: { format: 'xlsx', blocks }, messages };
}

/** Text of a cell as displayed: formula results, rich text, numbers in their number format. */
function displayText(cell: ExcelJS.Cell): string {
  let v = cell.value as unknown;
  if (v && typeof v === 'object' && 'result' in (v as object)) v = (v as { result: unknown }).result;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v, cell.numFmt);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in (v as object))
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text);
  if (typeof v === 'object' && 'error' in (v as object)) return '';
  return String(v);
}

/** 1234.5 with "#,##0.00" → "1,234.50"; General → the shortest exact form. */
function formatNumber(v: number, numFmt?: string): string {
  const fmt = (numFmt ?? '').split(';')[0];
  if (!fmt || /general/i.test(fmt) || !/0/.test(fmt)) return String(v);
  const decimals = /\.(0+)/.exec(fmt)?.[1].length ?? 0;
  const percent = fmt.includes('%');
  let s = (percent ? v * 100 : v).toFixed(decimals);
  if (/#,##0|0,0/.test(fmt)) {
    const [i, f] = s.split('.');
    s = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f !== undefined ? '.' + f : '');
  }
  return percent ? s + '%' : s;
}

type Matrix = (SourceCell | null)[][];

function sheetMatrix(ws: ExcelJS.Worksheet): Matrix {
  const rows: Matrix = [];
  const masters = new Map<string, SourceCell>();
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const master = cell.isMerged ? cell.master : cell;
      let sc = masters.get(master.address);
      if (!sc) {
        const text = displayText(master).trim();
        if (!text) return;
        sc = { text, row: Number(master.row), col: Number(master.col) };
        masters.set(master.address, sc);
      }
      (rows[r - 1] ??= [])[c - 1] = sc;
    });
  });
  // merged ranges reach into rows exceljs did not list: fill them from the model
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const [a, b] = range.split(':');
    const tl = ws.getCell(a);
    const br = ws.getCell(b ?? a);
    const sc = masters.get(tl.address);
    if (!sc) continue;
    for (let r = Number(tl.row); r <= Number(br.row); r++)
      for (let c = Number(tl.col); c <= Number(br.col); c++) (rows[r - 1] ??= [])[c - 1] = sc;
  }
  const width = rows.reduce((m, r) => Math.max(m, r?.length ?? 0), 0);
  return Array.from({ length: rows.length }, (_, i) => Array.from({ length: width }, (_, j) => rows[i]?.[j] ?? null));
}

/** A row of marks only: a title, 公开0x表, 单位, 编制单位, a note. */
function isMarkRow(row: (SourceCell | null)[], isMark: IsMark): boolean {
  const cells = uniqueCells(row);
  return cells.length > 0 && cells.every((c) => isMark(c.text));
}

function sheetBlocks(matrix: Matrix, sheet: string, nextIndex: () => number, isMark: IsMark): FlowBlock[] {
  const blocks: FlowBlock[] = [];
  let open: Matrix = [];
  const flush = () => {
    if (open.length) blocks.push({ type: 'table', table: trimColumns(open, sheet, nextIndex()) });
    open = [];
  };
  for (const row of matrix) {
    const cells = uniqueCells(row);
    if (!cells.length) continue;
    // a lone text before any table row is narrative; marks end the table above them
    if (isMarkRow(row, isMark) || (!open.length && cells.length === 1)) {
      flush();
      blocks.push({ type: 'paragraph', text: cells.map((c) => c.text).join('  ') });
      continue;
    }
    open.push(row);
  }
  flush();
  return blocks;
}

/** Drop the columns no row of this table uses. */
function trimColumns(rows: Matrix, sheet: string, index: number): SourceTable {
  const used = rows[0].map((_, j) => rows.some((r) => r[j]));
  return { index, sheet, rows: rows.map((r) => r.filter((_, j) => used[j])) };
}
