/** The gongkai command line. */
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { RULES } from '../check/rules.js';
import { harvest, type HarvestEvent, type HarvestSummary } from '../harvest/harvest.js';
import { expandInputs, type InputDocument } from '../harvest/inputs.js';
import { readManifest } from '../harvest/manifest.js';
import { defaultJobs } from '../harvest/pool.js';
import { asGongkaiError } from '../model/errors.js';
import { TOOL_VERSION } from '../model/version.js';

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
  program
    .command('extract')
    .description(
      'extract every standard table from PDF / DOCX / XLSX / DOC / WPS / XLS files and folders (folders are searched recursively)',
    )
    .argument('[inputs...]', 'files or folders')
    .requiredOption(
      '-o, --out <dir>',
      'output folder (documents/<sha256>.json, documents.csv, tables.csv, cells.csv, checks.csv, gongkai.duckdb, parquet/)',
    )
    .option(
      '-m, --manifest <csv>',
      'a CSV with a "path" column (relative to the CSV) and any metadata columns to carry into the dataset',
    )
    .addOption(
      new Option('-j, --jobs <n>', 'worker processes').argParser(positiveInt).default(defaultJobs(), 'every core'),
    )
    .addOption(new Option('--timeout <seconds>', 'per-document time limit').argParser(positiveInt).default(120))
    .addOption(new Option('--max-memory <mb>', 'per-worker heap ceiling').argParser(positiveInt).default(1024))
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
    .action(async (inputs: string[], opts: ExtractCliOptions) => {
      code = await runExtract(inputs, opts);
    });
  program
    .command('rules')
    .description('list the checks run on every document (id, tables read, description)')
    .action(() => {
      for (const r of RULES) process.stdout.write(`${r.id}\t${r.reads.join(',')}\t${r.zh}\t${r.en}\n`);
      process.stdout.write(
        "\ntolerance: 0.01 (or 1 for whole-yuan tables) × the number of rounded summands; narrative figures: half the text's and the table's last printed decimal\n",
      );
    });
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

async function runExtract(inputs: string[], opts: ExtractCliOptions): Promise<number> {
  const err = (s: string) => process.stderr.write(s + '\n');
  let docs: InputDocument[] = [];
  let missing: string[];
  const metadata = new Map<string, Record<string, string>>();
  try {
    if (opts.manifest) {
      for (const row of await readManifest(opts.manifest)) {
        docs.push(row.doc);
        metadata.set(row.doc.name, row.metadata);
      }
    }
    const expanded = await expandInputs(inputs);
    docs.push(...expanded.docs);
    missing = expanded.missing;
  } catch (e) {
    err(`gongkai: ${asGongkaiError(e).toLine()}`);
    return EXIT_FATAL;
  }
  for (const m of missing) err(`gongkai: ${m}: not-found: no such file or folder`);
  if (!docs.length) {
    err('gongkai: no documents to read');
    return EXIT_FATAL;
  }
  const mode = opts.log ?? (opts.progress !== false && process.stderr.isTTY && !opts.quiet ? 'bar' : 'text');
  const report = reporter(mode, Boolean(opts.quiet));
  let summary: HarvestSummary;
  try {
    summary = await harvest(docs, {
      outDir: opts.out,
      jobs: opts.jobs,
      timeoutSeconds: opts.timeout,
      memoryMb: opts.maxMemory,
      force: opts.force,
      metadata,
      database: opts.db !== false,
      onEvent: report.event,
    });
  } catch (e) {
    report.stop();
    err(`gongkai: ${asGongkaiError(e).toLine()}`);
    return EXIT_FATAL;
  }
  report.stop();
  const s = summary;
  if (mode === 'json') err(JSON.stringify({ type: 'summary', ...s }));
  err(`gongkai: checks: ${s.checks} run, ${s.checksFailed} failed, ${s.checksRounding} within rounding`);
  err(
    `gongkai: ${s.documents} documents (${s.ok} ok, ${s.warned} with warnings, ${s.failed} failed; ${s.processed} read now, ${s.resumed} already done, ${s.duplicates} duplicate files), ` +
      `${s.cells} cells in ${s.seconds.toFixed(1)} s${s.processed && s.pagesProcessed ? `, ${(s.pagesProcessed / s.seconds).toFixed(1)} pages/s` : ''} → ${opts.out}`,
  );
  return s.failed || missing.length ? EXIT_SOME_FAILED : EXIT_OK;
}

/** Progress: a bar on a terminal, or one line (text or JSON) per document. Failures always print. */
function reporter(mode: 'bar' | 'text' | 'json', quiet: boolean) {
  const err = (s: string) => process.stderr.write(s + '\n');
  let bar: SingleBar | undefined;
  let failures = 0;
  let pages = 0;
  const started = performance.now();
  const event = (e: HarvestEvent) => {
    if (e.type === 'planned') {
      if (mode === 'json') err(JSON.stringify(e));
      else if (!quiet)
        err(
          `gongkai: ${e.inputs} files (${e.hashed} hashed, ${e.unchanged} unchanged since the last run): ${e.todo} to read with ${e.jobs} workers, ${e.resumed} already done, ${e.duplicates} duplicates`,
        );
      if (mode === 'bar' && e.todo) {
        bar = new SingleBar({
          format: 'gongkai {bar} {value}/{total} documents | {pps} pages/s | {failures} failed | ETA {eta_formatted}',
          stream: process.stderr,
          hideCursor: true,
        });
        bar.start(e.todo, 0, { pps: '0.0', failures: 0 });
      }
    } else if (e.type === 'document') {
      const r = e.result;
      pages += r.pages ?? 0;
      if (r.status === 'failed') failures++;
      const line =
        r.status === 'failed'
          ? `gongkai: ${e.name}: ${r.error?.code}: ${r.error?.message}`
          : `[${e.done}/${e.todo}] ${e.name}: ${r.status}, ${r.tables} tables, ${r.cells} cells`;
      if (mode === 'json')
        err(
          JSON.stringify({
            type: 'document',
            document: e.name,
            also_named: e.alsoNamed,
            status: r.status,
            error: r.error,
            tables: r.tables,
            cells: r.cells,
            pages: r.pages,
            seconds: r.seconds,
            done: e.done,
            todo: e.todo,
          }),
        );
      else if (bar) {
        // a failure is printed above the bar, which redraws below it
        if (r.status === 'failed') err(`\r\x1b[K${line}`);
        bar.update(e.done, { pps: (pages / ((performance.now() - started) / 1000)).toFixed(1), failures });
      } else if (r.status === 'failed' || !quiet) err(line);
    } else if (e.type === 'writing') {
      bar?.stop();
      bar = undefined;
    }
  };
  return { event, stop: () => bar?.stop() };
}
