/** `gongkai queue status|retry-failed|drain`: what the queue holds, and the two repairs an operator needs. */
import { Queue } from 'bullmq';
import { openRedis } from './connection.js';
import { codeOfReason, type DocumentJob } from './jobs.js';
import { QUEUE_NAME, STATUS_FAILED_LISTED } from './settings.js';

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

/** Failed jobs back to waiting, with their attempts anew; how many there were. */
export function retryFailed(url: string): Promise<number> {
  return withQueue(url, async (queue) => {
    const n = await queue.getFailedCount();
    if (n) await queue.retryJobs({ state: 'failed', count: 1000 });
    return n;
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
