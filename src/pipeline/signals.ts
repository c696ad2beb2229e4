/**
 * Signals, not silence: what a document says it holds against what was found. A 目录 (or an
 * index page, or a list of tables in the narrative) that names a table the locator did not find,
 * a table found without a single amount read from it, and the forms deliberately left out
 * (绩效目标表) are said in the document's warnings and notes.
 */
import type { Line } from '../locate/lines.js';
import type { SkippedTable } from '../locate/locatePdf.js';
import { matchTitle } from '../locate/markers.js';
import type { PdfPage } from '../model/content.js';
import type { CatalogEntry, TableCode } from '../model/draft.js';
import type { Grid } from '../model/grid.js';
import { info, warning, type Message } from '../model/message.js';
import { looksLikeMoney } from '../normalize/amount.js';
import { halfWidth, squash } from '../normalize/text.js';
import { interpretGrid, isNumberingRow } from '../reconstruct/interpretGrid.js';
import { SKIPPED_FORMS_LISTED, UNREAD_TABLE_MIN_FIGURES } from './settings.js';

interface DraftLike {
  entry: CatalogEntry;
  title: string;
  code?: TableCode;
  pages: number[];
  grid: Grid | null;
}

/** what a document prints for a table it has nothing to show in */
const EMPTY_TABLE_NOTE = /空表|本表无数据|无此项|不涉及|无[^，。]{0,24}(?:收支|收入|支出|经费|预算|决算)/;

export function documentSignals(
  perPage: { page: PdfPage; lines: Line[] }[],
  drafts: DraftLike[],
  skipped: SkippedTable[],
): Message[] {
  const notes: Message[] = [];
  const warnings: Message[] = [];
  if (skipped.length) {
    const shown = skipped.slice(0, SKIPPED_FORMS_LISTED).map((s) => `${s.title} (page ${s.page})`);
    notes.push(
      info(
        'performance-forms',
        `${skipped.length} performance-target form(s) not extracted, they hold targets and indicators, not amounts: ` +
          `${shown.join('; ')}${skipped.length > SKIPPED_FORMS_LISTED ? '; …' : ''}`,
      ),
    );
  }
  // titles listed together (two or more title lines within two lines of each other) name tables
  const found = new Set(drafts.map((d) => d.entry.id));
  const named = new Map<string, { title: string; page: number }>();
  for (const { page, lines } of perPage) {
    const cands = lines.map((l) => matchTitle(l.text));
    cands.forEach((m, i) => {
      if (!m || m.entry.generic || m.entry.amounts === false) return;
      const listed = [i - 2, i - 1, i + 1, i + 2].some((k) => k >= 0 && k < cands.length && cands[k]);
      if (listed && !named.has(m.entry.id)) named.set(m.entry.id, { title: m.title, page: page.number });
    });
  }
  for (const [id, n] of named)
    if (!found.has(id))
      warnings.push(
        warning(
          'table-missing',
          `the list of tables on page ${n.page} names "${n.title}" (${id}); no such table was found in the document`,
          { page: n.page },
        ),
      );
  warnings.push(...numberingGaps(drafts));
  // a table the document says is empty (本表为空表, 无…收支) is not a table that could not be read
  const saysEmpty = (d: DraftLike) =>
    perPage.some(
      ({ page, lines }) => d.pages.includes(page.number) && lines.some((l) => EMPTY_TABLE_NOTE.test(squash(l.text))),
    );
  for (const d of drafts) {
    if (saysEmpty(d)) continue;
    const rows = d.grid?.rows.length ?? 0;
    // figures printed under the title (not column numbers), and not one read: the header could not be resolved.
    // Whole numbers of three digits and more count too (元 tables print no decimals; a code means rows)
    const printed = d.grid
      ? d.grid.rows
          .filter((r) => !isNumberingRow(r))
          .flat()
          .filter((c) => c && (looksLikeMoney(c.text) || /^-?\d{3,}$/.test(squash(halfWidth(c.text))))).length
      : 0;
    if (rows && printed >= UNREAD_TABLE_MIN_FIGURES && interpretGrid(d.grid!).cells.length === 0)
      warnings.push(
        warning(
          'table-unread',
          `table "${d.title}" (${d.entry.id}, page ${d.pages.join(', ')}): ${printed} figures printed under the ` +
            `title, none read — its header (the columns) could not be resolved`,
          { page: d.pages[0] },
        ),
      );
    if (!rows)
      warnings.push(
        warning(
          'table-body-missing',
          `table "${d.title}" (${d.entry.id}, page ${d.pages.join(', ')}): title found but no table body could be ` +
            `read below it`,
          { page: d.pages[0] },
        ),
      );
  }
  return [...warnings, ...notes];
}

/**
 * Tables numbered in one scheme (公开01表 … 公开12表, 表一 … 表十) with a number between the first and
 * the last that no table found carries: a table was passed over (its title misread, its mark lost).
 */
function numberingGaps(drafts: DraftLike[]): Message[] {
  const schemes = new Map<string, DraftLike[]>();
  for (const d of drafts) {
    if (!d.code) continue;
    // 单位预算01表 and 单位预算表10 are one scheme, printed two ways
    const scheme = squash(halfWidth(d.code.printed)).replace(/\d+|[一二三四五六七八九十]+|表/g, '');
    schemes.set(scheme, [...(schemes.get(scheme) ?? []), d]);
  }
  const out: Message[] = [];
  for (const tables of schemes.values()) {
    const byNumber = new Map(tables.map((d) => [d.code!.number, d]));
    const numbers = [...byNumber.keys()].sort((a, b) => a - b);
    const [first, last] = [byNumber.get(numbers[0])!, byNumber.get(numbers[numbers.length - 1])!];
    // one message a scheme, each gap with the tables either side of it
    const gaps: string[] = [];
    for (let n = numbers[0] + 1; n < numbers[numbers.length - 1]; n++) {
      if (byNumber.has(n)) continue;
      const before = byNumber.get(Math.max(...numbers.filter((k) => k < n)))!;
      const after = byNumber.get(Math.min(...numbers.filter((k) => k > n)))!;
      gaps.push(
        `number ${n} between "${before.title}" (page ${before.pages[before.pages.length - 1]}) and ` +
          `"${after.title}" (page ${after.pages[0]})`,
      );
    }
    if (gaps.length)
      out.push(
        warning(
          'table-missing',
          `tables are numbered ${first.code!.printed} to ${last.code!.printed}; not found: ${gaps.join('; ')}`,
          { page: first.pages[0] },
        ),
      );
  }
  return out;
}
