/**
 * `gongkai extract --queue URL`: the harvest's plan (hashes, what is already done in the output
 * folder) is made here as in a local run; the documents still to read become one job each (id: the
 * content's sha256, so that overlapping submissions share jobs), and the run waits until each job
 * is finished, then writes the dataset from the output folder as a local run does.
 *
 * Completion is heard from the queue's events and also asked job by job at intervals: events sent
 * while Redis restarts are lost, and a job Redis lost with its data is put in again, unless its
 * result is already in the output folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { Queue, QueueEvents } from 'bullmq';
import { isDone, type DocumentRunner, type PlannedDocument } from '../harvest/harvest.js';
import { summarize, type DocumentSummary } from '../harvest/summary.js';
import { blankResult } from '../model/blankResult.js';
import { buildFingerprint } from '../model/build.js';
import { GongkaiError, oneLine } from '../model/errors.js';
import { DocumentResult } from '../model/schema.js';
import { resultPath, writeResult } from '../write/dataset.js';
import { renderRows, writeRows } from '../write/rows.js';
import { openRedis, shownUrl } from './connection.js';
import { codeOfReason, jobOptions, type DocumentJob, type JobOutcome } from './jobs.js';
import {
  ENQUEUE_BATCH,
  INLINE_CONTENT_MAX_BYTES,
  OUTAGE_LIMIT_SECONDS,
  QUEUE_NAME,
  RECONCILE_BATCH,
  RECONCILE_MS,
} from './settings.js';

export interface SubmitOptions {
  url: string;
  outDir: string;
  /** redo documents even when the output folder has them */
  force?: boolean;
  /** a line about the queue, not about one document */
  notice: (kind: string, text: string, fields?: Record<string, unknown>) => void;
}

/** The document's summary from its stored result; a coded failure when there is none. */
async function storedSummary(outDir: string, doc: PlannedDocument, reason: string): Promise<DocumentSummary> {
  const text = await readFile(resultPath(outDir, doc.sha256), 'utf8').catch(() => null);
  const parsed = text ? DocumentResult.safeParse(JSON.parse(text)) : null;
  if (parsed?.success) return summarize(parsed.data);
  // a job failed without a result (its workers kept dying): that failure is the result
  const failed = {
    ...blankResult(doc.file, doc.name),
    sha256: doc.sha256,
    error: { code: codeOfReason(reason) ?? ('internal' as const), message: oneLine(reason) },
  };
  await writeResult(outDir, failed);
  await writeRows(outDir, doc.sha256, renderRows(failed, doc.name));
  return summarize(failed);
}

function unreachable(url: string): GongkaiError {
  return new GongkaiError(
    'queue-unreachable',
    `the queue at ${shownUrl(url)} has not answered for ${OUTAGE_LIMIT_SECONDS} s; ` +
      'the documents read so far are kept, run again to resume',
  );
}

/** `work`, or `queue-unreachable` when Redis has not answered within OUTAGE_LIMIT_SECONDS. */
async function answered<T>(work: Promise<T>, url: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unreachable(url)), OUTAGE_LIMIT_SECONDS * 1000);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** A runner for the harvest that reads through the queue; `close` ends its connections. */
export function queueRunner(opts: SubmitOptions): DocumentRunner & { close(): Promise<void> } {
  let lastError = '';
  const onError = (e: Error) => {
    if (e.message === lastError) return;
    lastError = e.message;
    opts.notice('queue-error', `queue ${shownUrl(opts.url)}: ${e.message}`);
  };
  const connection = openRedis(opts.url, onError);
  const queue = new Queue<DocumentJob, JobOutcome>(QUEUE_NAME, { connection });
  queue.on('error', onError);
  let events: QueueEvents | undefined;
  const eventsConnection = openRedis(opts.url, onError);

  return {
    async workers() {
      return (await answered(queue.getWorkers(), opts.url)).length;
    },

    async run(todo, onDone) {
      if (!todo.length) return { pagesProcessed: 0, peakWorkerRssMb: 0 };
      const waiting = new Waiting(todo, onDone, opts);
      // listening before enqueueing: a job may finish as soon as it is added
      events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
      events.on('error', onError);
      events.on('completed', ({ jobId, returnvalue }) => {
        const value = typeof returnvalue === 'string' ? (JSON.parse(returnvalue) as JobOutcome) : returnvalue;
        void waiting.finished(jobId, value as JobOutcome | null);
      });
      events.on('failed', ({ jobId, failedReason }) => void waiting.finished(jobId, null, failedReason));
      await answered(events.waitUntilReady(), opts.url);
      for (let i = 0; i < todo.length; i += ENQUEUE_BATCH)
        await answered(enqueue(queue, todo.slice(i, i + ENQUEUE_BATCH), opts), opts.url);
      opts.notice('queued', `${todo.length} documents in the queue at ${shownUrl(opts.url)}`, { jobs: todo.length });
      if (!(await answered(queue.getWorkers(), opts.url)).length)
        opts.notice('no-worker', 'no `gongkai worker` is connected to the queue yet: the documents wait for one');
      // until every job is finished: events wake this loop, and every RECONCILE_MS it asks
      while (waiting.pending.size) {
        await waiting.sleep();
        if (waiting.pending.size) await waiting.reconcile(queue);
      }
      return { pagesProcessed: waiting.pagesProcessed, peakWorkerRssMb: waiting.peakWorkerRssMb };
    },

    async close() {
      // the events' connection is blocked in a read of up to seconds: cut, not waited for
      eventsConnection.disconnect();
      await events?.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      connection.disconnect();
    },
  };
}

