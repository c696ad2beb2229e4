/**
 * A harvest: every input hashed, recorded in the output folder's registry of inputs, documents
 * already done (same bytes, same build, not an environment failure) taken from the output folder,
 * the rest extracted in the worker pool, then the dataset (CSV, DuckDB, Parquet) rebuilt from the
 * results of every input any run into this folder was given. Killed at any moment, the next run
 * redoes only the documents that were in flight.
 */
import { access, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import { blankResult } from '../model/blankResult.js';
import { buildFingerprint } from '../model/build.js';
import type { ErrorCode } from '../model/errors.js';
import { DocumentResult } from '../model/schema.js';
import { sweepStaleTempDirs } from '../util/tempDir.js';
import { resultPath, writeDatasetCsv, writeResult, type DatasetEntry } from '../write/dataset.js';
import { readRows, renderRows, writeRows, type RenderedRows } from '../write/rows.js';
import { sha256File } from './hash.js';
import { HashCache, stampOf } from './hashCache.js';
import type { InputDocument } from './inputs.js';
import { uniqueNames } from './names.js';
import { DocumentPool, type PoolOptions } from './pool.js';
import { InputRegistry, type RegisteredInput } from './registry.js';
import { HASHING_CONCURRENCY, RESULT_HEAD_BYTES } from './settings.js';
import type { DocumentSummary } from './summary.js';

export interface HarvestOptions extends PoolOptions {
  outDir: string;
  /** redo documents already in the output folder */
  force?: boolean;
  /** manifest metadata by input file (absolute path) */
  metadata?: Map<string, Record<string, string>>;
  /** paths given that do not exist: each gets a `not-found` row */
  missing?: string[];
  /** write gongkai.duckdb and parquet/ (default true) */
  database?: boolean;
  onEvent?: (e: HarvestEvent) => void;
  /** reads the documents elsewhere (a queue's workers) instead of in this process's pool */
  runner?: DocumentRunner;
}

/** A document to read: its content's sha256, the file it is read from and the names it goes by. */
export interface PlannedDocument {
  sha256: string;
  file: string;
  name: string;
  alsoNamed: string[];
  /** `file` is a temp path of this process (a zip's member, an alias of a name that is not UTF-8) */
  localOnly?: boolean;
}

/**
 * Reads the planned documents somewhere else than the local pool; each result is in the output
 * folder (documents/<sha256>.json and its rows) before `onDone` is called for it.
 */
export interface DocumentRunner {
  /** the workers that will read, for the plan line */
  workers(): Promise<number>;
  run(
    todo: PlannedDocument[],
    onDone: (doc: PlannedDocument, summary: DocumentSummary) => void,
  ): Promise<{ pagesProcessed: number; peakWorkerRssMb: number }>;
}

export type HarvestEvent =
  /** hashed: inputs read to hash them; unchanged: inputs whose hash was known (same stat stamp) */
  | {
      type: 'planned';
      inputs: number;
      hashed: number;
      unchanged: number;
      todo: number;
      resumed: number;
      duplicates: number;
      jobs: number;
    }
  | {
      type: 'document';
      name: string;
      file: string;
      sha256: string;
      alsoNamed: string[];
      result: DocumentSummary;
      done: number;
      todo: number;
    }
  | { type: 'writing' };

export interface HarvestSummary {
  inputs: number;
  documents: number;
  processed: number;
  resumed: number;
  duplicates: number;
  ok: number;
  warned: number;
  failed: number;
  cells: number;
  checks: number;
  checksFailed: number;
  checksRounding: number;
  pagesProcessed: number;
  seconds: number;
  /** the highest peak resident memory of a worker process, MB (0 when none ran) */
  peakWorkerRssMb: number;
  database?: string;
}

/**
 * Failures of the machine rather than of the document: not kept as done, so a re-run (after
 * LibreOffice or tesseract is installed, with more memory or time) tries again.
 */
export const RETRIED_CODES: ReadonlySet<ErrorCode> = new Set([
  'timeout',
  'out-of-memory',
  'converter-missing',
  'internal',
]);

/** One distinct content (or one path that was not found), with every name it goes by. */
interface Group {
  sha: string | null;
  inputs: RegisteredInput[];
  /** names, in the order of `inputs` */
  names: string[];
  /** given in this run */
  current: boolean;
}

/** The stored result's build and error code, read from the head of the file (they come first). */
async function storedHead(file: string): Promise<{ build: string | null; code: string | null } | null> {
  const fh = await open(file, 'r').catch(() => null);
  if (!fh) return null;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(RESULT_HEAD_BYTES), 0, RESULT_HEAD_BYTES, 0);
    const head = buffer.toString('utf8', 0, bytesRead);
    return {
      build: /"build":\s*"([^"]*)"/.exec(head)?.[1] ?? null,
      code: /"error":\s*\{\s*"code":\s*"([^"]*)"/.exec(head)?.[1] ?? null,
    };
  } finally {
    await fh.close();
  }
}

