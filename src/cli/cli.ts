/** The gongkai command line. */
import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { RULES } from '../check/rules.js';
import { harvest, type HarvestSummary } from '../harvest/harvest.js';
import { expandInputs, type InputDocument } from '../harvest/inputs.js';
import { readManifest } from '../harvest/manifest.js';
import { defaultJobs } from '../harvest/pool.js';
import { DEFAULT_TIMEOUT_SECONDS, DEFAULT_WORKER_MEMORY_MB, OCR_PAGE_SECONDS } from '../harvest/settings.js';
import { asGongkaiError, GongkaiError } from '../model/errors.js';
import { TOOL_VERSION } from '../model/version.js';
import { probeQueue } from '../queue/connection.js';
import { queueRunner } from '../queue/submit.js';
import { buildReviewSite } from '../review/build.js';
import { serveReviewSite } from '../review/serve.js';
import { removeTempFiles } from '../write/atomic.js';
import { ocrEngineOption } from './options.js';
import { addQueueCommands } from './queueCommands.js';
import { reporter, type Reporter, type ReportMode } from './report.js';

const EXIT_OK = 0;
const EXIT_FATAL = 1;
const EXIT_SOME_FAILED = 3;

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return n;
};

export interface ExtractCliOptions {
  out: string;
  quiet?: boolean;
  jobs?: number;
  timeout?: number;
  maxMemory?: number;
  force?: boolean;
  manifest?: string;
  log?: 'text' | 'json';
  progress?: boolean;
  db?: boolean;
  queue?: string;
  ocrEngine?: string;
}