async function addJobs(queue: Queue<DocumentJob, JobOutcome>, docs: PlannedDocument[]) {
  const jobs = await Promise.all(
    docs.map(async (d) => ({
      name: 'document',
      data: { file: d.file, name: d.name, sha256: d.sha256, ...(await inlineContent(d)) },
      opts: jobOptions(d.sha256),
    })),
  );
  return queue.addBulk(jobs);
}

/**
 * A file only this host can reach travels inside its job (up to INLINE_CONTENT_MAX_BYTES; a larger
 * one is left to the workers of this host, which can open the path).
 */
async function inlineContent(d: PlannedDocument): Promise<{ content?: string }> {
  if (!d.localOnly) return {};
  const { size } = await stat(d.file);
  return size <= INLINE_CONTENT_MAX_BYTES ? { content: (await readFile(d.file)).toString('base64') } : {};
}

/**
 * Adds a batch of documents. A finished job of the same bytes whose result is not done here
 * (another build, a failure of the machine, --force) is removed first, so that adding it again
 * reads it again.
 */
async function enqueue(queue: Queue<DocumentJob, JobOutcome>, batch: PlannedDocument[], opts: SubmitOptions) {
  const states = await Promise.all(batch.map((d) => queue.getJobState(d.sha256)));
  for (const [k, state] of states.entries()) {
    if (state !== 'completed' && state !== 'failed') continue;
    if (!opts.force && (await isDone(opts.outDir, batch[k].sha256))) continue;
    await queue.remove(batch[k].sha256);
  }
  await addJobs(queue, batch);
}

/** The documents a submission waits for, and what their finished jobs said. */
class Waiting {
  readonly pending: Map<string, PlannedDocument>;
  pagesProcessed = 0;
  peakWorkerRssMb = 0;
  private wake: () => void = () => undefined;
  private readonly otherBuilds = new Set<string>();
  private rotation = 0;
  private lastAnswer = performance.now();

  constructor(
    todo: PlannedDocument[],
    private readonly onDone: (doc: PlannedDocument, summary: DocumentSummary) => void,
    private readonly opts: SubmitOptions,
  ) {
    this.pending = new Map(todo.map((d) => [d.sha256, d]));
  }

  /** Until an event finishes the last job, or RECONCILE_MS passes. */
  sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      setTimeout(resolve, RECONCILE_MS).unref();
    });
  }

  finish(sha: string, summary: DocumentSummary, outcome?: JobOutcome): void {
    const doc = this.pending.get(sha);
    if (!doc) return;
    this.pending.delete(sha);
    this.pagesProcessed += summary.pages ?? 0;
    this.peakWorkerRssMb = Math.max(this.peakWorkerRssMb, outcome?.workerRssMb ?? 0);
    this.onDone(doc, summary);
    if (!this.pending.size) this.wake();
  }

  /** A job finished: its outcome, or the document's stored result (a coded failure without one). */
  async finished(sha: string, outcome: JobOutcome | null, failedReason?: string): Promise<void> {
    const doc = this.pending.get(sha);
    if (!doc) return;
    if (outcome && typeof outcome === 'object') {
      const { workerRssMb: _w, host, build, ...summary } = outcome;
      if (build && build !== buildFingerprint() && !this.otherBuilds.has(host)) {
        this.otherBuilds.add(host);
        this.opts.notice(
          'other-build',
          `the worker on ${host} runs another build of gongkai: its results will be read again by the next run ` +
            '(install the same build on every host)',
          { host },
        );
      }
      return this.finish(sha, summary, outcome);
    }
    try {
      const reason = failedReason ?? 'internal: the job ended without a result';
      this.finish(sha, await storedSummary(this.opts.outDir, doc, reason));
    } catch (e) {
      // the output folder could not be read or written: said, and asked again at the next round
      this.opts.notice('queue-error', `${doc.name}: ${(e as Error).message}`);
    }
  }

  /**
   * One round of asking: the state of the next RECONCILE_BATCH jobs waited for (events sent while
   * Redis restarts are lost); a job Redis no longer has is done if its result is here, else put in
   * again; no answer for OUTAGE_LIMIT_SECONDS is `queue-unreachable`.
   */
  async reconcile(queue: Queue<DocumentJob, JobOutcome>): Promise<void> {
    const ids = [...this.pending.keys()];
    this.rotation %= ids.length;
    const batch = ids.slice(this.rotation, this.rotation + RECONCILE_BATCH);
    this.rotation += RECONCILE_BATCH;
    const asked = Promise.all(batch.map(async (id) => [id, await queue.getJobState(id)] as const));
    const states = await Promise.race([
      asked,
      // unref: a timer left behind must not hold the process once the run is over
      new Promise<null>((resolve) => setTimeout(() => resolve(null), RECONCILE_MS * 5).unref()),
    ]);
    if (!states) {
      if (performance.now() - this.lastAnswer > OUTAGE_LIMIT_SECONDS * 1000) throw unreachable(this.opts.url);
      return;
    }
    this.lastAnswer = performance.now();
    const lost: PlannedDocument[] = [];
    for (const [id, state] of states) {
      if (state === 'completed') await this.finished(id, (await queue.getJob(id))?.returnvalue ?? null);
      else if (state === 'failed') await this.finished(id, null, (await queue.getJob(id))?.failedReason);
      else if (state === 'unknown' && this.pending.has(id)) {
        // gone from Redis (restarted without its data, or removed): done if its result is here
        if (await isDone(this.opts.outDir, id))
          this.finish(id, await storedSummary(this.opts.outDir, this.pending.get(id)!, 'internal: lost'));
        else lost.push(this.pending.get(id)!);
      }
    }
    if (lost.length) {
      this.opts.notice('requeued', `${lost.length} jobs the queue no longer had were put in again`, {
        jobs: lost.length,
      });
      await answered(addJobs(queue, lost), this.opts.url);
    }
  }
}