/** Whether the output folder holds this content's result, read by this build, not a failure of the machine. */
export async function isDone(outDir: string, sha256: string): Promise<boolean> {
  const head = await storedHead(resultPath(outDir, sha256));
  return Boolean(head && head.build === buildFingerprint() && !RETRIED_CODES.has(head.code as ErrorCode));
}

/** 1. sha256 of each input, hashing (I/O bound: a few at a time) only what changed since the last run. */
async function hashInputs(inputs: InputDocument[], outDir: string, force: boolean | undefined) {
  const queue = new PQueue({ concurrency: HASHING_CONCURRENCY });
  const known = await HashCache.load(outDir, force);
  const sizes = new Map<string, number>();
  let hashed = 0;
  let unchanged = 0;
  const shas = await Promise.all(
    inputs.map((d) =>
      queue.add(async () => {
        const st = await stat(d.file, { bigint: true }).catch(() => null);
        if (!st?.isFile()) return null;
        sizes.set(d.file, Number(st.size));
        const stamp = stampOf(st);
        const remembered = known.get(d.file, stamp);
        if (remembered) {
          unchanged++;
          return remembered;
        }
        hashed++;
        const sha = await sha256File(d.file);
        if (sha) known.set(d.file, stamp, sha);
        return sha;
      }),
    ),
  );
  await known.save();
  return { shas: shas.map((s) => s ?? null), sizes, hashed, unchanged };
}

/** 2. every input the folder knows, by content: this run's and the earlier runs'. */
function groupInputs(all: RegisteredInput[], currentFiles: Set<string>): Group[] {
  const names = uniqueNames(all.map((e) => ({ file: e.file, rel: e.rel })));
  const groups: Group[] = [];
  const bySha = new Map<string, Group>();
  all.forEach((e, i) => {
    const g = e.sha256 ? bySha.get(e.sha256) : undefined;
    if (g) {
      g.inputs.push(e);
      g.names.push(names[i]);
      g.current ||= currentFiles.has(e.file);
      return;
    }
    const ng: Group = { sha: e.sha256, inputs: [e], names: [names[i]], current: currentFiles.has(e.file) };
    groups.push(ng);
    if (e.sha256) bySha.set(e.sha256, ng);
  });
  // the first name in name order is the document's; the others are listed beside it
  for (const g of groups) {
    const order = g.names
      .map((_, i) => i)
      .sort((a, b) => (g.names[a] < g.names[b] ? -1 : g.names[a] > g.names[b] ? 1 : 0));
    g.inputs = order.map((i) => g.inputs[i]);
    g.names = order.map((i) => g.names[i]);
  }
  return groups;
}

/** 3. what must be read now: this run's inputs not done by this build, and lost results whose files are still there. */
async function toDo(
  groups: Group[],
  outDir: string,
  force: boolean | undefined,
): Promise<{ todo: Group[]; resumed: number }> {
  const build = buildFingerprint();
  const todo: Group[] = [];
  let resumed = 0;
  for (const g of groups) {
    if (!g.sha) continue;
    const head = await storedHead(resultPath(outDir, g.sha));
    const done = head && head.build === build && !RETRIED_CODES.has(head.code as ErrorCode);
    if (g.current ? !force && done : head) {
      if (g.current) resumed++;
      continue;
    }
    // an earlier run's input whose result is gone: read it again if the file is still there
    if (
      g.current ||
      (await access(g.inputs[0].file).then(
        () => true,
        () => false,
      ))
    )
      todo.push(g);
  }
  return { todo, resumed };
}

