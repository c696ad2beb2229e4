/**
 * The dataset after many runs is the dataset of all of them: names that collide across input
 * roots, batch after batch into one folder, results of another build, environment failures,
 * missing paths, the output folder itself.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(root, 'corpus');
const bin = path.join(root, 'bin', 'gongkai.js');

function gongkai(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [bin, ...args], { maxBuffer: 1 << 24 }, (err, _stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

const readCsv = (file: string) =>
  parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
const withoutSeconds = (rows: Record<string, string>[]) => rows.map(({ seconds: _s, ...r }) => r);

/** Two county folders that hold different files under the same relative name. */
function twoCounties(): { dir: string; a: string; b: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gongkai-runs-'));
  const a = path.join(dir, 'countyA');
  const b = path.join(dir, 'countyB');
  mkdirSync(path.join(a, '2025'), { recursive: true });
  mkdirSync(path.join(b, '2025'), { recursive: true });
  cpSync(path.join(corpus, 'ruled-final-wanyuan.pdf'), path.join(a, '2025', '部门预算.pdf'));
  cpSync(path.join(corpus, 'borderless-final-yuan.pdf'), path.join(b, '2025', '部门预算.pdf'));
  cpSync(path.join(corpus, 'budget-three-panel-unnumbered.pdf'), path.join(b, '2025', 'other.pdf'));
  return { dir, a, b };
}

describe('a dataset across runs', () => {
  it('two roots with the same relative names give distinct, joinable documents', async () => {
    const { dir, a, b } = twoCounties();
    const out = path.join(dir, 'out');
    expect((await gongkai(['extract', a, b, '--out', out])).code).toBe(0);
    const docs = readCsv(path.join(out, 'documents.csv'));
    expect(docs.map((d) => d.document).sort()).toEqual([
      '2025/other.pdf',
      'countyA/2025/部门预算.pdf',
      'countyB/2025/部门预算.pdf',
    ]);
    const cells = readCsv(path.join(out, 'cells.csv'));
    expect(new Set(cells.map((c) => c.sha256)).size).toBe(3);
    const db = await (await DuckDBInstance.create(path.join(out, 'gongkai.duckdb'))).connect();
    const joined = (
      await db.runAndReadAll('SELECT count(*) FROM cells c JOIN documents d USING (document)')
    ).getRows()[0][0];
    expect(Number(joined)).toBe(cells.length);
  });

  it('batch A then batch B gives the dataset of one run over A and B', async () => {
    const { dir, a, b } = twoCounties();
    const once = path.join(dir, 'once');
    const twice = path.join(dir, 'twice');
    await gongkai(['extract', a, b, '--out', once, '--no-db']);
    await gongkai(['extract', a, '--out', twice, '--no-db']);
    const second = await gongkai(['extract', b, '--out', twice, '--no-db']);
    expect(second.code).toBe(0);
    for (const f of ['documents.csv', 'tables.csv', 'cells.csv', 'checks.csv']) {
      expect(withoutSeconds(readCsv(path.join(twice, f)))).toEqual(withoutSeconds(readCsv(path.join(once, f))));
    }
  });

  it('an output folder written by another build is redone, never a crash', async () => {
    const { dir, a } = twoCounties();
    const out = path.join(dir, 'out');
    await gongkai(['extract', a, '--out', out, '--no-db']);
    // what an older build left: another build id, a field this build's results no longer have
    const docsDir = path.join(out, 'documents');
    for (const f of readdirSync(docsDir)) {
      if (f.endsWith('.rows')) writeFileSync(path.join(docsDir, f), '{"format":"old"}\nx');
      if (!f.endsWith('.json')) continue;
      const j = JSON.parse(readFileSync(path.join(docsDir, f), 'utf8'));
      j.build = 'an-older-build';
      delete j.narrative;
      writeFileSync(path.join(docsDir, f), JSON.stringify(j));
    }
    const again = await gongkai(['extract', a, '--out', out, '--no-db']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/1 read now, 0 already done/);
    expect(readCsv(path.join(out, 'documents.csv'))[0].status).toMatch(/^(ok|warnings)$/);
  });

  it('an environment failure is tried again on the next run', async () => {
    const { dir, a } = twoCounties();
    const out = path.join(dir, 'out');
    await gongkai(['extract', a, '--out', out, '--no-db']);
    const docsDir = path.join(out, 'documents');
    const json = readdirSync(docsDir).find((f) => f.endsWith('.json'))!;
    const j = JSON.parse(readFileSync(path.join(docsDir, json), 'utf8'));
    writeFileSync(
      path.join(docsDir, json),
      JSON.stringify({
        ...j,
        status: 'failed',
        error: { code: 'converter-missing', message: 'no LibreOffice' },
        tables: [],
      }),
    );
    const again = await gongkai(['extract', a, '--out', out, '--no-db']);
    expect(again.stderr).toMatch(/1 read now, 0 already done/);
  });

  it('every input path, found or not, has exactly one row; a missing one fails the run', async () => {
    const { dir, a } = twoCounties();
    const out = path.join(dir, 'out');
    const missing = path.join(dir, 'nowhere.pdf');
    const run = await gongkai(['extract', a, missing, '--out', out, '--no-db']);
    expect(run.code).toBe(3);
    const docs = readCsv(path.join(out, 'documents.csv'));
    expect(docs).toHaveLength(2);
    const row = docs.find((d) => d.status === 'failed')!;
    expect(row.error).toMatch(/^not-found: /);
    expect(run.stderr).toMatch(/1 failed/);
  });

  it('an output path that is a file is a coded error, not an internal one', async () => {
    const { dir, a } = twoCounties();
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    const run = await gongkai(['extract', a, '--out', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/output-unwritable: --out .* is a file/);
    expect(run.stderr).not.toMatch(/internal/);
  });

  it('--log json writes JSON lines only, snake_case, with path and sha256', async () => {
    const { dir, a } = twoCounties();
    const run = await gongkai([
      'extract',
      a,
      path.join(dir, 'missing.pdf'),
      '--out',
      path.join(dir, 'out'),
      '--log',
      'json',
      '--no-db',
    ]);
    const lines = run.stderr.trim().split('\n');
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const e of events) for (const k of Object.keys(e)) expect(k).toMatch(/^[a-z0-9_]+$/);
    const doc = events.find((e) => e.type === 'document')!;
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.path).toBe(path.join(a, '2025', '部门预算.pdf'));
    expect(events.some((e) => e.type === 'missing')).toBe(true);
    expect(events.at(-1)!.type).toBe('summary');
  });

  it('reads a manifest saved as GBK, and writes CSV files Excel reads as UTF-8', async () => {
    const { dir, a } = twoCounties();
    const manifest = path.join(a, 'list.csv');
    writeFileSync(
      manifest,
      Buffer.from(
        new Uint8Array([
          ...Buffer.from('path,region\n2025/'),
          0xb2,
          0xbf,
          0xc3,
          0xc5,
          0xd4,
          0xa4,
          0xcb,
          0xe3,
          ...Buffer.from('.pdf,'),
          0xce,
          0xf7,
          0xcf,
          0xe7,
          0x0a,
        ]),
      ),
    );
    const out = path.join(dir, 'out');
    const run = await gongkai(['extract', '--manifest', manifest, '--out', out, '--no-db']);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(out, 'documents.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(readCsv(path.join(out, 'documents.csv'))[0]).toMatchObject({
      document: '2025/部门预算.pdf',
      region: '西乡',
    });
  });
});
