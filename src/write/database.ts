/**
 * The dataset as a DuckDB database (documents, tables, cells, checks) plus Parquet exports of the
 * same, loaded from the CSV files just written so the three always agree. Written to temp names and
 * renamed into place.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { settled, tempPath, trackTemp } from './atomic.js';
import { AMOUNT_SQL_TYPE, SHORT_AMOUNT_CHARS } from './settings.js';

/** Column types; every other column (the manifest's) is text. */
const TYPES: Record<string, Record<string, string>> = {
  documents: {
    year: 'INTEGER',
    tables: 'INTEGER',
    checks_failed: 'INTEGER',
    pages: 'INTEGER',
    seconds: 'DOUBLE',
    warnings: 'INTEGER',
    ocr_pages: 'INTEGER',
  },
  tables: { unit_declared: 'BOOLEAN', empty: 'BOOLEAN', cells: 'INTEGER' },
  cells: { value: AMOUNT_SQL_TYPE, page: 'INTEGER', confidence: 'INTEGER', value_yuan: AMOUNT_SQL_TYPE },
  checks: { expected: AMOUNT_SQL_TYPE, actual: AMOUNT_SQL_TYPE, difference: AMOUNT_SQL_TYPE },
};

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Text to a column's type. DuckDB casts text to DECIMAL(38,4) far slower than to DECIMAL(18,4):
 * a value short enough to fit 18 digits (SHORT_AMOUNT_CHARS) goes through DECIMAL(18,4), the
 * same number.
 */
function castSql(column: string, type: string): string {
  const c = ident(column);
  if (type !== AMOUNT_SQL_TYPE) return `CAST(${c} AS ${type})`;
  const short = `CAST(CAST(${c} AS DECIMAL(18,4)) AS ${type})`;
  return `CASE WHEN length(${c}) <= ${SHORT_AMOUNT_CHARS} THEN ${short} ELSE CAST(${c} AS ${type}) END`;
}

/** The write stage's last step: the dataset's CSV files as a DuckDB database and as Parquet files. */
export async function writeDatabase(outDir: string): Promise<{ database: string; parquet: string[] }> {
  const database = path.join(outDir, 'gongkai.duckdb');
  const tmpDb = tempPath(database);
  const tmpWal = trackTemp(`${tmpDb}.wal`);
  // the Parquet files are made in a folder of their own and swapped in whole
  const parquetDir = path.join(outDir, 'parquet');
  const tmpParquet = tempPath(parquetDir);
  await mkdir(tmpParquet, { recursive: true });
  const instance = await DuckDBInstance.create(tmpDb);
  const con = await instance.connect();
  const names: string[] = [];
  try {
    for (const [name, types] of Object.entries(TYPES)) {
      const csv = path.join(outDir, `${name}.csv`);
      const cols = (
        await con.runAndReadAll(`DESCRIBE SELECT * FROM read_csv(${q(csv)}, header = true, all_varchar = true)`)
      )
        .getRows()
        .map((r) => String(r[0]));
      // text stays text ('' rather than NULL for a blank row code or panel), numbers get their types
      const select = cols
        .map((c) => (types[c] ? `${castSql(c, types[c])} AS ${ident(c)}` : `COALESCE(${ident(c)}, '') AS ${ident(c)}`))
        .join(', ');
      await con.run(
        `CREATE TABLE ${name} AS SELECT ${select} FROM read_csv(${q(csv)}, header = true, all_varchar = true)`,
      );
      await con.run(`COPY ${name} TO ${q(path.join(tmpParquet, `${name}.parquet`))} (FORMAT parquet)`);
      names.push(`${name}.parquet`);
    }
    await con.run('CHECKPOINT');
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  const oldParquet = tempPath(parquetDir);
  await rename(parquetDir, oldParquet).catch(() => undefined);
  await rename(tmpParquet, parquetDir);
  await rename(tmpDb, database);
  await rm(oldParquet, { recursive: true, force: true });
  await rm(tmpWal, { force: true });
  for (const t of [tmpDb, tmpWal, tmpParquet, oldParquet]) settled(t);
  return { database, parquet: names.map((n) => path.join(parquetDir, n)) };
}
