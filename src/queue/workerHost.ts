/**
 * `gongkai worker`: takes documents from the queue and reads them in this host's worker pool (the
 * local harvest's processes, time limit and heap ceiling), `jobs` at a time. Each result is written
 * to the output folder by the pool (atomically, named by sha256) before its job completes, so a
 * worker killed at any moment leaves either a whole result or none, and its job, no longer
 * renewed, is taken by another worker once its lock runs out.
 *
 * Failures of the machine (RETRIED_CODES) are stored, then thrown, so that BullMQ tries the job
 * again after a backoff, up to its attempts; failures of the document are stored once and the job
 * completes.
 */
import { constants } from 'node:fs';
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker, type Job } from 'bullmq';
import { RETRIED_CODES } from '../harvest/harvest.js';
import { DocumentPool, type PoolOptions } from '../harvest/pool.js';
import { blankResult } from '../model/blankResult.js';
import { buildFingerprint } from '../model/build.js';
import { GongkaiError } from '../model/errors.js';
import { makeTempDir } from '../util/tempDir.js';
import { writeResult } from '../write/dataset.js';
import { renderRows, writeRows } from '../write/rows.js';
import { openRedis } from './connection.js';
import type { DocumentJob, JobOutcome } from './jobs.js';
import { CLOSE_GRACE_SECONDS, LOCK_SECONDS, MAX_STALLED, QUEUE_NAME } from './settings.js';

export interface QueueWorkerOptions extends PoolOptions {
  url: string;
  outDir: string;
  /** seconds a job stays this worker's without a lock renewal (default LOCK_SECONDS) */
  lockSeconds?: number;
  /** one event: a JSON-able record with a `type` */
  log: (event: Record<string, unknown>) => void;
}

export interface QueueWorker {
  /** Stop taking jobs, finish the ones in hand, close. */
  close(): Promise<void>;
  readonly jobs: number;
  /** when the last document in hand reaches its time limit, OCR allowance included (ms since the epoch; 0: none) */
  latestDeadline(): number;
}

/** The output folder, made if needed; `output-unwritable` when this host cannot write in it. */
export async function checkWorkerOutput(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
    await access(outDir, constants.W_OK);
  } catch (e) {
    throw new GongkaiError('output-unwritable', `cannot write in ${outDir} from ${os.hostname()}`, { cause: e });
  }
}

/**
 * One job: the document read in the pool and its result stored; a failure of the machine (or a
 * file this host cannot reach) thrown, for BullMQ to try again; the document's own failure is its
 * outcome.
 */
async function readJob(
  job: Job<DocumentJob>,
  pool: DocumentPool,
  opts: QueueWorkerOptions,
  host: string,
  build: string,
): Promise<JobOutcome> {
  // a file that came inside its job is written to this host's temp folder, read, and removed
  const inline = job.data.content ? await writeInline(job.data) : undefined;
  try {
    return await readJobFile(job, inline?.file ?? job.data.file, pool, opts, host, build);
  } finally {
    if (inline) await rm(inline.dir, { recursive: true, force: true });
  }
}

async function writeInline(data: DocumentJob): Promise<{ dir: string; file: string }> {
  const dir = await makeTempDir('job');
  const file = path.join(dir, `document${path.extname(data.name).toLowerCase()}`);
  await writeFile(file, Buffer.from(data.content!, 'base64'));
  return { dir, file };
}

async function readJobFile(
  job: Job<DocumentJob>,
  file: string,
  pool: DocumentPool,
  opts: QueueWorkerOptions,
  host: string,
  build: string,
): Promise<JobOutcome> {
  const { name, sha256 } = job.data;
  const attempt = job.attemptsMade + 1;
  opts.log({ type: 'job-started', job: job.id, document: name, attempt });
  // a file this host cannot reach (another mount, a share gone) is not the document's failure:
  // the job goes back, for another host or a later try, and no result is stored
  if (
    !(await access(file).then(
      () => true,
      () => false,
    ))
  ) {
    const message = `${file} is not reachable from ${host}`;
    opts.log({ type: 'job-failed', job: job.id, document: name, attempt, code: 'not-found', message });
    throw new Error(`not-found: ${message}`);
  }
  const fallback = { ...blankResult(file, name), sha256 };
  const out = await pool.run({ file, name, sha256, outDir: opts.outDir }, fallback);
  // a stopped or crashed reader wrote nothing: its coded failure is kept, as in a local run
  if (out.failed) {
    await writeResult(opts.outDir, out.failed);
    await writeRows(opts.outDir, sha256, renderRows(out.failed, name));
  }
  const { error, status } = out.summary;
  if (status === 'failed' && error && RETRIED_CODES.has(error.code)) {
    opts.log({ type: 'job-failed', job: job.id, document: name, attempt, code: error.code, message: error.message });
    throw new Error(`${error.code}: ${error.message}`);
  }
  opts.log({
    type: 'job-done',
    job: job.id,
    document: name,
    attempt,
    status,
    code: error?.code,
    pages: out.summary.pages,
    seconds: out.summary.seconds,
  });
  return { ...out.summary, workerRssMb: pool.peakWorkerRssMb, host, build };
}

export function startQueueWorker(opts: QueueWorkerOptions): QueueWorker {
  const pool = new DocumentPool(opts);
  let lastError = '';
  const connection = openRedis(opts.url, (e) => {
    // one line per kind of error, not one per reconnection attempt
    if (e.message === lastError) return;
    lastError = e.message;
    opts.log({ type: 'queue-error', message: e.message });
  });
  connection.on('ready', () => {
    if (lastError) opts.log({ type: 'queue-reconnected' });
    lastError = '';
  });
  const lockDuration = (opts.lockSeconds ?? LOCK_SECONDS) * 1000;
  const host = os.hostname();
  const build = buildFingerprint();

  const readDocument = (job: Job<DocumentJob>) => readJob(job, pool, opts, host, build);

  const worker = new Worker<DocumentJob, JobOutcome>(QUEUE_NAME, readDocument, {
    connection,
    concurrency: pool.jobs,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: MAX_STALLED,
  });
  worker.on('stalled', (jobId) => opts.log({ type: 'job-stalled', job: jobId }));
  worker.on('error', (e) => {
    if (e.message !== lastError) opts.log({ type: 'queue-error', message: e.message });
  });
  const redisAway = () =>
    new Promise<void>((resolve) => {
      if (connection.status !== 'ready') return resolve();
      connection.once('close', () => resolve());
    });
  let closing: Promise<void> | undefined;
  return {
    jobs: pool.jobs,
    latestDeadline: () => pool.latestDeadline(),
    close() {
      closing ??= (async () => {
        // BullMQ's close waits for Redis; while it is away the jobs in hand cannot be completed
        // anyway (their locks run out, others take them), so its absence ends the wait
        await Promise.race([worker.close(), redisAway()]);
        // a pool whose processes cannot start may never settle; they end with this process anyway
        await Promise.race([pool.close(), new Promise((r) => setTimeout(r, CLOSE_GRACE_SECONDS * 1000).unref())]);
        // quit waits for Redis to answer; it may be away
        connection.disconnect();
      })();
      return closing;
    },
  };
}
