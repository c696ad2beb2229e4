/** `gongkai queue status|retry-failed|drain`: what the queue holds, and the two repairs an operator needs. */
import { Queue } from 'bullmq';
import { openRedis } from './connection.js';
import { codeOfReason, jobOptions, type DocumentJob } from './jobs.js';
import { QUEUE_NAME, RETRY_BATCH, STATUS_FAILED_LISTED } from './settings.js';

const STATES = ['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'paused'] as const;

export interface QueueStatus {
  counts: Record<(typeof STATES)[number], number>;
  workers: number;
  /** the first STATUS_FAILED_LISTED failed jobs: id (sha256), document name, code, reason */
  failed: { job: string; document: string; code: string | null; reason: string; attempts: number }[];
}

async function withQueue<T>(url: string, use: (queue: Queue<DocumentJob>) => Promise<T>): Promise<T> {
  const connection = openRedis(url);
  const queue = new Queue<DocumentJob>(QUEUE_NAME, { connection });
  try {
    return await use(queue);
  } finally {
    await queue.close().catch(() => undefined);
    connection.disconnect();
  }
}

export function queueStatus(url: string): Promise<QueueStatus> {
  return withQueue(url, async (queue) => {
    const counts = (await queue.getJobCounts(...STATES)) as QueueStatus['counts'];
    const failed = (await queue.getFailed(0, STATUS_FAILED_LISTED - 1)).map((j) => ({
      job: j.id ?? '',
      document: j.data?.name ?? '',
      code: codeOfReason(j.failedReason),
      reason: j.failedReason,
      attempts: j.attemptsMade,
    }));
    return { counts, workers: (await queue.getWorkers()).length, failed };
  });
}

/**
 * Failed jobs in again with all their attempts (BullMQ's own retry keeps the attempts made, so a
 * job would get one more try only); how many.
 */
export function retryFailed(url: string): Promise<number> {
  return withQueue(url, async (queue) => {
    let n = 0;
    for (;;) {
      const failed = await queue.getFailed(0, RETRY_BATCH - 1);
      if (!failed.length) return n;
      for (const job of failed) {
        if (!job.id) continue;
        await queue.remove(job.id);
        await queue.add('document', job.data, jobOptions(job.id));
        n++;
      }
    }
  });
}

/** Waiting and delayed jobs removed (those being read finish); how many were removed. */
export function drainQueue(url: string): Promise<number> {
  return withQueue(url, async (queue) => {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'paused');
    await queue.drain(true);
    return Object.values(counts).reduce((a, b) => a + b, 0);
  });
}