/** The `gongkai` command: parses `argv` and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let code = EXIT_OK;
  program
    .name('gongkai')
    .description(
      'Extract the standard tables (公开01表 …) of Chinese budget and final-account disclosures into verified datasets.',
    )
    .version(TOOL_VERSION)
    .exitOverride();
  addExtractCommand(program, (c) => void (code = c));
  addQueueCommands(program, (c) => void (code = c));
  addRulesCommand(program);
  addReviewCommand(program, (c) => void (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
      return EXIT_OK;
    return EXIT_FATAL;
  }
  return code;
}

/** `gongkai extract`: its options, help and exit codes. */
function addExtractCommand(program: Command, setCode: (code: number) => void): void {
  program
    .command('extract')
    .description(
      'extract every standard table from PDF / DOCX / XLSX / DOC / WPS / XLS files and folders (folders are searched ' +
        'recursively)',
    )
    .argument('[inputs...]', 'files or folders')
    .requiredOption(
      '-o, --out <dir>',
      'output folder (documents/<sha256>.json, documents.csv, tables.csv, cells.csv, checks.csv, gongkai.duckdb, ' +
        'parquet/)',
    )
    .option(
      '-m, --manifest <csv>',
      'a CSV with a "path" column (relative to the CSV) and any metadata columns to carry into the dataset',
    )
    .addOption(
      new Option('-j, --jobs <n>', 'worker processes').argParser(positiveInt).default(defaultJobs(), 'every core'),
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
    .option('-f, --force', 'redo documents already in the output folder, and hash every input again')
    .addOption(
      new Option(
        '--log <format>',
        'one line per document on stderr: text or json (default: a progress bar on a terminal, text otherwise)',
      ).choices(['text', 'json']),
    )
    .option('--no-progress', 'no progress bar')
    .option('--no-db', 'skip the DuckDB database and Parquet files')
    .option('-q, --quiet', 'only errors and the summary on stderr')
    .addOption(ocrEngineOption())
    .option(
      '--queue <url>',
      'read through a BullMQ queue on Redis (redis://HOST:6379) by `gongkai worker` processes on any host; inputs ' +
        'and --out must be paths every host reaches',
    )
    .addHelpText(
      'after',
      `
A re-run skips documents whose bytes were already extracted by this version (--force redoes them),
and hashes only the files whose size or times changed since a run into the same folder;
files with the same bytes under two names are read once and listed with both names.

Exit codes:
  0  every document was read (some may carry warnings: see documents.csv status)
  3  some documents failed (each has a coded one-line reason in documents.csv and on stderr)
  1  nothing could be done (bad arguments, no input found, output not writable)`,
    )
    .action(async (inputs: string[], opts: ExtractCliOptions) => setCode(await runExtract(inputs, opts)));
}

/** `gongkai review OUT`: the review site, written (and served with --serve). */
function addReviewCommand(program: Command, setCode: (code: number) => void): void {
  program
    .command('review')
    .description('write a review site into OUT/review/: every table beside its page, failed checks on the cells')
    .argument('<out>', 'an output folder of `gongkai extract`')
    .option('--debug', "add the reader's view: ruling lines and text runs on each page")
    .option('--serve', 'then serve it on 127.0.0.1 and print its URL (until Ctrl-C)')
    .addOption(new Option('--port <n>', 'port for --serve (default: any free one)').argParser(positiveInt))
    .action(async (out: string, opts: { debug?: boolean; serve?: boolean; port?: number }) => {
      try {
        const site = await buildReviewSite(out, { debug: opts.debug });
        process.stderr.write(
          `gongkai: review site of ${site.documents} documents (${site.pages} page images) in ` +
            `${site.seconds.toFixed(1)} s → ${path.join(site.dir, 'index.html')}\n`,
        );
        if (opts.serve) {
          const { url } = await serveReviewSite(site.dir, opts.port);
          process.stdout.write(`${url}index.html\n`);
          await new Promise(() => undefined);
        }
        setCode(EXIT_OK);
      } catch (e) {
        process.stderr.write(`gongkai: ${asGongkaiError(e).toLine()}\n`);
        setCode(EXIT_FATAL);
      }
    });
}

/** `gongkai rules`: the checks' catalog. */
function addRulesCommand(program: Command): void {
  program
    .command('rules')
    .description('list the checks run on every document (id, tables read, description)')
    .action(() => {
      for (const r of RULES) process.stdout.write(`${r.id}\t${r.reads.join(',')}\t${r.zh}\t${r.en}\n`);
      process.stdout.write(
        '\ntolerance: 0.01 (or 1 for whole-yuan tables) × the number of rounded summands; ' +
          "narrative figures: half the text's and the table's last printed decimal\n",
      );
    });
}

async function runExtract(inputs: string[], opts: ExtractCliOptions): Promise<number> {
  if (opts.ocrEngine) process.env.GONGKAI_OCR_ENGINE = opts.ocrEngine;
  const mode: ReportMode =
    opts.log ?? (opts.progress !== false && process.stderr.isTTY && !opts.quiet ? 'bar' : 'text');
  const report = reporter(mode, Boolean(opts.quiet));
  const fatal = (e: unknown) => {
    report.stop();
    const g = asGongkaiError(e);
    report.notice('error', g.toLine(), { code: g.code });
    return EXIT_FATAL;
  };
  let docs: InputDocument[] = [];
  let missing: string[];
  const metadata = new Map<string, Record<string, string>>();
  try {
    await checkOutputFolder(opts.out);
    if (opts.manifest) {
      for (const row of await readManifest(opts.manifest)) {
        docs.push(row.doc);
        metadata.set(path.resolve(row.doc.file), row.metadata);
      }
    }
    const expanded = await expandInputs(inputs);
    docs.push(...expanded.docs);
    missing = expanded.missing;
  } catch (e) {
    return fatal(e);
  }
  for (const m of missing) report.notice('missing', `${m}: not-found: no such file or folder`, { path: m });
  if (!docs.length && !missing.length) return fatal(new GongkaiError('not-found', 'no documents to read'));
  let runner: ReturnType<typeof queueRunner> | undefined;
  if (opts.queue) {
    try {
      await probeQueue(opts.queue);
    } catch (e) {
      return fatal(e);
    }
    runner = queueRunner({ url: opts.queue, outDir: opts.out, force: opts.force, notice: report.notice });
  }
  const interrupt = onInterrupt(report);
  let summary: HarvestSummary;
  try {
    summary = await guardAgainstSilentExit(
      harvest(docs, {
        outDir: opts.out,
        jobs: opts.jobs,
        timeoutSeconds: opts.timeout,
        memoryMb: opts.maxMemory,
        force: opts.force,
        metadata,
        missing,
        database: opts.db !== false,
        runner,
        onEvent: (e) => {
          if (e.type === 'writing') interrupt.writing();
          report.event(e);
        },
      }),
    );
  } catch (e) {
    return fatal(e);
  } finally {
    interrupt.dispose();
    await runner?.close();
  }
  report.summary(summary, opts.out);
  return summary.failed ? EXIT_SOME_FAILED : EXIT_OK;
}

/** `--out` must be a folder we can write in: said as a coded error, not found out halfway. */
async function checkOutputFolder(out: string): Promise<void> {
  const st = await stat(out).catch(() => null);
  if (st && !st.isDirectory()) throw new GongkaiError('output-unwritable', `--out ${out} is a file, not a folder`);
  try {
    await mkdir(out, { recursive: true });
    await access(out, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : code;
    throw new GongkaiError('output-unwritable', `cannot write in ${out} (${why ?? 'unknown reason'})`);
  }
}

/**
 * A run whose workers cannot start leaves nothing for Node to wait on, and Node would exit 0
 * without a dataset: the run's promise would never settle. Say so and fail instead.
 */
function guardAgainstSilentExit<T>(p: Promise<T>): Promise<T> {
  const onExit = () => {
    process.stderr.write(
      'gongkai: internal: the run stopped before it finished (no worker could run a document; see the lines above)\n',
    );
    process.exit(EXIT_FATAL);
  };
  process.on('beforeExit', onExit);
  return p.finally(() => process.off('beforeExit', onExit));
}

/**
 * Ctrl-C: the bar goes (cursor and line wrap back), the workers are ended with the process, and
 * the previous dataset stays in place (documents already read are kept for the next run). While
 * the dataset is being written, the first Ctrl-C lets it finish; a second one stops at once.
 */
function onInterrupt(report: Reporter) {
  let writing = false;
  let asked = false;
  const handler = (signal: NodeJS.Signals) => {
    if (writing && !asked) {
      asked = true;
      report.notice('interrupted', 'finishing the dataset (a few seconds); Ctrl-C again to stop at once');
      return;
    }
    report.stop();
    report.notice(
      'interrupted',
      `interrupted (${signal}); the documents read so far are kept, the previous dataset is left in place; run again ` +
        `to resume`,
    );
    removeTempFiles();
    process.exit(130);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    writing: () => void (writing = true),
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
