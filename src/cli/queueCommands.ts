/** `gongkai worker` and `gongkai queue …`: the commands of queue mode (docs in README, "Several machines"). */
import { Command, InvalidArgumentError, Option } from 'commander';
import { defaultJobs } from '../harvest/pool.js';
import { DEFAULT_TIMEOUT_SECONDS, DEFAULT_WORKER_MEMORY_MB, OCR_PAGE_SECONDS } from '../harvest/settings.js';
import { asGongkaiError } from '../model/errors.js';
import { drainQueue, queueStatus, retryFailed } from '../queue/admin.js';
import { probeQueue, shownUrl } from '../queue/connection.js';
import { CLOSE_GRACE_SECONDS, LOCK_SECONDS, TRANSIENT_ATTEMPTS } from '../queue/settings.js';
import { checkWorkerOutput, startQueueWorker } from '../queue/workerHost.js';
import { removeTempFiles } from '../write/atomic.js';
import { ocrEngineOption } from './options.js';
import { printable } from './report.js';

const EXIT_OK = 0;
const EXIT_FATAL = 1;

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return n;
};

interface WorkerCliOptions {
  queue: string;
  out: string;
  jobs: number;
  timeout: number;
  maxMemory: number;
  lock: number;
  log?: 'text' | 'json';
  ocrEngine?: string;
}

