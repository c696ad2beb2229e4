/**
 * Harvests: resumable after kill -9, duplicates read once, a slow document stopped by its timeout
 * without stalling the batch, manifest metadata carried through, the database equal to cells.csv.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PdfBuilder } from './fixtures/pdfWriter.js';
import { SCANS, scanPdf } from './fixtures/scan.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(root, 'corpus');
const bin = path.join(root, 'bin', 'gongkai.js');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'gongkai-harvest-'));

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  return promisify(execFile)(process.execPath, [bin, 'extract', ...args], { maxBuffer: 64 * 2 ** 20 }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
}
const csv = (file: string) =>
  parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
/** documents.csv without its timing column, which differs between runs */
const documentsSansTime = (out: string) => csv(path.join(out, 'documents.csv')).map(({ seconds: _s, ...rest }) => rest);

/** A folder with every corpus document (PDF, DOCX, XLSX). */
function inputFolder(): string {
  const dir = path.join(tmp(), 'in');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(corpus)) if (!f.endsWith('.json')) copyFileSync(path.join(corpus, f), path.join(dir, f));
  return dir;
}

/** Pages of 40,000 text runs each: ~0.3 s of pdf.js per page and tens of MB of heap per page. */
function heavyPdf(pages: number): Buffer {
  const b = new PdfBuilder();
  for (let p = 0; p < pages; p++) {
    const page = b.page();
    for (let i = 0; i < 40000; i++) PdfBuilder.text(page, `收入${i}`, (i % 50) * 11, 20 + (i % 70) * 11, 8);
  }
  return b.build();
}

let slow: Buffer | undefined;
const slowPdf = () => (slow ??= heavyPdf(25));