/** The rows of a group with no result to show: a path not found, or a result lost with its file. */
function lostRows(g: Group): RenderedRows {
  const doc = blankResult(g.inputs[0].file, g.names[0]);
  doc.sha256 = g.sha ?? '';
  doc.error = g.sha
    ? { code: 'not-found', message: `the result is gone and the file is no longer at ${g.inputs[0].file}` }
    : { code: 'not-found', message: `no such file or folder, or not readable: ${g.inputs[0].file}` };
  return renderRows(doc, g.names[0]);
}

/** Rows of a stored result: as rendered by the worker, else rendered again (another name or build). */
async function storedRows(outDir: string, g: Group): Promise<RenderedRows> {
  const name = g.names[0];
  const rows = await readRows(outDir, g.sha!, name);
  if (rows) return rows;
  const text = await readFile(resultPath(outDir, g.sha!), 'utf8').catch(() => null);
  const parsed = text ? DocumentResult.safeParse(JSON.parse(text)) : null;
  if (!parsed?.success) return lostRows(g);
  const rendered = renderRows(parsed.data, name);
  await writeRows(outDir, g.sha!, rendered);
  return rendered;
}

/** 2. this run's inputs as the registry keeps them (by their lasting path), missing paths included. */
function currentInputs(inputs: InputDocument[], shas: (string | null)[], opts: HarvestOptions): RegisteredInput[] {
  return [
    ...inputs.map((d, i) => ({
      file: path.resolve(d.identity ?? d.file),
      rel: d.name,
      sha256: shas[i],
      metadata: opts.metadata?.get(path.resolve(d.file)) ?? {},
    })),
    ...(opts.missing ?? []).map((m) => ({
      file: path.resolve(m),
      rel: m
        .split(/[\\/]+/)
        .filter(Boolean)
        .join('/'),
      sha256: null,
      metadata: {},
    })),
  ];
}

