/**
 * npm run bench [-- folders…]: pages per second and peak memory of
 *   - pdf.js alone: getTextContent on every page, nothing else (imported plainly, and as gongkai
 *     loads it: with its edits, and with the built-ins pdf.js's core-js replaces put back);
 *   - the whole pipeline (hash, extract, check, write JSON + CSV) with 1 worker and with every core.
 *   - with `--ocr FOLDER`: the pipeline on scanned PDFs (every page through OCR), 1 worker and
 *     every core, as OCR pages per second per core (`npm run bench:ocr` makes the scans first).
 *   - the pipeline with 1 worker confined to one core (`taskset`, where there is one): what each
 *     core gives, apart from the helper threads a lone worker borrows from the idle cores.
 *   - with `--copies N`: every file N times, each copy with a comment appended after %%EOF so that
 *     its sha256 differs (the harvest reads equal bytes once): a harvest long enough that each
 *     worker's start (its JIT warming up) no longer weighs.
 *   - where `redis-server` is installed: the pipeline through the queue (`extract --queue`), with 1
 *     and with every-core `gongkai worker` processes of one job each against a redis-server of its
 *     own, beside the local pool over the same files: the queue's cost per job.
 * Each configuration runs in a fresh child process so its peak RSS and its CPU time ("cores used":
 * CPU seconds, helper threads and worker processes included, per second) are its own; all are run
 * `--repeat N` times (default 2) in rounds, and the fastest of each kept.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { glob } from 'tinyglobby';
import { chooseOcrEngine } from '../src/ocr/ocrEngine.js';

interface Measure {
  pages: number;
  seconds: number;
  /** peak RSS of the measured process (for the pipeline: the harvest's main process) */
  rssMb: number;
  /** the pipeline's worker processes: the highest peak RSS of one of them */
  workerRssMb?: number;
  /** CPU time of the process, its threads and its ended child processes (user + system), s */
  cpuSeconds?: number;
  /** share of the machine's CPU time the hypervisor gave to others during the run (Linux steal) */
  stolen?: number;
}

/** The machine's stolen CPU time so far, all cores (Linux /proc/stat, in clock ticks of 1/100 s). */
function stealTicks(): number | undefined {
  try {
    // cpu  user nice system idle iowait irq softirq steal …
    const steal = Number(readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)[8]);
    return Number.isFinite(steal) ? steal : undefined;
  } catch {
    return undefined;
  }
}

/** A measure with the share of the machine's CPU time stolen while it ran. */
async function withSteal(measure: () => Promise<Measure>, cores: number): Promise<Measure> {
  const before = stealTicks();
  const t0 = performance.now();
  const m = await measure();
  const after = stealTicks();
  const seconds = (performance.now() - t0) / 1000;
  return before === undefined || after === undefined ? m : { ...m, stolen: (after - before) / 100 / (seconds * cores) };
}

/**
 * This process's CPU time with that of its children that have ended (the pool's workers, once it
 * is closed): Linux's /proc/self/stat, in clock ticks of 1/100 s; undefined elsewhere.
 */
function cpuWithChildren(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // after "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14
    const children = (Number(fields[13]) + Number(fields[14])) / 100;
    const own = process.cpuUsage();
    return (own.user + own.system) / 1e6 + children;
  } catch {
    return undefined;
  }
}

const self = fileURLToPath(import.meta.url);

