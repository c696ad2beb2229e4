import { describe, expect, it } from 'vitest';
import type { Cell, Table } from '../model/schema.js';
import { flagStrayDecimals, ocrDoubts, restoreLostPoints } from './doubts.js';

const cell = (value: string, confidence: number | null = 90, column = '合计'): Cell => ({
  table: '02',
  panel: '',
  row_code: '',
  row_name: `r${value}`,
  column,
  column_path: [column],
  value,
  unit: '万元',
  page: 1,
  bbox: null,
  confidence: confidence ?? undefined,
});
const table = (cells: Cell[]) => ({ number: '02', cells }) as unknown as Table;

describe('restoreLostPoints', () => {
  it('gives a small whole number in a column of two-decimal figures its point, flagged', () => {
    const { tables, messages } = restoreLostPoints([
      table([cell('12.50'), cell('3.07'), cell('100.00'), cell('101'), cell('12345'), cell('123456')]),
    ]);
    const values = tables[0].cells.map((c) => c.value);
    // 123456 would have printed a thousands separator: where its point was is not known
    expect(values).toEqual(['12.50', '3.07', '100.00', '1.01', '123.45', '123456']);
    expect(tables[0].cells[3].confidence).toBeLessThan(60);
    expect(messages.map((m) => m.code)).toEqual(['ocr-restored-point']);
    // what was not restored is still doubted
    expect(ocrDoubts(tables).map((m) => m.code)).toContain('ocr-lost-decimals');
  });
  it('leaves text-layer cells, and columns without a decimal count most agree on', () => {
    const text = [cell('12.50', null), cell('3.07', null), cell('1.00', null), cell('101', null)];
    const mixed = [cell('12.5'), cell('3.07'), cell('1'), cell('101')];
    const { tables, messages } = restoreLostPoints([table(text), table(mixed)]);
    expect(tables[0].cells.map((c) => c.value)).toEqual(['12.50', '3.07', '1.00', '101']);
    expect(tables[1].cells.map((c) => c.value)).toEqual(['12.5', '3.07', '1', '101']);
    expect(messages).toEqual([]);
  });
});

describe('stray decimals', () => {
  it('flags the one figure with decimals in a column of whole figures (a 元 table)', () => {
    const { tables, messages } = flagStrayDecimals([
      table([cell('1102300'), cell('500000'), cell('18373632'), cell('1.10'), cell('0')]),
    ]);
    expect(tables[0].cells.map((c) => c.confidence)).toEqual([90, 90, 90, 30, 90]);
    expect(messages.map((m) => m.code)).toEqual(['ocr-stray-decimals']);
  });
  it('leaves zeros among figures with decimals, and columns where several figures print decimals', () => {
    const wan = [cell('0'), cell('0'), cell('0'), cell('0'), cell('12.50')];
    const mixed = [cell('100'), cell('200'), cell('300'), cell('1.50'), cell('2.25')];
    const { tables, messages } = flagStrayDecimals([table(wan), table(mixed)]);
    expect(tables.flatMap((t) => t.cells.map((c) => c.confidence)).every((c) => c === 90)).toBe(true);
    expect(messages).toEqual([]);
  });
});