export async function harvest(inputs: InputDocument[], opts: HarvestOptions): Promise<HarvestSummary> {
  const started = performance.now();
  const emit = opts.onEvent ?? (() => undefined);
  // what workers stopped at a time limit left in the temp folder last time
  await sweepStaleTempDirs();
  const { shas, sizes, hashed, unchanged } = await hashInputs(inputs, opts.outDir, opts.force);
  const registry = await InputRegistry.load(opts.outDir);
  const current = currentInputs(inputs, shas, opts);
  registry.record(current);
  await registry.save();
  const currentFiles = new Set(current.map((c) => c.file));
  // an input kept under a lasting path other than the one it is read from this run
  const readable = new Map(inputs.map((d) => [path.resolve(d.identity ?? d.file), d.file]));
  const readPath = (g: Group) => readable.get(g.inputs[0].file) ?? g.inputs[0].file;
  const groups = groupInputs(registry.all(), currentFiles);
  const { todo, resumed } = await toDo(groups, opts.outDir, opts.force);
  // largest files first, so that no big document starts last and leaves the other workers idle
  const size = (g: Group) => sizes.get(readPath(g)) ?? 0;
  todo.sort((a, b) => size(b) - size(a));
  const currentGroups = groups.filter((g) => g.current);
  const duplicates = current.length - currentGroups.length;
  const pool = todo.length && !opts.runner ? new DocumentPool(opts) : null;
  const jobs = opts.runner && todo.length ? await opts.runner.workers() : (pool?.jobs ?? 0);
  emit({
    type: 'planned',
    inputs: current.length,
    hashed,
    unchanged,
    todo: todo.length,
    resumed,
    duplicates,
    jobs,
  });
  let pagesProcessed: number;
  let peakWorkerRssMb: number;
  if (opts.runner) ({ pagesProcessed, peakWorkerRssMb } = await runElsewhere(todo, opts.runner, emit, readPath));
  else {
    ({ pagesProcessed } = await extractAll(todo, pool, opts, emit, readPath));
    peakWorkerRssMb = pool?.peakWorkerRssMb ?? 0;
  }

  emit({ type: 'writing' });
  const summary: HarvestSummary = {
    inputs: current.length,
    documents: currentGroups.length,
    processed: todo.length,
    resumed,
    duplicates,
    ok: 0,
    warned: 0,
    failed: 0,
    cells: 0,
    checks: 0,
    checksFailed: 0,
    checksRounding: 0,
    pagesProcessed,
    seconds: 0,
    peakWorkerRssMb,
  };
  const entries: DatasetEntry[] = groups.map((g) => ({
    name: g.names[0],
    alsoNamed: g.names.slice(1),
    // the first name's manifest row wins where two names of the same file disagree
    metadata: Object.assign({}, ...g.inputs.map((e) => e.metadata).reverse()),
    rows: async () => {
      const rows = g.sha ? await storedRows(opts.outDir, g) : lostRows(g);
      if (g.current) countInto(summary, rows.counts);
      return rows;
    },
  }));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  await writeDatasetCsv(opts.outDir, entries);
  if (opts.database !== false) {
    // loaded here, not at start: the native module is not needed until the end
    const { writeDatabase } = await import('../write/database.js');
    summary.database = (await writeDatabase(opts.outDir)).database;
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

function countInto(summary: HarvestSummary, c: RenderedRows['counts']): void {
  summary[c.status === 'ok' ? 'ok' : c.status === 'warnings' ? 'warned' : 'failed']++;
  summary.cells += c.cells;
  summary.checks += c.checks;
  summary.checksFailed += c.checksFailed;
  summary.checksRounding += c.checksRounding;
}

/** 4. (a queue) the runner reads them; each is on disk before it is reported. */
async function runElsewhere(
  todo: Group[],
  runner: DocumentRunner,
  emit: (e: HarvestEvent) => void,
  readPath: (g: Group) => string,
) {
  let done = 0;
  const planned: PlannedDocument[] = todo.map((g) => ({
    sha256: g.sha!,
    file: readPath(g),
    name: g.names[0],
    alsoNamed: g.names.slice(1),
    localOnly: path.resolve(readPath(g)) !== g.inputs[0].file,
  }));
  return runner.run(planned, (doc, result) =>
    emit({ type: 'document', ...doc, result, done: ++done, todo: todo.length }),
  );
}

/** 4. extract in the pool; each result is on disk (a worker's failure too) before it counts as done. */
async function extractAll(
  todo: Group[],
  pool: DocumentPool | null,
  opts: HarvestOptions,
  emit: (e: HarvestEvent) => void,
  readPath: (g: Group) => string,
) {
  let done = 0;
  let pagesProcessed = 0;
  const queue = new PQueue({ concurrency: pool?.jobs ?? 1 });
  try {
    await Promise.all(
      todo.map((g) =>
        queue.add(async () => {
          const first = g.inputs[0];
          const fallback = { ...blankResult(first.file, g.names[0]), sha256: g.sha! };
          const out = await pool!.run(
            { file: readPath(g), name: g.names[0], sha256: g.sha!, outDir: opts.outDir },
            fallback,
          );
          // a stopped or crashed worker wrote nothing: its coded failure is kept (and retried next run)
          if (out.failed) {
            await writeResult(opts.outDir, out.failed);
            await writeRows(opts.outDir, g.sha!, renderRows(out.failed, g.names[0]));
          }
          pagesProcessed += out.summary.pages ?? 0;
          emit({
            type: 'document',
            name: g.names[0],
            file: first.file,
            sha256: g.sha!,
            alsoNamed: g.names.slice(1),
            result: out.summary,
            done: ++done,
            todo: todo.length,
          });
        }),
      ),
    );
  } finally {
    await pool?.close();
  }
  return { pagesProcessed };
}