async function child(mode: string, listFile: string, jobs: number): Promise<Measure> {
  const files = JSON.parse(readFileSync(listFile, 'utf8')) as string[];
  const started = performance.now();
  const cpuAtStart = cpuWithChildren();
  let pages = 0;
  let workerRssMb: number | undefined;
  if (mode === 'bare-plain' || mode === 'bare-loader') {
    const pdfjs =
      mode === 'bare-plain'
        ? await import('pdfjs-dist/legacy/build/pdf.mjs')
        : await import('../src/read/pdf/pdfjs.js');
    const { CMAP_DIR, STANDARD_FONT_DIR } = await import('../src/read/pdf/pdf.js');
    for (const f of files) {
      const task = pdfjs.getDocument({
        data: new Uint8Array(readFileSync(f)),
        cMapUrl: CMAP_DIR,
        cMapPacked: true,
        standardFontDataUrl: STANDARD_FONT_DIR,
        isEvalSupported: false,
        disableFontFace: true,
        verbosity: 0,
      });
      try {
        const doc = await task.promise;
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n);
          await page.getTextContent();
          page.cleanup();
          pages++;
        }
      } catch {
        // unreadable files count no pages, as in the pipeline
      } finally {
        await task.destroy();
      }
    }
  } else if (mode === 'queue') {
    const measured = await throughQueue(files, jobs);
    // timed from the moment the workers are up, as the local pool's time starts with its processes
    return { ...measured, rssMb: process.resourceUsage().maxRSS / 1024, cpuSeconds: undefined };
  } else {
    const { harvest } = await import('../src/harvest/harvest.js');
    const out = mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-'));
    try {
      const summary = await harvest(
        files.map((f) => ({ file: f, name: f })),
        { outDir: out, jobs, force: true, database: false },
      );
      pages = summary.pagesProcessed;
      workerRssMb = summary.peakWorkerRssMb;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  const cpu = cpuWithChildren();
  return {
    pages,
    seconds: (performance.now() - started) / 1000,
    rssMb: process.resourceUsage().maxRSS / 1024,
    workerRssMb,
    cpuSeconds: cpu === undefined || cpuAtStart === undefined ? undefined : cpu - cpuAtStart,
  };
}

/**
 * `jobs` `gongkai worker` processes (one job each) and an `extract --queue` over `files`, timed once
 * the workers are up.
 */
async function throughQueue(files: string[], jobs: number) {
  const url = process.env.GONGKAI_BENCH_REDIS!;
  const { harvest } = await import('../src/harvest/harvest.js');
  const { queueRunner } = await import('../src/queue/submit.js');
  const bin = path.join(path.dirname(self), '..', '..', 'bin', 'gongkai.js');
  const out = mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-'));
  const workers: ChildProcess[] = [];
  try {
    await Promise.all(
      Array.from({ length: jobs }, async () => {
        const w = spawn(
          process.execPath,
          [bin, 'worker', '--queue', url, '--out', out, '--jobs', '1', '--log', 'json'],
          {
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        workers.push(w);
        await new Promise<void>((resolve, reject) => {
          let said = '';
          w.stderr!.on('data', (b: Buffer) => {
            said += b.toString();
            if (said.includes('"worker-started"')) resolve();
          });
          w.on('exit', () => reject(new Error(`gongkai worker exited: ${said}`)));
        });
      }),
    );
    const runner = queueRunner({ url, outDir: out, force: true, notice: () => undefined });
    const started = performance.now();
    try {
      const summary = await harvest(
        files.map((f) => ({ file: f, name: f })),
        { outDir: out, force: true, database: false, runner },
      );
      return {
        pages: summary.pagesProcessed,
        seconds: (performance.now() - started) / 1000,
        workerRssMb: summary.peakWorkerRssMb,
      };
    } finally {
      await runner.close();
    }
  } finally {
    await Promise.all(
      workers.map((w) => {
        const exited = new Promise((r) => w.once('exit', r));
        w.kill('SIGTERM');
        return exited;
      }),
    );
    rmSync(out, { recursive: true, force: true });
  }
}

/** A redis-server of the bench's own on a free port, without persistence; undefined when none is installed. */
async function startRedis(): Promise<{ url: string; proc: ChildProcess } | undefined> {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const port = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  await new Promise<void>((resolve) => {
    let said = '';
    proc.stdout!.on('data', (b: Buffer) => {
      said += b.toString();
      if (said.includes('Ready to accept connections')) resolve();
    });
  });
  return { url: `redis://127.0.0.1:${port}`, proc };
}

let repeat = 2;

/** Keeps the faster of two runs of one configuration, and the higher of their peaks. */
function better(best: Measure | undefined, m: Measure): Measure {
  if (!best) return m;
  const peak = (a?: number, b?: number) => (a === undefined && b === undefined ? undefined : Math.max(a ?? 0, b ?? 0));
  const fastest = m.seconds < best.seconds ? m : best;
  return { ...fastest, rssMb: Math.max(m.rssMb, best.rssMb), workerRssMb: peak(m.workerRssMb, best.workerRssMb) };
}

/**
 * Every configuration `repeat` times, in rounds (each configuration once per round, in turn), the
 * fastest run of each kept. This kind of machine is noisy (±30% between identical runs) and its
 * slow spells last seconds to minutes: in rounds, a spell slows several configurations a little
 * rather than all the runs of one, so the ratios between them hold better.
 */
async function runRounds(configs: (() => Promise<Measure>)[]): Promise<Measure[]> {
  const best: (Measure | undefined)[] = configs.map(() => undefined);
  for (let round = 0; round < repeat; round++) {
    for (let i = 0; i < configs.length; i++) best[i] = better(best[i], await configs[i]());
  }
  return best as Measure[];
}

async function runOnce(mode: string, listFile: string, jobs: number, oneCore = false): Promise<Measure> {
  const argv = [process.execPath, self, '--child', mode, listFile, String(jobs)];
  if (oneCore) argv.unshift('taskset', '-c', '0');
  const { stdout } = await promisify(execFile)(argv[0], argv.slice(1), { maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Measure;
}

/** Whether `taskset` can pin a process here (asked by the parent only, not by each measured child). */
function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Options after the folders: `--ocr FOLDER`, `--repeat N`, `--copies N` (taken out of `args`). */
function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

/** The PDFs under the folders, each written `copies` times (distinct bytes) into `work`. */
async function benchFiles(folders: string[], copies: number, work: string): Promise<string[]> {
  const found = await Promise.all(
    folders.map((d) => glob('**/*.pdf', { cwd: d, absolute: true, caseSensitiveMatch: false })),
  );
  const files = found.flat().sort();
  if (!files.length) throw new Error(`no PDF files under ${folders.join(', ')}`);
  if (copies <= 1) return files;
  return files.flatMap((f, i) =>
    Array.from({ length: copies }, (_, k) => {
      const copy = path.join(work, `${i}-${k + 1}.pdf`);
      writeFileSync(copy, Buffer.concat([readFileSync(f), Buffer.from(`\n% copy ${k + 1}\n`)]));
      return copy;
    }),
  );
}

type Config = [string, () => Promise<Measure>];

/** What is measured, in order (the report reads the first five by position). */
function benchConfigs(list: string, cores: number, pinned: boolean, queue: boolean): Config[] {
  // what the machine itself gives: the same bare pdf.js run in `cores` processes at once
  const machine = async (): Promise<Measure> => {
    const t0 = performance.now();
    const par = await Promise.all(Array.from({ length: cores }, () => runOnce('bare-loader', list, 1)));
    const cpu = par.every((m) => m.cpuSeconds !== undefined) ? par.reduce((n, m) => n + m.cpuSeconds!, 0) : undefined;
    return {
      pages: par.reduce((n, m) => n + m.pages, 0),
      seconds: (performance.now() - t0) / 1000,
      rssMb: Math.max(...par.map((m) => m.rssMb)),
      cpuSeconds: cpu,
    };
  };
  return [
    ['pdf.js getTextContent, plain import', () => runOnce('bare-plain', list, 1)],
    ['pdf.js getTextContent, as gongkai loads it', () => runOnce('bare-loader', list, 1)],
    ['pipeline, 1 worker', () => runOnce('pipeline', list, 1)],
    [`pipeline, ${cores} workers`, () => runOnce('pipeline', list, cores)],
    [`pdf.js getTextContent, ${cores} processes`, machine],
    ...(pinned
      ? ([['pipeline, 1 worker on 1 core (taskset)', () => runOnce('pipeline', list, 1, true)]] as Config[])
      : []),
    ...(queue
      ? ([
          ['queue, 1 gongkai worker', () => runOnce('queue', list, 1)],
          [`queue, ${cores} gongkai workers`, () => runOnce('queue', list, cores)],
        ] as Config[])
      : []),
  ];
}

const pps = (m: Measure) => m.pages / m.seconds;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const ratio = (a: number, b: number) => (a / b).toFixed(2);
// bare pdf.js: one process; the pipeline: the harvest's process and, apart, each worker process.
// Cores used: CPU time (threads and worker processes included) over wall time
const coresUsed = (m: Measure) => (m.cpuSeconds === undefined ? '—' : (m.cpuSeconds / m.seconds).toFixed(2));
// stolen: CPU time the hypervisor gave to other guests, as a share of this machine's (steal)
const stolen = (m: Measure) => (m.stolen === undefined ? '—' : `${(m.stolen * 100).toFixed(1)} %`);

/** The table of every configuration, then the ratios the targets are stated in. */
function reportLines(rows: [string, Measure][], measures: Measure[], cores: number, oneCore?: Measure): string[] {
  const lines = [
    `${pad('configuration', 40)} ${pad('pages', 6)} ${pad('seconds', 8)} ${pad('pages/s', 8)} ` +
      `${pad('cores used', 11)} ${pad('stolen', 8)} ${pad('peak RSS MB', 12)} peak RSS MB of a worker`,
  ];
  for (const [label, m] of rows)
    lines.push(
      `${pad(label, 40)} ${pad(String(m.pages), 6)} ${pad(m.seconds.toFixed(2), 8)} ${pad(pps(m).toFixed(1), 8)} ` +
        `${pad(coresUsed(m), 11)} ${pad(stolen(m), 8)} ${pad(m.rssMb.toFixed(0), 12)} ` +
        `${m.workerRssMb === undefined ? '—' : m.workerRssMb.toFixed(0)}`,
    );
  const [plain, loader, one, all, bareAll] = measures;
  lines.push('');
  lines.push(`pipeline (1 worker) / pdf.js plain: ${ratio(pps(one), pps(plain))}   (target ≥ 0.80)`);
  lines.push(`pipeline (1 worker) / pdf.js as gongkai loads it: ${ratio(pps(one), pps(loader))}`);
  lines.push(`pipeline (${cores} workers) / pipeline (1 worker): ${ratio(pps(all), pps(one))}   (target ≥ 1.80)`);
  lines.push(`this machine's own scaling: pdf.js in ${cores} processes / in 1: ${ratio(pps(bareAll), pps(loader))}`);
  if (one.cpuSeconds && all.cpuSeconds)
    lines.push(
      `pages per CPU-second: pipeline, 1 worker ${(one.pages / one.cpuSeconds).toFixed(1)}; ` +
        `${cores} workers ${(all.pages / all.cpuSeconds).toFixed(1)}   ` +
        `(cores used: ${coresUsed(one)} and ${coresUsed(all)})`,
    );
  if (oneCore)
    lines.push(
      `pipeline (${cores} workers) / pipeline (1 worker on 1 core): ${ratio(pps(all), pps(oneCore))}   ` +
        "(what each core adds; a lone worker also borrows the idle cores for V8's compiler and GC)",
    );
  const workerPeak = Math.max(...[one, all, oneCore].map((m) => m?.workerRssMb ?? 0));
  lines.push(
    `peak RSS of a worker, any of the pipeline's runs: ${workerPeak.toFixed(0)} MB   ` +
      `(target ≤ 300; the harvest's own process: ${Math.max(one.rssMb, all.rssMb).toFixed(0)} MB)`,
  );
  return lines;
}

/** The queue against the local pool: pages/s ratios and the extra wall time per document. */
function queueLine(rows: [string, Measure][], cores: number, documents: number): string {
  const byLabel = (label: string) => rows.find(([l]) => l === label)![1];
  const [queueOne, queueAll] = [byLabel('queue, 1 gongkai worker'), byLabel(`queue, ${cores} gongkai workers`)];
  const [one, all] = [byLabel('pipeline, 1 worker'), byLabel(`pipeline, ${cores} workers`)];
  // the queue's cost per document: its extra wall time over the local pool's, per file
  const overheadMs = (q: Measure, local: Measure) => (((q.seconds - local.seconds) / documents) * 1000).toFixed(1);
  return (
    `queue / local pool: 1 worker ${ratio(pps(queueOne), pps(one))}, ${cores} workers ` +
    `${ratio(pps(queueAll), pps(all))}; per-job overhead ${overheadMs(queueOne, one)} ms (1 worker), ` +
    `${overheadMs(queueAll, all)} ms (${cores} workers) over ${documents} documents`
  );
}

const perCpu = (m: Measure) => (m.cpuSeconds ? (m.pages / m.cpuSeconds).toFixed(2) : '—');

/** Scanned PDFs: every page goes through OCR (render, deskew, the engine, figure re-reading). */
async function ocrLines(ocrFolder: string, work: string, cores: number): Promise<string[]> {
  const scans = (await glob('**/*.pdf', { cwd: ocrFolder, absolute: true, caseSensitiveMatch: false })).sort();
  const scanList = path.join(work, 'scans.json');
  writeFileSync(scanList, JSON.stringify(scans));
  // the workers inherit GONGKAI_OCR_ENGINE; unset, they read with the default engine
  const engine = chooseOcrEngine();
  process.stderr.write(`  OCR (${engine}): ${scans.length} scanned PDFs under ${ocrFolder} …\n`);
  const [one, every] = await runRounds([
    () => runOnce('pipeline', scanList, 1),
    () => runOnce('pipeline', scanList, cores),
  ]);
  const row = (label: string, m: Measure) =>
    `${pad(label, 40)} ${pad(String(m.pages), 6)} ${pad(m.seconds.toFixed(2), 8)} ${pad(pps(m).toFixed(2), 8)} ` +
    `${(m.workerRssMb ?? 0).toFixed(0)}`;
  return [
    '',
    `${pad('OCR configuration', 40)} ${pad('pages', 6)} ${pad('seconds', 8)} ${pad('pages/s', 8)} ` +
      'peak RSS MB of a worker',
    row(`pipeline on scans (${engine}), 1 worker`, one),
    row(`pipeline on scans (${engine}), ${cores} workers`, every),
    `OCR pages/s per core (${engine}): ${pps(one).toFixed(2)} (1 worker); ${(pps(every) / cores).toFixed(2)} ` +
      `per core with ${cores} workers`,
    // CPU time (user + sys, workers and renderers included) does not depend on what else runs on the machine
    `OCR pages per CPU-second (${engine}): ${perCpu(one)} (1 worker); ${perCpu(every)} (${cores} workers)`,
  ];
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    process.stdout.write(JSON.stringify(await child(args[1], args[2], Number(args[3]))) + '\n');
    return;
  }
  const ocrFolder = takeOption(args, '--ocr');
  const r = takeOption(args, '--repeat');
  if (r !== undefined) repeat = Math.max(1, Number(r) || 1);
  const copies = Math.max(1, Number(takeOption(args, '--copies')) || 1);
  const folders = args.length ? args : ['corpus'];
  const work = mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-list-'));
  const files = await benchFiles(folders, copies, work);
  const list = path.join(work, 'files.json');
  writeFileSync(list, JSON.stringify(files));
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  process.stderr.write(
    `gongkai bench: ${files.length} PDFs under ${folders.join(', ')}` +
      `${copies > 1 ? ` (each ${copies} times)` : ''}, ${cores} cores\n`,
  );
  const pinned = cores > 1 && hasTaskset();
  const redis = await startRedis();
  if (redis) process.env.GONGKAI_BENCH_REDIS = redis.url;
  const configs = benchConfigs(list, cores, pinned, Boolean(redis));
  process.stderr.write(
    `  ${repeat} round${repeat > 1 ? 's' : ''} of: ${configs.map(([label]) => label).join('; ')} …\n`,
  );
  const measures = await runRounds(
    configs.map(([label, measure]) => async () => {
      process.stderr.write(`  ${label} …\n`);
      return withSteal(measure, cores);
    }),
  );
  const rows: [string, Measure][] = configs.map(([label], i) => [label, measures[i]]);
  const lines = reportLines(rows, measures, cores, pinned ? measures[5] : undefined);
  if (redis) {
    redis.proc.kill('SIGKILL');
    lines.push(queueLine(rows, cores, files.length));
  }
  if (ocrFolder) lines.push(...(await ocrLines(ocrFolder, work, cores)));
  process.stdout.write(lines.join('\n') + '\n');
  rmSync(work, { recursive: true, force: true });
}

await main();
