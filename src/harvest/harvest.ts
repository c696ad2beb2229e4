/**
 * A harvest: every input hashed, duplicates folded, documents already done (same bytes, same tool
 * version) taken from the output folder, the rest extracted in the worker pool, then the dataset
 * (CSV, DuckDB, Parquet) rebuilt from the per-document results. Killed at any moment, the next run
 * redoes only the documents that were in flight.
 */
import { open, readFile, stat } from 'node:fs/promises';
import PQueue from 'p-queue';
import { blankResult } from '../model/blankResult.js';
import type { DocumentResult } from '../model/schema.js';
import { TOOL_VERSION } from '../model/version.js';
import { resultPath, writeDatasetCsv, type DatasetEntry } from '../write/dataset.js';
import { readRows, renderRows, writeRows } from '../write/rows.js';
import { sha256File } from './hash.js';
import { HashCache, stampOf } from './hashCache.js';
import type { InputDocument } from './inputs.js';
import { DocumentPool, type PoolOptions } from './pool.js';
import { summarize, type DocumentSummary } from './summary.js';

export interface HarvestOptions extends PoolOptions {
  outDir: string;
  /** redo documents already in the output folder */
  force?: boolean;
  /** manifest metadata by document name */
  metadata?: Map<string, Record<string, string>>;
  /** write gongkai.duckdb and parquet/ (default true) */
  database?: boolean;
  onEvent?: (e: HarvestEvent) => void;
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
  | { type: 'document'; name: string; alsoNamed: string[]; result: DocumentSummary; done: number; todo: number }
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

interface Group {
  sha: string | null;
  docs: InputDocument[];
}

/** The stored result's tool version, read from the head of the file (it is the first key). */
async function storedVersion(file: string): Promise<string | null> {
  const fh = await open(file, 'r').catch(() => null);
  if (!fh) return null;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(256), 0, 256, 0);
    return /"tool_version":\s*"([^"]*)"/.exec(buffer.toString('utf8', 0, bytesRead))?.[1] ?? null;
  } finally {
    await fh.close();
  }
}

