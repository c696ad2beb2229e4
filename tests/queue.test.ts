/**
 * Queue mode against a real redis-server (started here on a free port, stopped afterwards):
 * workers spawned as `gongkai worker` give the dataset of a local run, also when one of them is
 * killed with -9 or Redis restarts in the middle, and a folder submitted again enqueues nothing.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipOf } from './fixtures/zipBomb.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.join(root, 'corpus');
const bin = path.join(root, 'bin', 'gongkai.js');
const DATASET = ['documents.csv', 'tables.csv', 'cells.csv', 'checks.csv'];

function gongkai(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [bin, ...args], { maxBuffer: 1 << 24, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const readCsv = (file: string) =>
  parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
const withoutSeconds = (rows: Record<string, string>[]) => rows.map(({ seconds: _s, ...r }) => r);

function expectSameDataset(out: string, reference: string): void {
  for (const f of DATASET)
    expect(withoutSeconds(readCsv(path.join(out, f))), f).toEqual(withoutSeconds(readCsv(path.join(reference, f))));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A redis-server of this test's own, without persistence: a restart empties it. */
class RedisServer {
  private proc?: ChildProcess;
  constructor(readonly port: number) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    const proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.proc = proc;
    await new Promise<void>((resolve, reject) => {
      let said = '';
      proc.stdout!.on('data', (b: Buffer) => {
        said += b.toString();
        if (said.includes('Ready to accept connections')) resolve();
      });
      proc.on('exit', (code) => reject(new Error(`redis-server exited (${code}): ${said}`)));
    });
  }
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  }
}

