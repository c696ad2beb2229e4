/** The gongkai command line. */
import { Command, Option } from 'commander';
import { extract } from './pipeline/extract.js';
import { expandInputs } from './inputs.js';
import { writeDatasetCsv, writeDocumentJson } from './write/dataset.js';
import type { DocumentResult } from './schema.js';
import { TOOL_VERSION } from './version.js';
import { RULES } from './check/rules.js';

export const EXIT_OK = 0;
export const EXIT_FATAL = 1;
export const EXIT_SOME_FAILED = 3;

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let code = EXIT_OK;
  program
    .name('gongkai')
    .description('Extract the standard tables (公开01表 …) of Chinese budget and final-account disclosures into verified datasets.')
    .version(TOOL_VERSION)
    .exitOverride();
  program
    .command('extract')
    .description('extract every standard table from PDF / DOCX files and folders (folders are searched recursively)')
    .argument('<inputs...>', 'files or folders')
    .requiredOption('-o, --out <dir>', 'output folder (documents/*.json, documents.csv, cells.csv, checks.csv)')
    .addOption(new Option('-q, --quiet', 'only errors on stderr'))
    .addHelpText(
      'after',
      `
Exit codes:
  0  every document was read (some may carry warnings: see documents.csv status)
  3  some documents failed (each has a coded one-line reason in documents.csv and on stderr)
  1  nothing could be done (bad arguments, no input found, output not writable)`,
    )
    .action(async (inputs: string[], opts: { out: string; quiet?: boolean }) => {
      code = await runExtract(inputs, opts.out, { quiet: Boolean(opts.quiet) });
    });
  program
    .command('rules')
    .description('list the checks run on every document (id, tables read, description)')
    .action(() => {
      for (const r of RULES) process.stdout.write(`${r.id}\t${r.reads.join(',')}\t${r.zh}\t${r.en}\n`);
      process.stdout.write('\ntolerance: 0.01 (or 1 for whole-yuan tables) × the number of rounded summands; narrative figures: half the text\'s and the table\'s last printed decimal\n');
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
    return EXIT_FATAL;
  }
  return code;
}

export async function runExtract(inputs: string[], outDir: string, opts: { quiet: boolean }): Promise<number> {
  const { docs, missing } = await expandInputs(inputs);
  for (const m of missing) process.stderr.write(`gongkai: ${m}: not-found: no such file or folder\n`);
  if (!docs.length) {
    process.stderr.write('gongkai: no documents to read\n');
    return EXIT_FATAL;
  }
  const results: DocumentResult[] = [];
  let n = 0;
  const started = performance.now();
  for (const d of docs) {
    const r = await extract(d.file, { documentName: d.name });
    results.push(r);
    await writeDocumentJson(outDir, r);
    n++;
    if (r.status === 'failed') process.stderr.write(`gongkai: ${d.name}: ${r.error?.code}: ${r.error?.message}\n`);
    else if (!opts.quiet) process.stderr.write(`[${n}/${docs.length}] ${d.name}: ${r.status}, ${r.tables.length} tables, ${r.tables.reduce((s, t) => s + t.cells.length, 0)} cells\n`);
  }
  await writeDatasetCsv(outDir, results);
  const failed = results.filter((r) => r.status === 'failed').length;
  const warned = results.filter((r) => r.status === 'warnings').length;
  const cells = results.reduce((s, r) => s + r.tables.reduce((t, x) => t + x.cells.length, 0), 0);
  const secs = (performance.now() - started) / 1000;
  const checks = results.flatMap((r) => r.checks);
  const failedChecks = checks.filter((c) => c.status === 'fail').length;
  const rounding = checks.filter((c) => c.status === 'rounding').length;
  process.stderr.write(`gongkai: checks: ${checks.length} run, ${failedChecks} failed, ${rounding} within rounding, in ${results.filter((r) => r.checks.some((c) => c.status === 'fail')).length} documents\n`);
  process.stderr.write(`gongkai: ${results.length} documents (${results.length - failed - warned} ok, ${warned} with warnings, ${failed} failed), ${cells} cells in ${secs.toFixed(1)} s → ${outDir}\n`);
  return failed || missing.length ? EXIT_SOME_FAILED : EXIT_OK;
}
