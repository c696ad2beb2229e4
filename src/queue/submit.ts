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
import { readFile } from 'node:fs/promises';
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
import { ENQUEUE_BATCH, OUTAGE_LIMIT_SECONDS, QUEUE_NAME, RECONCILE_BATCH, RECONCILE_MS } from './settings.js';

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

/** `work`, or `queue-unreachable` when Redis has not answered within OUTAGE_LIMIT_SECONDS. */
async function answered<T>(work: Promise<T>, url: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new GongkaiError(
            'queue-unreachable',
            `the queue at ${shownUrl(url)} has not answered for ${OUTAGE_LIMIT_SECONDS} s; the documents read so far are kept, run again to resume`,
          ),
        ),
      OUTAGE_LIMIT_SECONDS * 1000,
    );
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
      const pending = new Map(todo.map((d) => [d.sha256, d]));
      let pagesProcessed = 0;
      let peakWorkerRssMb = 0;
      let wake: () => void = () => undefined;
      const otherBuilds = new Set<string>();
      const finish = (sha: string, summary: DocumentSummary, outcome?: JobOutcome) => {
        const doc = pending.get(sha);
        if (!doc) return;
        pending.delete(sha);
        pagesProcessed += summary.pages ?? 0;
        peakWorkerRssMb = Math.max(peakWorkerRssMb, outcome?.workerRssMb ?? 0);
        onDone(doc, summary);
        if (!pending.size) wake();
      };
      const finished = async (sha: string, outcome: JobOutcome | null, failedReason?: string) => {
        const doc = pending.get(sha);
        if (!doc) return;
        if (outcome && typeof outcome === 'object') {
          const { workerRssMb: _w, host, build, ...summary } = outcome;
          if (build && build !== buildFingerprint() && !otherBuilds.has(host)) {
            otherBuilds.add(host);
            opts.notice(
              'other-build',
              `the worker on ${host} runs another build of gongkai: its results will be read again by the next run (install the same build on every host)`,
              { host },
            );
          }
          return finish(sha, summary, outcome);
        }
        try {
          const reason = failedReason ?? 'internal: the job ended without a result';
          finish(sha, await storedSummary(opts.outDir, doc, reason));
        } catch (e) {
          // the output folder could not be read or written: said, and asked again at the next round
          opts.notice('queue-error', `${doc.name}: ${(e as Error).message}`);
        }
      };

      // listening before enqueueing: a job may finish as soon as it is added
      events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
      events.on('error', onError);
      events.on('completed', ({ jobId, returnvalue }) => {
        const value = typeof returnvalue === 'string' ? (JSON.parse(returnvalue) as JobOutcome) : returnvalue;
        void finished(jobId, value as JobOutcome | null);
      });
      events.on('failed', ({ jobId, failedReason }) => void finished(jobId, null, failedReason));
      await answered(events.waitUntilReady(), opts.url);

      const add = async (docs: PlannedDocument[]) => {
        await queue.addBulk(
          docs.map((d) => ({
            name: 'document',
            data: { file: d.file, name: d.name, sha256: d.sha256 },
            opts: jobOptions(d.sha256),
          })),
        );
      };
      const enqueue = async (batch: PlannedDocument[]) => {
        const states = await Promise.all(batch.map((d) => queue.getJobState(d.sha256)));
        // a finished job of the same bytes whose result is not done here (another build, a failure
        // of the machine, --force): removed, so that adding it again reads it again
        for (const [k, state] of states.entries()) {
          if (state !== 'completed' && state !== 'failed') continue;
          if (!opts.force && (await isDone(opts.outDir, batch[k].sha256))) continue;
          await queue.remove(batch[k].sha256);
        }
        await add(batch);
      };
      for (let i = 0; i < todo.length; i += ENQUEUE_BATCH)
        await answered(enqueue(todo.slice(i, i + ENQUEUE_BATCH)), opts.url);
      opts.notice('queued', `${todo.length} documents in the queue at ${shownUrl(opts.url)}`, { jobs: todo.length });
      if (!(await answered(queue.getWorkers(), opts.url)).length)
        opts.notice('no-worker', 'no `gongkai worker` is connected to the queue yet: the documents wait for one');

      // until every job is finished: events wake this loop, and every RECONCILE_MS it asks
      let rotation = 0;
      let lastAnswer = performance.now();
      while (pending.size) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, RECONCILE_MS).unref();
        });
        if (!pending.size) break;
        const ids = [...pending.keys()];
        rotation %= ids.length;
        const batch = ids.slice(rotation, rotation + RECONCILE_BATCH);
        rotation += RECONCILE_BATCH;
        const asked = Promise.all(batch.map(async (id) => [id, await queue.getJobState(id)] as const));
        const states = await Promise.race([
          asked,
          // unref: a timer left behind must not hold the process once the run is over
          new Promise<null>((resolve) => setTimeout(() => resolve(null), RECONCILE_MS * 5).unref()),
        ]);
        if (!states) {
          if (performance.now() - lastAnswer > OUTAGE_LIMIT_SECONDS * 1000)
            throw new GongkaiError(
              'queue-unreachable',
              `the queue at ${shownUrl(opts.url)} has not answered for ${OUTAGE_LIMIT_SECONDS} s; the documents read so far are kept, run again to resume`,
            );
          continue;
        }
        lastAnswer = performance.now();
        const lost: PlannedDocument[] = [];
        for (const [id, state] of states) {
          if (state === 'completed') {
            const job = await queue.getJob(id);
            await finished(id, job?.returnvalue ?? null);
          } else if (state === 'failed') {
            const job = await queue.getJob(id);
            await finished(id, null, job?.failedReason);
          } else if (state === 'unknown' && pending.has(id)) {
            // gone from Redis (restarted without its data, or removed): done if its result is here
            if (await isDone(opts.outDir, id))
              finish(id, await storedSummary(opts.outDir, pending.get(id)!, 'internal: lost'));
            else lost.push(pending.get(id)!);
          }
        }
        if (lost.length) {
          opts.notice('requeued', `${lost.length} jobs the queue no longer had were put in again`, {
            jobs: lost.length,
          });
          await answered(add(lost), opts.url);
        }
      }
      return { pagesProcessed, peakWorkerRssMb };
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
