/**
 * What a harvest tells the person or script watching it, on stderr:
 * - `bar`: a progress bar on a terminal; failure lines are printed above it through the bar's own
 *   log, so the bar's redraw never overwrites them, and the cursor and line wrap come back however
 *   the run ends (also on Ctrl-C);
 * - `text`: one line per document (failures only with --quiet);
 * - `json`: JSON lines and nothing else, snake_case keys, each event with its document's path and
 *   sha256.
 */
import { MultiBar, type SingleBar } from 'cli-progress';
import type { HarvestEvent, HarvestSummary } from '../harvest/harvest.js';

export type ReportMode = 'bar' | 'text' | 'json';

export interface Reporter {
  event(e: HarvestEvent): void;
  /** a line of ours that is not about one document (a missing input, an interruption) */
  notice(kind: string, text: string, fields?: Record<string, unknown>): void;
  summary(s: HarvestSummary, outDir: string): void;
  /** the bar gone, cursor and line wrap restored; safe to call more than once */
  stop(): void;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function snakeKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [snake(k), v]));
}

/** A one-line, printable form of any text (names and reasons may carry control characters). */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\t' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

export function reporter(
  mode: ReportMode,
  quiet: boolean,
  write: (s: string) => void = (s) => void process.stderr.write(s),
  /** where the bar is drawn (a terminal) */
  terminal: NodeJS.WriteStream = process.stderr,
): Reporter {
  const line = (s: string) => write(s + '\n');
  const json = (o: Record<string, unknown>) => line(JSON.stringify(snakeKeys(o)));
  let multi: MultiBar | undefined;
  let bar: SingleBar | undefined;
  let failures = 0;
  let pages = 0;
  const started = performance.now();
  const say = (s: string) => {
    // above the bar while it runs (its log redraws the bar below), plainly otherwise
    if (multi) multi.log(s + '\n');
    else line(s);
  };
  const stop = () => {
    // the bar's log is only written at its next redraw (a tenth of a second away); stopping
    // drops what is still waiting, so one last redraw first
    multi?.update();
    multi?.stop();
    multi = undefined;
    bar = undefined;
  };
  return {
    event(e) {
      if (e.type === 'planned') {
        if (mode === 'json') return json({ ...e });
        if (!quiet) line(plannedLine(e));
        if (mode === 'bar' && e.todo) {
          multi = progressBar(terminal);
          bar = multi.create(e.todo, 0, { pps: '0.0', failures: 0 });
        }
      } else if (e.type === 'document') {
        const r = e.result;
        pages += r.pages ?? 0;
        if (r.status === 'failed') failures++;
        if (mode === 'json') return json(documentEvent(e));
        if (r.status === 'failed' || (!quiet && !bar)) say(documentLine(e));
        bar?.update(e.done, { pps: (pages / ((performance.now() - started) / 1000)).toFixed(1), failures });
      } else if (e.type === 'writing') {
        stop();
        if (mode === 'json') json({ type: 'writing' });
      }
    },
    notice(kind, text, fields = {}) {
      if (mode === 'json') return json({ type: kind, message: text, ...fields });
      say(`gongkai: ${printable(text)}`);
    },
    summary(s, outDir) {
      stop();
      if (mode === 'json') return json({ type: 'summary', out: outDir, ...s });
      line(`gongkai: checks: ${s.checks} run, ${s.checksFailed} failed, ${s.checksRounding} within rounding`);
      line(summaryLine(s, outDir));
    },
    stop,
  };
}

type PlannedEvent = Extract<HarvestEvent, { type: 'planned' }>;
type DocumentEvent = Extract<HarvestEvent, { type: 'document' }>;

function plannedLine(e: PlannedEvent): string {
  return (
    `gongkai: ${e.inputs} files (${e.hashed} hashed, ${e.unchanged} unchanged since the last run): ` +
    `${e.todo} to read with ${e.jobs} workers, ${e.resumed} already done, ${e.duplicates} duplicates`
  );
}

function progressBar(terminal: NodeJS.WriteStream): MultiBar {
  return new MultiBar({
    format: 'gongkai {bar} {value}/{total} documents | {pps} pages/s | {failures} failed | ETA {eta_formatted}',
    stream: terminal,
    hideCursor: true,
    clearOnComplete: true,
  });
}

/** A document's JSON line: its path and sha256, what became of it, and the run's count. */
function documentEvent(e: DocumentEvent): Record<string, unknown> {
  const r = e.result;
  return {
    type: 'document',
    document: e.name,
    path: e.file,
    sha256: e.sha256,
    alsoNamed: e.alsoNamed,
    status: r.status,
    error: r.error,
    tables: r.tables,
    cells: r.cells,
    pages: r.pages,
    seconds: r.seconds,
    done: e.done,
    todo: e.todo,
  };
}

function documentLine(e: DocumentEvent): string {
  const r = e.result;
  return r.status === 'failed'
    ? `gongkai: ${printable(e.name)}: ${r.error?.code}: ${printable(r.error?.message ?? '')}`
    : `[${e.done}/${e.todo}] ${printable(e.name)}: ${r.status}, ${r.tables} tables, ${r.cells} cells`;
}

function summaryLine(s: HarvestSummary, outDir: string): string {
  const rate = s.processed && s.pagesProcessed ? `, ${(s.pagesProcessed / s.seconds).toFixed(1)} pages/s` : '';
  return (
    `gongkai: ${s.documents} documents (${s.ok} ok, ${s.warned} with warnings, ${s.failed} failed; ` +
    `${s.processed} read now, ${s.resumed} already done, ${s.duplicates} duplicate files), ` +
    `${s.cells} cells in ${s.seconds.toFixed(1)} s${rate} → ${outDir}`
  );
}
