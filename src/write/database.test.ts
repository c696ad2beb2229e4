import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { blankResult } from '../model/blankResult.js';
import type { Cell, DocumentResult } from '../model/schema.js';
import { writeDatabase } from './database.js';
import { writeDatasetCsv } from './dataset.js';
import { renderRows } from './rows.js';

// short values, the longest that take DuckDB's fast path (14 characters), and longer ones
const VALUES = [
  '0',
  '-0.5',
  '7347200.00',
  '12345678901234',
  '-1234567890123',
  '123456789012345',
  '99999999999999999999.1234',
  '-0.00005',
  '1.23456',
];
const EXPECTED = [
  '0.0000',
  '-0.5000',
  '7347200.0000',
  '12345678901234.0000',
  '-1234567890123.0000',
  '123456789012345.0000',
  '99999999999999999999.1234',
  '-0.0001',
  '1.2346',
];

function result(): DocumentResult {
  const cells: Cell[] = VALUES.map((value, i) => ({
    table: '01',
    panel: '',
    row_code: '',
    row_name: `r${i}`,
    column: '决算数',
    column_path: ['决算数'],
    value,
    unit: '元',
    page: 1,
    bbox: null,
  }));
  return {
    ...blankResult('a.pdf', 'a.pdf'),
    status: 'ok',
    tables: [
      {
        number: '01',
        numbered_by: 'printed',
        code_printed: null,
        catalog_id: 'final.summary',
        title: 't',
        unit: '元',
        unit_declared: true,
        pages: [1],
        grid_method: 'rules',
        empty: false,
        columns: [],
        cells,
        notes: [],
      },
    ],
    checks: [
      {
        rule: 'r',
        status: 'pass',
        tables: ['01'],
        expected: VALUES[6],
        actual: VALUES[1],
        difference: VALUES[3],
        message: '',
        cells: [],
      },
    ],
  };
}

describe('the database', () => {
  it('holds every value as the DECIMAL the CSV text states, short or long', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'gongkai-db-'));
    const d = result();
    await writeDatasetCsv(out, [
      { name: 'a.pdf', alsoNamed: [], metadata: {}, rows: async () => renderRows(d, 'a.pdf') },
    ]);
    const { database } = await writeDatabase(out);
    const db = await DuckDBInstance.create(database, { access_mode: 'READ_ONLY' });
    const con = await db.connect();
    const all = async (sql: string) => (await con.runAndReadAll(sql)).getRows();
    expect(
      (await all('SELECT CAST(value AS VARCHAR) FROM cells ORDER BY CAST(substr(row_name, 2) AS INTEGER)')).map(
        (r) => r[0],
      ),
    ).toEqual(EXPECTED);
    expect(
      (
        await all('SELECT CAST(expected AS VARCHAR), CAST(actual AS VARCHAR), CAST(difference AS VARCHAR) FROM checks')
      )[0],
    ).toEqual([EXPECTED[6], EXPECTED[1], EXPECTED[3]]);
    expect((await all('SELECT DISTINCT typeof(value) FROM cells'))[0][0]).toBe('DECIMAL(38,4)');
    con.closeSync();
    db.closeSync();
  });
});