/** One line on stderr per event: JSON (snake_case keys) or text. */
function eventLog(format: 'text' | 'json') {
  return (e: Record<string, unknown>) => {
    if (format === 'json') {
      const o = Object.fromEntries(
        Object.entries(e).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
      );
      process.stderr.write(JSON.stringify({ time: new Date().toISOString(), ...o }) + '\n');
      return;
    }
    const { type, ...rest } = e;
    const fields = Object.entries(rest)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k}=${printable(String(v))}`);
    process.stderr.write(`gongkai worker: ${String(type)} ${fields.join(' ')}\n`);
  };
}

/** Adds `worker` and `queue`; `setCode` receives the exit code of the command that ran. */
export function addQueueCommands(program: Command, setCode: (code: number) => void): void {
  program
    .command('worker')
    .description('read documents from a queue that `gongkai extract --queue` fills, on this host, until stopped')
    .requiredOption('--queue <url>', 'the Redis of the queue: redis://HOST:6379')
    .requiredOption(
      '-o, --out <dir>',
      'the output folder the submitter gave (the same folder, as this host reaches it)',
    )
    .addOption(
      new Option('-j, --jobs <n>', 'documents at a time (worker processes)')
        .argParser(positiveInt)
        .default(defaultJobs(), 'every core'),
    )
    .addOption(
      new Option('--timeout <seconds>', `per-document time limit; each page read by OCR adds ${OCR_PAGE_SECONDS} s`)
        .argParser(positiveInt)
        .default(DEFAULT_TIMEOUT_SECONDS),
    )
    .addOption(
      new Option('--max-memory <mb>', 'per-worker heap ceiling')
        .argParser(positiveInt)
        .default(DEFAULT_WORKER_MEMORY_MB),
    )
    .addOption(
      new Option('--lock <seconds>', 'how long a job stays this host’s once it stops answering (then another takes it)')
        .argParser(positiveInt)
        .default(LOCK_SECONDS),
    )
    .addOption(new Option('--log <format>', 'one line per event on stderr: text or json').choices(['text', 'json']))
    .addOption(ocrEngineOption())
    .addHelpText(
      'after',
      `
Inputs and the output folder are read and written by path: every host needs the same file system
(NFS, SMB, …) with the same paths. A job whose worker is killed goes to another one after --lock
seconds; failures of the machine (timeout, out-of-memory, converter-missing, internal) are tried
again up to ${TRANSIENT_ATTEMPTS} times in all, with a growing wait; failures of the document are recorded once.
SIGTERM or Ctrl-C: no new job is taken, the documents in hand are finished; a second one stops at once.`,
    )
    .action(async (opts: WorkerCliOptions) => setCode(await runWorker(opts)));
  addQueueAdmin(program, setCode);
}

/** `gongkai queue status|retry-failed|drain`. */
function addQueueAdmin(program: Command, setCode: (code: number) => void): void {
  const queue = program
    .command('queue')
    .description('look at or repair the queue of `gongkai extract --queue`: status, retry-failed, drain');
  const admin = (name: string, description: string, run: (url: string, json: boolean) => Promise<void>) =>
    queue
      .command(name)
      .description(description)
      .requiredOption('--queue <url>', 'the Redis of the queue: redis://HOST:6379')
      .option('--json', 'one JSON object on stdout')
      .action(async (opts: { queue: string; json?: boolean }) => {
        try {
          await probeQueue(opts.queue);
          await run(opts.queue, Boolean(opts.json));
          setCode(EXIT_OK);
        } catch (e) {
          process.stderr.write(`gongkai: ${asGongkaiError(e).toLine()}\n`);
          setCode(EXIT_FATAL);
        }
      });
  admin('status', 'jobs by state, workers connected, and the failed jobs with their codes', async (url, json) => {
    const s = await queueStatus(url);
    if (json) return void process.stdout.write(JSON.stringify(s) + '\n');
    const counts = Object.entries(s.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    process.stdout.write(`${shownUrl(url)}: ${counts}; ${s.workers} workers connected\n`);
    for (const f of s.failed)
      process.stdout.write(`failed\t${f.job}\t${f.code ?? '-'}\t${printable(f.document)}\t${printable(f.reason)}\n`);
  });
  admin('retry-failed', 'put the failed jobs back in the queue', async (url, json) => {
    const n = await retryFailed(url);
    process.stdout.write(json ? JSON.stringify({ retried: n }) + '\n' : `${n} failed jobs put back in the queue\n`);
  });
  admin(
    'drain',
    'remove the jobs not yet started (the ones being read finish; stop the waiting `extract --queue` first, ' +
      'or it puts them back)',
    async (url, json) => {
      const n = await drainQueue(url);
      process.stdout.write(json ? JSON.stringify({ removed: n }) + '\n' : `${n} waiting jobs removed\n`);
    },
  );
}

async function runWorker(opts: WorkerCliOptions): Promise<number> {
  if (opts.ocrEngine) process.env.GONGKAI_OCR_ENGINE = opts.ocrEngine;
  const log = eventLog(opts.log ?? 'text');
  try {
    await checkWorkerOutput(opts.out);
    await probeQueue(opts.queue);
  } catch (e) {
    const g = asGongkaiError(e);
    log({ type: 'error', code: g.code, message: g.message });
    return EXIT_FATAL;
  }
  const worker = startQueueWorker({
    url: opts.queue,
    outDir: opts.out,
    jobs: opts.jobs,
    timeoutSeconds: opts.timeout,
    memoryMb: opts.maxMemory,
    lockSeconds: opts.lock,
    log,
  });
  log({ type: 'worker-started', queue: shownUrl(opts.queue), out: opts.out, jobs: worker.jobs, pid: process.pid });
  await new Promise<void>((resolve) => {
    let asked = false;
    const stop = (signal: NodeJS.Signals) => {
      if (asked) {
        // nothing awaited: a close can hang on a Redis that is away or a pool that cannot start a
        // process; the pool's processes end with this one, the jobs' locks run out for other workers
        log({ type: 'worker-stopping-now', signal });
        removeTempFiles();
        process.exit(130);
      }
      asked = true;
      log({ type: 'worker-stopping', signal });
      // the documents in hand get their time limit (with the allowance of the pages they read by
      // OCR, which may be told after this), then the worker stops anyway
      const askedAt = Date.now();
      const waitForLimits = () => {
        const due = Math.max(askedAt + opts.timeout * 1000, worker.latestDeadline()) + CLOSE_GRACE_SECONDS * 1000;
        if (Date.now() >= due) stop(signal);
        else setTimeout(waitForLimits, due - Date.now()).unref();
      };
      waitForLimits();
      void worker.close().then(resolve, resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  log({ type: 'worker-stopped' });
  // what BullMQ may still hold open (a connection retrying a Redis that is away) must not keep it alive
  process.exit(EXIT_OK);
}