/** A `gongkai worker` process; its JSON log lines as they come. */
class WorkerProcess {
  readonly proc: ChildProcess;
  readonly events: Record<string, unknown>[] = [];
  constructor(url: string, out: string, extra: string[] = []) {
    this.proc = spawn(
      'node',
      // a lock long enough that a loaded machine's worker never loses one by being slow (the kill test shortens it)
      [bin, 'worker', '--queue', url, '--out', out, '--jobs', '1', '--lock', '10', '--log', 'json', ...extra],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let rest = '';
    this.proc.stderr!.on('data', (b: Buffer) => {
      const lines = (rest + b.toString()).split('\n');
      rest = lines.pop()!;
      for (const l of lines) if (l.trim()) this.events.push(JSON.parse(l) as Record<string, unknown>);
    });
  }
  /** resolves at the first event of this type */
  async seen(type: string): Promise<Record<string, unknown>> {
    for (;;) {
      const e = this.events.find((x) => x.type === type);
      if (e) return e;
      if (this.proc.exitCode !== null) throw new Error(`worker exited before ${type}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.proc.exitCode;
    const exited = new Promise<number | null>((r) => this.proc.once('exit', (code) => r(code)));
    this.proc.kill(signal);
    return exited;
  }
}

let work: string;
let inputs: string;
let reference: string;
let documents: number;
const redis: RedisServer[] = [];
const workers: WorkerProcess[] = [];

async function freshRedis(): Promise<RedisServer> {
  const r = new RedisServer(await freePort());
  await r.start();
  redis.push(r);
  return r;
}
function startWorker(url: string, out: string, extra: string[] = []): WorkerProcess {
  const w = new WorkerProcess(url, out, extra);
  workers.push(w);
  return w;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'gongkai-queue-'));
  inputs = path.join(work, 'in');
  mkdirSync(path.join(inputs, 'copies'), { recursive: true });
  const pdfs = readdirSync(corpus).filter((f) => f.endsWith('.pdf'));
  for (const f of pdfs) {
    cpSync(path.join(corpus, f), path.join(inputs, f));
    // the same document with other bytes (a comment after %%EOF): another job
    writeFileSync(
      path.join(inputs, 'copies', f),
      Buffer.concat([readFileSync(path.join(corpus, f)), Buffer.from('\n% copy\n')]),
    );
  }
  cpSync(path.join(root, 'tests', 'fixtures', 'bad', 'encrypted.pdf'), path.join(inputs, 'encrypted.pdf'));
  // the same bytes under a second name: one job, listed with both names
  cpSync(path.join(corpus, pdfs[0]), path.join(inputs, 'copies', 'same-bytes.pdf'));
  documents = pdfs.length * 2 + 1;
  reference = path.join(work, 'local');
  const local = await gongkai(['extract', inputs, '--out', reference, '--jobs', '2']);
  expect(local.code, local.stderr).toBe(3);
}, 90_000);

afterAll(async () => {
  for (const w of workers) await w.stop('SIGKILL');
  for (const r of redis) await r.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('queue mode', () => {
  it('two workers give the local dataset, DuckDB and Parquet included; resubmitting enqueues nothing', async () => {
    const r = await freshRedis();
    const out = path.join(work, 'two-workers');
    startWorker(r.url, out);
    startWorker(r.url, out);
    const run = await gongkai(['extract', inputs, '--out', out, '--queue', r.url, '--log', 'json']);
    expect(run.code, run.stderr).toBe(3);
    expectSameDataset(out, reference);
    const docs = readCsv(path.join(out, 'documents.csv'));
    expect(docs).toHaveLength(documents);
    expect(docs.find((d) => d.document === pdfName(docs, 'encrypted.pdf'))!.error).toMatch(/^encrypted: /);
    // the database and the Parquet files are made from the same CSV files: the same rows
    for (const table of ['documents', 'tables', 'cells', 'checks']) {
      expect(await parquetRows(out, table), table).toEqual(await parquetRows(reference, table));
    }
    const lines = run.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.type === 'document')).toHaveLength(documents);
    expect(lines.at(-1)!.type).toBe('summary');

    const before = JSON.parse((await gongkai(['queue', 'status', '--queue', r.url, '--json'])).stdout);
    expect(before.counts.completed).toBe(documents);
    // again, with a folder of the same bytes: nothing is read, nothing is added to the queue
    const again = await gongkai([
      'extract',
      inputs,
      path.join(inputs, 'copies'),
      '--out',
      out,
      '--queue',
      r.url,
      '--no-db',
    ]);
    expect(again.stderr).toMatch(/0 read now/);
    const after = JSON.parse((await gongkai(['queue', 'status', '--queue', r.url, '--json'])).stdout);
    expect(after.counts).toEqual(before.counts);
    expect(after.workers).toBe(2);
    // SIGTERM: a worker stops cleanly
    const [first] = workers.slice(-2);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.events.at(-1)!.type).toBe('worker-stopped');
  });

  it('two people submitting overlapping folders at once: each content is read once', async () => {
    const r = await freshRedis();
    const out = path.join(work, 'overlap');
    const pair = [startWorker(r.url, out), startWorker(r.url, out)];
    const [all, copies] = await Promise.all([
      gongkai(['extract', inputs, '--out', out, '--queue', r.url, '--no-db']),
      gongkai(['extract', path.join(inputs, 'copies'), '--out', out, '--queue', r.url, '--no-db']),
    ]);
    expect(all.code, all.stderr).toBe(3);
    expect(copies.code, copies.stderr).toBe(0);
    const starts = new Map<string, number>();
    for (const w of pair)
      for (const e of w.events)
        if (e.type === 'job-started') starts.set(String(e.job), (starts.get(String(e.job)) ?? 0) + 1);
    expect(starts.size).toBe(documents);
    expect([...starts.values()].every((n) => n === 1)).toBe(true);
  });

  it('kill -9 mid-document: another worker takes the job; SIGTERM finishes its document; each once', async () => {
    const r = await freshRedis();
    const out = path.join(work, 'killed');
    // a short lock: the killed worker's job is taken by another 2 to 4 s later
    const shortLock = ['--lock', '2'];
    const doomed = startWorker(r.url, out, shortLock);
    const polite = startWorker(r.url, out, shortLock);
    await Promise.all([doomed.seen('worker-started'), polite.seen('worker-started')]);
    const run = gongkai(['extract', inputs, '--out', out, '--queue', r.url, '--no-db']);
    const [started, inHand] = await Promise.all([doomed.seen('job-started'), polite.seen('job-started')]);
    // one killed outright, one asked to stop (SIGTERM): it finishes the document in hand first
    await doomed.stop('SIGKILL');
    expect(await polite.stop('SIGTERM')).toBe(0);
    expect(polite.events.some((e) => e.type === 'job-done' && e.job === inHand.job)).toBe(true);
    const survivor = startWorker(r.url, out, shortLock);
    const done = await run;
    expect(done.code, done.stderr).toBe(3);
    expectSameDataset(out, reference);
    expect(readCsv(path.join(out, 'documents.csv'))).toHaveLength(documents);
    // the killed worker's job was read again, by the survivor
    expect(survivor.events.some((e) => e.type === 'job-done' && e.job === started.job)).toBe(true);
  });

  it('a Redis restart mid-run (its queue lost) keeps every finished result, and the run completes', async () => {
    const r = await freshRedis();
    const out = path.join(work, 'restart');
    const worker = startWorker(r.url, out);
    const run = gongkai(['extract', inputs, '--out', out, '--queue', r.url, '--no-db', '--log', 'json']);
    await worker.seen('job-done');
    await r.stop();
    const finished = readdirSync(path.join(out, 'documents')).filter((f) => f.endsWith('.json'));
    await r.start();
    const done = await run;
    expect(done.code, done.stderr).toBe(3);
    expectSameDataset(out, reference);
    // what was finished before the restart was read once, not again after it
    expect(finished.length).toBeGreaterThan(0);
    for (const f of finished) {
      const starts = worker.events.filter((e) => e.type === 'job-started' && `${String(e.job)}.json` === f);
      expect(starts, f).toHaveLength(1);
    }
  });

  it('a machine failure or unreachable file is retried with backoff, then listed failed with its code', async () => {
    const r = await freshRedis();
    const out = path.join(work, 'transient');
    const one = path.join(work, 'one');
    mkdirSync(one);
    cpSync(path.join(corpus, 'borderless-final-yuan.pdf'), path.join(one, 'doc.pdf'));
    cpSync(path.join(corpus, 'ruled-final-wanyuan.pdf'), path.join(one, 'gone.pdf'));
    const run = gongkai(['extract', one, '--out', out, '--queue', r.url, '--no-db']);
    const status = async () => JSON.parse((await gongkai(['queue', 'status', '--queue', r.url, '--json'])).stdout);
    while ((await status()).counts.waiting < 2) await new Promise((resolve) => setTimeout(resolve, 200));
    // queued, then gone from the shared folder before a worker reads it
    rmSync(path.join(one, 'gone.pdf'));
    // a heap too small to read a document in: out-of-memory or a worker that dies (internal)
    workers.push(new WorkerProcess(r.url, out, ['--max-memory', '20']));
    const done = await run;
    expect(done.code, done.stderr).toBe(3);
    const s = await status();
    expect(s.counts).toMatchObject({ failed: 2, completed: 0 });
    const failed = Object.fromEntries(s.failed.map((f: { document: string }) => [f.document, f]));
    expect(failed['doc.pdf']).toMatchObject({ attempts: 3 });
    expect(['out-of-memory', 'internal']).toContain(failed['doc.pdf'].code);
    expect(failed['gone.pdf']).toMatchObject({ attempts: 3, code: 'not-found' });
    // stored in the output folder all the same (a local re-run or retry-failed tries again)
    const docs = Object.fromEntries(readCsv(path.join(out, 'documents.csv')).map((d) => [d.document, d]));
    expect(docs['doc.pdf'].error).toMatch(/^(out-of-memory|internal): /);
    expect(docs['gone.pdf'].error).toMatch(/^not-found: .* is not reachable from /);
    const retried = await gongkai(['queue', 'retry-failed', '--queue', r.url, '--json']);
    expect(JSON.parse(retried.stdout)).toEqual({ retried: 2 });
    // in again with all their attempts
    const again = await status();
    expect(again.counts).toMatchObject({ failed: 0 });
    expect(again.counts.waiting + again.counts.active + again.counts.delayed).toBe(2);
  });

  it('a zip member travels inside its job: a worker without the submitter temp folder reads it', async () => {
    const r = await freshRedis();
    const out = path.join(work, 'zipped');
    const zipIn = path.join(work, 'zip-in');
    const submitterTmp = path.join(work, 'submitter-tmp');
    mkdirSync(zipIn);
    mkdirSync(submitterTmp);
    const pdf = readdirSync(corpus).find((f) => f.endsWith('.pdf'))!;
    writeFileSync(
      path.join(zipIn, 'county.zip'),
      zipOf([{ name: `2024/${pdf}`, data: readFileSync(path.join(corpus, pdf)) }]),
    );
    const run = gongkai(['extract', zipIn, '--out', out, '--queue', r.url, '--no-db'], { TMPDIR: submitterTmp });
    const status = async () => JSON.parse((await gongkai(['queue', 'status', '--queue', r.url, '--json'])).stdout);
    while ((await status()).counts.waiting < 1) await new Promise((resolve) => setTimeout(resolve, 200));
    // the member was unpacked into the submitter's temp folder: gone, as on another host
    for (const d of readdirSync(submitterTmp)) rmSync(path.join(submitterTmp, d), { recursive: true, force: true });
    startWorker(r.url, out);
    const done = await run;
    expect(done.code, done.stderr).toBe(0);
    const docs = readCsv(path.join(out, 'documents.csv'));
    expect(docs.map((d) => [d.document, d.status])).toEqual([[`county.zip/2024/${pdf}`, 'ok']]);
  });

  it('an unreachable queue is a coded error at once, not a wait', async () => {
    const port = await freePort();
    const t0 = performance.now();
    const run = await gongkai([
      'extract',
      inputs,
      '--out',
      path.join(work, 'nowhere'),
      '--queue',
      `redis://127.0.0.1:${port}`,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/queue-unreachable: cannot reach the queue/);
    const worker = await gongkai([
      'worker',
      '--queue',
      `redis://127.0.0.1:${port}`,
      '--out',
      path.join(work, 'nowhere'),
    ]);
    expect(worker.code).toBe(1);
    expect(worker.stderr).toMatch(/queue-unreachable/);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});

function pdfName(docs: Record<string, string>[], name: string): string {
  return docs.find((d) => d.document.endsWith(name))!.document;
}

async function parquetRows(out: string, table: string): Promise<unknown[]> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const file = path.join(out, 'parquet', `${table}.parquet`).replaceAll("'", "''");
  const exclude = table === 'documents' ? ' EXCLUDE (seconds)' : '';
  const rows = (await db.runAndReadAll(`SELECT *${exclude} FROM read_parquet('${file}') ORDER BY ALL`)).getRows();
  return JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
}