/** Read every input not yet read by this version (in worker processes), then rebuild the dataset. */
export async function harvest(inputs: InputDocument[], opts: HarvestOptions): Promise<HarvestSummary> {
  const started = performance.now();
  const emit = opts.onEvent ?? (() => undefined);
  // 1. hash (I/O bound: a few at a time) what changed since the last run, fold duplicates
  const { groups, sizes, hashed, unchanged } = await hashInputs(inputs, opts);
  // 2. what is already done
  const todo: Group[] = [];
  let resumed = 0;
  for (const g of groups) {
    if (g.sha && !opts.force && (await storedVersion(resultPath(opts.outDir, g.sha))) === TOOL_VERSION) resumed++;
    else todo.push(g);
  }
  // largest files first, so that no big document starts last and leaves the other workers idle
  const size = (g: Group) => sizes.get(g.docs[0].file) ?? 0;
  todo.sort((a, b) => size(b) - size(a));
  const duplicates = inputs.length - groups.length;
  const pool = todo.some((g) => g.sha) ? new DocumentPool(opts) : null;
  const jobs = pool?.jobs ?? 0;
  emit({ type: 'planned', inputs: inputs.length, hashed, unchanged, todo: todo.length, resumed, duplicates, jobs });
  // 3. extract the rest in the pool; each result is on disk before it counts as done
  const { inMemory, pagesProcessed } = await extractAll(todo, pool, opts.outDir, emit);
  const peakWorkerRssMb = pool?.peakWorkerRssMb ?? 0;

  // 4. the dataset, rebuilt from every result of this run's inputs
  emit({ type: 'writing' });
  const summary: HarvestSummary = {
    inputs: inputs.length,
    documents: groups.length,
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
  const entries = datasetEntries(groups, inMemory, summary, opts);
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

/** Hash the inputs (only those whose stat stamp moved since the last run) and group equal bytes. */
async function hashInputs(
  inputs: InputDocument[],
  opts: HarvestOptions,
): Promise<{ groups: Group[]; sizes: Map<string, number>; hashed: number; unchanged: number }> {
  const hashQueue = new PQueue({ concurrency: 8 });
  const known = await HashCache.load(opts.outDir, opts.force);
  const sizes = new Map<string, number>();
  let hashed = 0;
  let unchanged = 0;
  const shas = await Promise.all(
    inputs.map((d) =>
      hashQueue.add(async () => {
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
  const groups: Group[] = [];
  const bySha = new Map<string, Group>();
  inputs.forEach((d, i) => {
    const sha = shas[i] ?? null;
    const g = sha ? bySha.get(sha) : undefined;
    if (g) return void g.docs.push(d);
    const ng: Group = { sha, docs: [d] };
    groups.push(ng);
    if (sha) bySha.set(sha, ng);
  });
  return { groups, sizes, hashed, unchanged };
}

/** Extract the groups to do, in the pool (or in this process when a file cannot be read at all). */
async function extractAll(
  todo: Group[],
  pool: DocumentPool | null,
  outDir: string,
  emit: (e: HarvestEvent) => void,
): Promise<{ inMemory: Map<Group, DocumentResult>; pagesProcessed: number }> {
  const inMemory = new Map<Group, DocumentResult>();
  let done = 0;
  let pagesProcessed = 0;
  const queue = new PQueue({ concurrency: pool?.jobs ?? 1 });
  try {
    await Promise.all(
      todo.map((g) =>
        queue.add(async () => {
          const [first, ...rest] = g.docs;
          const fallback = blankResult(first.file, first.name);
          let summary: DocumentSummary;
          if (g.sha && pool) {
            const out = await pool.run(
              { file: first.file, name: first.name, sha256: g.sha, outDir },
              { ...fallback, sha256: g.sha },
            );
            summary = out.summary;
            // a timeout or a worker crash may not happen again: such results are not kept as done
            if (out.failed) inMemory.set(g, out.failed);
          } else {
            // unreadable: the pipeline's own checks give the coded reason (not-found, …)
            const { extract } = await import('../pipeline/extract.js');
            const result = await extract(first.file, { documentName: first.name });
            inMemory.set(g, result);
            summary = summarize(result);
          }
          pagesProcessed += summary.pages ?? 0;
          emit({
            type: 'document',
            name: first.name,
            alsoNamed: rest.map((d) => d.name),
            result: summary,
            done: ++done,
            todo: todo.length,
          });
        }),
      ),
    );
  } finally {
    await pool?.close();
  }
  return { inMemory, pagesProcessed };
}

/** The dataset's entries: each group's rows, rendered or read back, counted into `summary` as they are taken. */
function datasetEntries(
  groups: Group[],
  inMemory: Map<Group, DocumentResult>,
  summary: HarvestSummary,
  opts: HarvestOptions,
): DatasetEntry[] {
  return groups.map((g) => {
    const name = g.docs[0].name;
    return {
      name,
      alsoNamed: g.docs.slice(1).map((d) => d.name),
      // the first name's manifest row wins where two names of the same file disagree
      metadata: Object.assign({}, ...g.docs.map((d) => opts.metadata?.get(d.name) ?? {}).reverse()),
      rows: async () => {
        const kept = inMemory.get(g);
        let rows = kept ? renderRows(kept, name) : await readRows(opts.outDir, g.sha!, name);
        if (!rows) {
          // rendered for another name, or by other code, or never (killed in between): from the
          // result itself (our own file, validated by zod when it was made), and kept for next time
          rows = renderRows(
            JSON.parse(await readFile(resultPath(opts.outDir, g.sha!), 'utf8')) as DocumentResult,
            name,
          );
          await writeRows(opts.outDir, g.sha!, rows);
        }
        const c = rows.counts;
        summary[c.status === 'ok' ? 'ok' : c.status === 'warnings' ? 'warned' : 'failed']++;
        summary.cells += c.cells;
        summary.checks += c.checks;
        summary.checksFailed += c.checksFailed;
        summary.checksRounding += c.checksRounding;
        return rows;
      },
    };
  });
}
