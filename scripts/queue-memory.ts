/**
 * Redis memory per job of the queue (docs/SCALE.md): a redis-server of its own, `used_memory`
 * (INFO memory) before and after enqueueing N jobs shaped like a harvest's (a path, a name, a
 * sha256 id, the harvest's job options), and again once a worker has completed them all with a
 * document summary as return value (finished jobs are kept KEEP_FINISHED_SECONDS).
 *
 *   node --import tsx scripts/queue-memory.ts [N]      (default 20000)
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { jobOptions, type DocumentJob, type JobOutcome } from '../src/queue/jobs.js';
import { QUEUE_NAME } from '../src/queue/settings.js';

const n = Number(process.argv[2]) || 20_000;
const port = 16379 + Math.floor(Math.random() * 1000);
const server = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  {
    stdio: ['ignore', 'pipe', 'ignore'],
  },
);
await new Promise<void>((resolve) => {
  let said = '';
  server.stdout.on('data', (b: Buffer) => {
    said += b.toString();
    if (said.includes('Ready to accept connections')) resolve();
  });
});
const connection = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: null });
const used = async () => Number(/used_memory:(\d+)/.exec(await connection.info('memory'))![1]);
const queue = new Queue<DocumentJob, JobOutcome>(QUEUE_NAME, { connection });
await queue.waitUntilReady();
const before = await used();
const t0 = performance.now();
for (let i = 0; i < n; i += 500) {
  await queue.addBulk(
    Array.from({ length: Math.min(500, n - i) }, (_, k) => {
      const sha256 = createHash('sha256')
        .update(String(i + k))
        .digest('hex');
      const name = `某省/某市/某县${i + k}/2025年部门决算/某县财政局2025年部门决算公开.pdf`;
      return { name: 'document', data: { file: `/mnt/share/archive/${name}`, name, sha256 }, opts: jobOptions(sha256) };
    }),
  );
}
const enqueueSeconds = (performance.now() - t0) / 1000;
const waiting = await used();
const outcome: JobOutcome = {
  document: '某省/某市/某县0/2025年部门决算/某县财政局2025年部门决算公开.pdf',
  status: 'ok',
  error: null,
  pages: 24,
  seconds: 0.912,
  tables: 9,
  cells: 412,
  workerRssMb: 231,
  build: '0123456789abcdef',
  host: 'reader-07',
};
const t1 = performance.now();
const worker = new Worker<DocumentJob, JobOutcome>(QUEUE_NAME, async () => outcome, {
  connection: new Redis(port, '127.0.0.1', { maxRetriesPerRequest: null }),
  concurrency: 50,
});
while ((await queue.getJobCounts('completed')).completed < n) await new Promise((r) => setTimeout(r, 200));
const completeSeconds = (performance.now() - t1) / 1000;
await worker.close();
const completed = await used();
const perJob = (bytes: number) => (bytes / n).toFixed(0);
process.stdout.write(
  `${n} jobs: used_memory ${before} B empty; +${waiting - before} B waiting (${perJob(waiting - before)} B per job); ` +
    `+${completed - before} B completed and kept (${perJob(completed - before)} B per job)\n` +
    `enqueue ${(n / enqueueSeconds).toFixed(0)} jobs/s (addBulk of 500); no-op worker, concurrency 50: ` +
    `${(n / completeSeconds).toFixed(0)} jobs/s\n`,
);
await queue.close();
connection.disconnect();
server.kill('SIGKILL');
process.exit(0);