/** Linux: the processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('harvest', () => {
  it('killed with -9 mid-run, then re-run, gives exactly the uninterrupted result', async () => {
    const input = inputFolder();
    const whole = path.join(tmp(), 'whole');
    expect((await cli([input, '--out', whole, '--jobs', '1', '--no-db'])).code).toBe(0);

    const out = path.join(tmp(), 'killed');
    const child = spawn(process.execPath, [bin, 'extract', input, '--out', out, '--jobs', '1', '--no-db'], {
      stdio: 'ignore',
    });
    const docs = path.join(out, 'documents');
    // kill as soon as the first result is on disk, before the batch ends
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const n = existsSync(docs) ? readdirSync(docs).filter((f) => f.endsWith('.json')).length : 0;
        if (n >= 1 || Date.now() - started > 60_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('error', reject);
    });
    await new Promise((r) => child.on('exit', r));
    const doneBefore = readdirSync(docs).filter((f) => f.endsWith('.json')).length;
    expect(doneBefore).toBeGreaterThanOrEqual(1);
    expect(doneBefore).toBeLessThan(readdirSync(input).length);
    expect(existsSync(path.join(out, 'cells.csv'))).toBe(false);

    const rerun = await cli([input, '--out', out, '--jobs', '1', '--no-db']);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(new RegExp(`${doneBefore} already done`));
    expect(documentsSansTime(out)).toEqual(documentsSansTime(whole));
    expect(readFileSync(path.join(out, 'cells.csv'), 'utf8')).toBe(readFileSync(path.join(whole, 'cells.csv'), 'utf8'));
    expect(readFileSync(path.join(out, 'checks.csv'), 'utf8')).toBe(
      readFileSync(path.join(whole, 'checks.csv'), 'utf8'),
    );
    // no temp files left behind
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads a file once when the same bytes come under two names, and lists both names', async () => {
    const dir = path.join(tmp(), 'in');
    mkdirSync(path.join(dir, 'copy'), { recursive: true });
    copyFileSync(path.join(corpus, 'borderless-final-yuan.pdf'), path.join(dir, 'a.pdf'));
    copyFileSync(path.join(corpus, 'borderless-final-yuan.pdf'), path.join(dir, 'copy', 'b.pdf'));
    const out = path.join(tmp(), 'out');
    const res = await cli([dir, '--out', out, '--no-db']);
    expect(res.stderr).toMatch(/1 duplicate files/);
    const rows = csv(path.join(out, 'documents.csv'));
    expect(rows.map((r) => [r.document, r.also_named])).toEqual([['a.pdf', '["copy/b.pdf"]']]);
    const cells = csv(path.join(out, 'cells.csv'));
    expect(new Set(cells.map((c) => c.document))).toEqual(new Set(['a.pdf']));
  });

  it('rebuilds the dataset where stored rows are missing, damaged or for other names', async () => {
    const pick = ['ruled-final-wanyuan.pdf', 'borderless-final-yuan.pdf'];
    const dirA = path.join(tmp(), 'in');
    const dirB = path.join(tmp(), 'in');
    mkdirSync(dirA, { recursive: true });
    mkdirSync(dirB, { recursive: true });
    for (const f of [
      ...pick,
      ...readdirSync(corpus)
        .filter((f) => f.endsWith('.docx'))
        .slice(0, 1),
    ]) {
      copyFileSync(path.join(corpus, f), path.join(dirA, f));
      copyFileSync(path.join(corpus, f), path.join(dirB, `renamed-${f}`));
    }
    // the dataset of a folder is the dataset of every input it was given: one run over A and B
    const fresh = path.join(tmp(), 'fresh');
    expect((await cli([dirA, dirB, '--out', fresh, '--no-db'])).code).toBe(0);

    const out = path.join(tmp(), 'out');
    expect((await cli([dirA, '--out', out, '--no-db'])).code).toBe(0);
    const docs = path.join(out, 'documents');
    const stored = readdirSync(docs).filter((f) => f.endsWith('.rows'));
    expect(stored).toHaveLength(3);
    rmSync(path.join(docs, stored[0]));
    const damaged = path.join(docs, stored[1]);
    writeFileSync(damaged, readFileSync(damaged).subarray(0, 100));

    // the same bytes under other names: every document is already done, every stored row is not
    const rerun = await cli([dirB, '--out', out, '--no-db']);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/3 already done/);
    expect(documentsSansTime(out)).toEqual(documentsSansTime(fresh));
    for (const f of ['cells.csv', 'tables.csv', 'checks.csv'])
      expect(readFileSync(path.join(out, f), 'utf8')).toBe(readFileSync(path.join(fresh, f), 'utf8'));
    // each document is listed under the first of its names, the others beside it
    for (const d of documentsSansTime(out))
      expect([d.document, ...(JSON.parse(d.also_named) as string[])].sort()[0]).toBe(d.document);
    // and the rows were rendered again, for the names the dataset lists
    const renderedFor = (dir: string) =>
      stored
        .map((f) => JSON.parse(readFileSync(path.join(dir, 'documents', f), 'utf8').split('\n')[0]).document as string)
        .sort();
    expect(renderedFor(out)).toEqual(renderedFor(fresh));
  });

  it('hashes again only changed files, even when their size and mtime were kept', async () => {
    const dir = path.join(tmp(), 'in');
    mkdirSync(dir, { recursive: true });
    const base = readFileSync(path.join(corpus, 'ruled-final-wanyuan.pdf'));
    const a = path.join(dir, 'a.pdf');
    writeFileSync(a, Buffer.concat([base, Buffer.from('\n% v1\n')]));
    // a whole second, so that putting it back below gives the very same nanoseconds
    const mtime = new Date('2024-06-01T00:00:00Z');
    utimesSync(a, mtime, mtime);
    copyFileSync(path.join(corpus, 'borderless-final-yuan.pdf'), path.join(dir, 'b.pdf'));
    const out = path.join(tmp(), 'out');
    expect((await cli([dir, '--out', out, '--no-db'])).stderr).toMatch(
      /2 files \(2 hashed, 0 unchanged since the last run\): 2 to read/,
    );
    expect((await cli([dir, '--out', out, '--no-db'])).stderr).toMatch(
      /2 files \(0 hashed, 2 unchanged since the last run\): 0 to read .* 2 already done/,
    );

    // other bytes, same size, the old modification time put back
    const v2 = Buffer.concat([base, Buffer.from('\n% v2\n')]);
    writeFileSync(a, v2);
    utimesSync(a, mtime, mtime);
    const third = await cli([dir, '--out', out, '--no-db']);
    expect(third.stderr).toMatch(/2 files \(1 hashed, 1 unchanged since the last run\): 1 to read .* 1 already done/);
    const row = csv(path.join(out, 'documents.csv')).find((r) => r.document === 'a.pdf')!;
    expect(row.sha256).toBe(createHash('sha256').update(v2).digest('hex'));
  });

  it('stops a document that runs past its timeout, replaces the worker and finishes the batch', async () => {
    const dir = path.join(tmp(), 'in');
    mkdirSync(dir, { recursive: true });
    // a document that takes pdf.js ~8 s: 25 pages of 40,000 text runs each (the good ones take
    // under a second, so a 4 s limit leaves room on both sides on a loaded machine)
    writeFileSync(path.join(dir, 'slow.pdf'), slowPdf());
    copyFileSync(path.join(corpus, 'ruled-final-wanyuan.pdf'), path.join(dir, 'good.pdf'));
    copyFileSync(path.join(corpus, 'borderless-final-yuan.pdf'), path.join(dir, 'good2.pdf'));
    const out = path.join(tmp(), 'out');
    const res = await cli([dir, '--out', out, '--jobs', '1', '--timeout', '4', '--no-db']);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/slow\.pdf: timeout: not done after 4 s/);
    const rows = Object.fromEntries(csv(path.join(out, 'documents.csv')).map((r) => [r.document, r]));
    expect(rows['slow.pdf'].status).toBe('failed');
    expect(rows['good.pdf'].status).toBe('ok');
    expect(rows['good2.pdf'].status).toBe('ok');
  });

  it('gives a scan time by the pages it reads by OCR: a 12-page scan under a 3 s text budget is read', async () => {
    const dir = path.join(tmp(), 'in');
    mkdirSync(dir, { recursive: true });
    const { style } = SCANS.find((s) => s.name === 'budget-three-panel-unnumbered')!;
    writeFileSync(
      path.join(dir, 'scan.pdf'),
      scanPdf(readFileSync(path.join(corpus, 'budget-three-panel-unnumbered.pdf')), style),
    );
    const out = path.join(tmp(), 'out');
    // OCR of 12 pages takes longer than 3 s on any machine: a fixed limit would stop it
    const res = await cli([dir, '--out', out, '--jobs', '1', '--timeout', '3', '--no-db']);
    expect(res.stderr).not.toMatch(/timeout/);
    const row = csv(path.join(out, 'documents.csv'))[0];
    expect(row.status).not.toBe('failed');
    expect(row.text_source).toBe('ocr');
    expect(Number(row.seconds)).toBeGreaterThan(3);
  }, 600_000);

  it('tells when the documents in hand reach their limit, OCR allowance included (for a stopping worker)', async () => {
    // the pool as built (it starts dist's worker processes)
    const dist = (f: string) => pathToFileURL(path.join(root, 'dist', 'src', f)).href;
    const { DocumentPool } = (await import(dist('harvest/pool.js'))) as typeof import('../src/harvest/pool.js');
    const { blankResult } = (await import(
      dist('model/blankResult.js')
    )) as typeof import('../src/model/blankResult.js');
    const dir = tmp();
    const file = path.join(dir, 'scan.pdf');
    writeFileSync(file, scanPdf(readFileSync(path.join(corpus, `${SCANS[0].name}.pdf`)), SCANS[0].style));
    const pool = new DocumentPool({ jobs: 1, timeoutSeconds: 3, ocrPageSeconds: 20 });
    expect(pool.latestDeadline()).toBe(0);
    const started = Date.now();
    const task = { file, name: 'scan.pdf', sha256: 'x', outDir: dir };
    const running = pool.run(task, blankResult(file, 'scan.pdf'));
    let seen = 0;
    while (!seen) {
      await new Promise((r) => setTimeout(r, 100));
      if (pool.latestDeadline() > started + 3000 + 1000) seen = pool.latestDeadline();
    }
    const { summary } = await running;
    // the text budget, then 20 s for each page OCR reads (every page of a scan)
    expect(summary.pages).toBeGreaterThan(0);
    expect(seen - started).toBeGreaterThanOrEqual(3000 + 20_000 * summary.pages!);
    expect(pool.latestDeadline()).toBe(0);
    await pool.close();
  }, 300_000);

  it('stops a document that outgrows the heap ceiling with out-of-memory, and reads the rest', async () => {
    const dir = path.join(tmp(), 'in');
    mkdirSync(dir, { recursive: true });
    // 6 pages of 40,000 text runs need a few hundred MB; the fixtures fit in under 48
    writeFileSync(path.join(dir, 'heavy.pdf'), heavyPdf(6));
    copyFileSync(path.join(corpus, 'ruled-final-wanyuan.pdf'), path.join(dir, 'good.pdf'));
    copyFileSync(path.join(corpus, 'borderless-final-yuan.pdf'), path.join(dir, 'good2.pdf'));
    const out = path.join(tmp(), 'out');
    const res = await cli([dir, '--out', out, '--jobs', '1', '--max-memory', '64', '--no-db']);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/heavy\.pdf: out-of-memory: the worker ran out of its 64 MB heap/);
    // V8's own report of the crash stays out of the log
    expect(res.stderr).not.toMatch(/FATAL ERROR/);
    const rows = Object.fromEntries(csv(path.join(out, 'documents.csv')).map((r) => [r.document, r]));
    expect(rows['heavy.pdf'].error).toMatch(/^out-of-memory/);
    expect(rows['good.pdf'].status).toBe('ok');
    expect(rows['good2.pdf'].status).toBe('ok');
  });

  it.runIf(existsSync('/proc/self/stat'))('leaves no worker running when the harvest is killed with -9', async () => {
    const dir = path.join(tmp(), 'in');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'slow.pdf'), slowPdf());
    const child = spawn(
      process.execPath,
      [bin, 'extract', dir, '--out', path.join(tmp(), 'out'), '--jobs', '2', '--no-db'],
      { stdio: 'ignore' },
    );
    let workers: number[] = [];
    for (let i = 0; i < 200 && workers.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      workers = childrenOf(child.pid!);
    }
    expect(workers).toHaveLength(2);
    // well into the slow document, which keeps one worker busy for ~8 s
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    // the worker's watch ends it within ~0.5 s, long before it would finish the document
    const started = Date.now();
    while (workers.some(alive) && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 100));
    expect(workers.filter(alive)).toEqual([]);
  });

  it('carries a manifest’s metadata into documents.csv and the database, which matches cells.csv', async () => {
    const dir = tmp();
    copyFileSync(path.join(corpus, 'ruled-final-wanyuan.pdf'), path.join(dir, 'x.pdf'));
    copyFileSync(path.join(corpus, 'budget-three-panel-unnumbered.xlsx'), path.join(dir, 'y.xlsx'));
    writeFileSync(
      path.join(dir, 'list.csv'),
      'path,region,level,year_hint,year\nx.pdf,示例县,county,2024,1999\ny.xlsx,示例区,district,2025,1998\n',
    );
    const out = path.join(tmp(), 'out');
    expect((await cli(['--manifest', path.join(dir, 'list.csv'), '--out', out])).code).toBe(0);
    const docs = csv(path.join(out, 'documents.csv'));
    expect(docs.map((d) => [d.document, d.region, d.level, d.year_hint])).toEqual([
      ['x.pdf', '示例县', 'county', '2024'],
      ['y.xlsx', '示例区', 'district', '2025'],
    ]);
    // a manifest column named like one of ours is kept beside it, and never replaces it
    expect(docs.map((d) => [d.manifest_year, d.year])).toEqual([
      ['1999', '2024'],
      ['1998', '2025'],
    ]);
    const cells = csv(path.join(out, 'cells.csv'));
    const cents = cells.reduce((s, c) => s + BigInt(Math.round(Number(c.value) * 100)), 0n);

    const db = await DuckDBInstance.create(path.join(out, 'gongkai.duckdb'), { access_mode: 'READ_ONLY' });
    const con = await db.connect();
    const one = async (sql: string) => (await con.runAndReadAll(sql)).getRows()[0];
    expect(Number((await one('SELECT count(*) FROM cells'))[0])).toBe(cells.length);
    expect(String((await one('SELECT CAST(round(sum(value) * 100) AS BIGINT) FROM cells'))[0])).toBe(String(cents));
    expect(await one(`SELECT region, level, manifest_year, year FROM documents WHERE document = 'x.pdf'`)).toEqual([
      '示例县',
      'county',
      '1999',
      2024,
    ]);
    const sample = cells[7];
    const hit = await one(
      `SELECT count(*) FROM cells WHERE document = '${sample.document}' AND "table" = '${sample.table}' AND row_name ` +
        `= '${sample.row_name}' AND "column" = '${sample.column}' AND value = ${sample.value}`,
    );
    expect(Number(hit[0])).toBeGreaterThanOrEqual(1);
    expect(Number((await one('SELECT count(*) FROM checks'))[0])).toBe(csv(path.join(out, 'checks.csv')).length);
    con.closeSync();
    db.closeSync();
    // and the Parquet exports hold the same rows
    const mem = await DuckDBInstance.create(':memory:');
    const c2 = await mem.connect();
    const pq = (
      await c2.runAndReadAll(`SELECT count(*) FROM '${path.join(out, 'parquet', 'cells.parquet')}'`)
    ).getRows()[0];
    expect(Number(pq[0])).toBe(cells.length);
    c2.closeSync();
    mem.closeSync();
  });
});
