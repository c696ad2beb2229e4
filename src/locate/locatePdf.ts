/**
 * Find the standard tables on PDF pages: a catalog title with a 单位 / 编制单位 / 公开0x表 mark
 * near it. Table-of-contents lists, narrative sentences and performance tables are not tables.
 * Each table's body is the page region below its marks, continued onto following pages while
 * those pages start with table rows.
 */
import type { PdfPage } from '../model/content.js';
import type { CatalogEntry, Region, TableCode } from '../model/draft.js';
import { looksLikeAmount } from '../normalize/amount.js';
import { squash } from '../normalize/text.js';
import { buildLines, segmentsOf, type Line } from './lines.js';
import {
  bareCode,
  findCode,
  findEntity,
  findUnit,
  findUnitOver,
  isMetaLine,
  isNoteLine,
  isPageNumber,
  matchTitle,
} from './markers.js';
import { headerLines, repeatsHeader, startsWithWrappedRow } from './repeatedHeader.js';

export interface LocatedTable {
  entry: CatalogEntry;
  title: string;
  code?: TableCode;
  unit?: '万元' | '元';
  entity?: string;
  regions: Region[];
  /** what the locator has to say about the table (a title the catalog lacks, pages merged) */
  notes: string[];
}

/** A table the locator saw and did not extract, and why (a 绩效目标表 holds targets, not amounts). */
export interface SkippedTable {
  title: string;
  page: number;
  reason: string;
}

interface PageLines {
  page: PdfPage;
  lines: Line[];
}

const HEADER_WORDS = /项目|科目|收入|支出|预算数|决算数|金额|合计/;

/** OCR words carry a confidence; their titles are matched allowing for misread characters. */
function readByOcr(line: Line): boolean {
  return line.items.some((it) => it.confidence !== undefined);
}

export function pageLines(page: PdfPage): Line[] {
  return buildLines(page.items).filter((l) => !isPageNumber(l.text));
}

/**
 * Running heads and feet: a line printed at the top or the bottom of many pages ("无锡市… 2025 年度
 * 部门预算公开"). They are no table content, and a continuation page starts below them.
 */
function runningLines(all: PageLines[]): Set<string> {
  const counts = new Map<string, number>();
  for (const { lines } of all) {
    // a note under a table (注：…) ends the table, however often it is printed
    const keys = new Set(
      [...lines.slice(0, 2), ...lines.slice(-2)]
        .filter((l) => !isNoteLine(l.text))
        .map((l) => squash(l.text))
        .filter((k) => k.length >= 4),
    );
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const min = Math.max(3, Math.ceil(all.length * 0.3));
  return new Set([...counts].filter(([k, n]) => n >= min && !matchTitle(k, { nonAmount: true })).map(([k]) => k));
}

type Anchor = { p: number; first: number; last: number; table: LocatedTable };

/**
 * The named steps: running heads dropped, titles with their marks found on each page (anchors),
 * each table's regions placed (its page, then the pages that continue it), and a title repeated
 * on every page of a long table merged into one table.
 */
export function locatePdfTables(pages: PdfPage[], skipped: SkippedTable[] = []): LocatedTable[] {
  const all = withoutRunningLines(pages.map((page) => ({ page, lines: pageLines(page) })));
  const anchors = all.flatMap(({ lines }, p) => anchorsOnPage(lines, p, all[p + 1]?.lines));
  anchors.forEach((a, idx) => placeRegions(a, anchors[idx + 1], all));
  return mergeRepeatedTitles(anchors, all, skipped);
}

/** Running heads stand outside the tables: drop them where they open or close a page. */
function withoutRunningLines(read: PageLines[]): PageLines[] {
  const running = runningLines(read);
  const isRunning = (l: Line) => running.has(squash(l.text));
  return read.map(({ page, lines }) => {
    let a = 0;
    let b = lines.length;
    while (a < b && a < 2 && isRunning(lines[a])) a++;
    while (b > a && lines.length - b < 2 && isRunning(lines[b - 1])) b--;
    return { page, lines: lines.slice(a, b) };
  });
}

type TitleMatch = ReturnType<typeof matchTitle>;

/**
 * A title wrapped onto a second short line ("…支出预算" / "表") or over two lines
 * ("…一般公共预算支出明细表" / "（按支出经济分类科目）", "…“三公”经费及" / "会议费、培训费支出预算表"):
 * the two lines become one, in `lines` and `cands` alike.
 */
function joinWrappedTitles(lines: Line[], cands: TitleMatch[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const tail = squash(lines[i + 1].text);
    const gap = lines[i + 1].y0 - lines[i].y1;
    const short = tail.length <= 4 && gap <= 12 && !cands[i] && !cands[i + 1];
    const wrapped =
      tail.length <= 24 &&
      gap <= Math.max(12, lines[i].y1 - lines[i].y0) &&
      !/\d[.,]\d/.test(tail) &&
      ((cands[i] && /^[(（]/.test(tail)) ||
        (!cands[i] && !/表$/.test(squash(lines[i].text)) && squash(lines[i].text).length >= 6));
    if (!short && !wrapped) continue;
    const joined = matchTitle(lines[i].text + tail, { fuzzy: readByOcr(lines[i]), nonAmount: true });
    if (joined && !cands[i] && cands[i + 1] && joined.title.length <= cands[i + 1]!.title.length) continue;
    if (joined) {
      cands[i] = joined;
      lines.splice(i + 1, 1);
      cands.splice(i + 1, 1);
    }
  }
}

/** The titles on page `p` that carry the marks of a table, each with the lines its marks span. */
function anchorsOnPage(lines: Line[], p: number, nextPage: Line[] | undefined): Anchor[] {
  const cands = lines.map((l) => matchTitle(l.text, { fuzzy: readByOcr(l), nonAmount: true }));
  joinWrappedTitles(lines, cands);
  const anchors: Anchor[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = cands[i];
    if (!m) continue;
    const marks = marksAround(lines, cands, i, m.code);
    const { first, last } = marks;
    let { unit, entity, code } = marks;
    const next = lines[last + 1];
    // a list of titles (目录, 报表名称 index) is not a table: titles within two lines of each other
    const near = [i - 2, i - 1, i + 1, i + 2].some((k) => k >= 0 && k < lines.length && cands[k]);
    let headerBelow = next && HEADER_WORDS.test(squash(next.text)) && next.y0 - lines[last].y1 < 60;
    if (!next && nextPage) {
      // the title is the last line of its page: its marks and header open the next page
      const top = marksAtTop(nextPage);
      unit ??= top.unit;
      entity ??= top.entity;
      code ??= top.code;
      headerBelow ||= top.headerBelow;
    }
    const tocLike = near && !unit;
    // the same table named again before any of its rows is its header read as a title (OCR's near
    // match of 项目 | 一般公共预算基本支出 | 部门预算经济分类科目)
    const prev = anchors[anchors.length - 1];
    const noRowsSince = (k: number) =>
      !lines.slice(k + 1, i).some((l) => segmentsOf(l).some((sg) => looksLikeAmount(sg.str)));
    if (prev && prev.table.entry.id === m.entry.id && noRowsSince(prev.last)) continue;
    const printedCode = Boolean(code);
    if (tocLike || (!unit && !entity && !printedCode && !headerBelow)) continue;
    // a title the catalog does not list is a table only with the marks of one: a 单位 line and a header
    if (m.entry.generic && !(unit && headerBelow)) continue;
    const notes = m.entry.generic
      ? [
          `title "${m.title}" is not in the catalog; ` +
            `extracted as a ${m.entry.kind} table by its shape (单位 line, header, amounts)`,
        ]
      : [];
    anchors.push({ p, first, last, table: { entry: m.entry, title: m.title, code, unit, entity, regions: [], notes } });
  }
  return anchors;
}

/** The 单位, 部门 and 公开表 lines that open a page, and whether a header follows them. */
function marksAtTop(lines: Line[]) {
  let unit: '万元' | '元' | undefined;
  let entity: string | undefined;
  let code: TableCode | undefined;
  let k = 0;
  for (; k < Math.min(lines.length, 5) && isMetaLine(lines[k].text) && !matchTitle(lines[k].text); k++) {
    unit ??= findUnit(lines[k].text);
    entity ??= findEntity(lines[k].text);
    code ??= findCode(lines[k].text) ?? bareCode(lines[k].text);
  }
  const headerBelow = k < lines.length && k > 0 && HEADER_WORDS.test(squash(lines[k].text));
  return { unit, entity, code, headerBelow };
}

/** The marks right below (up to 5 lines) and right above (up to 2 lines) the title on line `i`. */
function marksAround(lines: Line[], cands: TitleMatch[], i: number, titleCode: TableCode | undefined) {
  let last = i;
  let first = i;
  let unit: '万元' | '元' | undefined;
  let entity: string | undefined;
  let code = titleCode;
  for (let k = i + 1; k < Math.min(lines.length, i + 6); k++) {
    const t = lines[k].text;
    if (cands[k]) break;
    if (!isMetaLine(t)) break;
    unit ??= findUnit(t);
    entity ??= findEntity(t);
    code ??= findCode(t) ?? bareCode(t);
    last = k;
  }
  unit ??= findUnitOver(lines.slice(i + 1, last + 1).map((l) => l.text));
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const t = lines[k].text;
    if (cands[k] || !isMetaLine(t)) break;
    if (lines[i].y0 - lines[k].y1 > 60) break;
    const c = findCode(t) ?? bareCode(t);
    if (!c && !findUnit(t)) break;
    code ??= c;
    unit ??= findUnit(t);
    first = k;
  }
  return { first, last, unit, entity, code };
}

/** The table's regions: below its marks on its page (or the next page), then its continuation pages. */
function placeRegions(a: Anchor, nextA: Anchor | undefined, all: PageLines[]): void {
  const { page, lines } = all[a.p];
  const top = lines[a.last].y1 + 0.5;
  let stop = lines.length;
  if (nextA && nextA.p === a.p) stop = nextA.first;
  let ended = false;
  for (let k = a.last + 1; k < stop; k++) {
    if (isNoteLine(lines[k].text)) {
      stop = k;
      ended = true;
      break;
    }
  }
  const bottom = stop < lines.length ? lines[stop].y0 - 0.5 : page.height;
  let startPage = a.p;
  if (stop === a.last + 1 && stop === lines.length && a.p + 1 < all.length) {
    const start = regionOnNextPage(a, all[a.p + 1]);
    if (start === 'ended') return;
    if (start === 'started') startPage = a.p + 1;
  } else a.table.regions.push({ page, top, bottom });
  if (ended || (nextA && nextA.p === a.p)) return;
  continueOnPages(a, nextA, all, startPage);
}

/**
 * The title is the last thing on its page: the table starts on the next page, below its marks.
 * 'ended' when a note or a title ends it on that page.
 */
function regionOnNextPage(a: Anchor, next: PageLines): 'none' | 'started' | 'ended' {
  let k = 0;
  while (k < next.lines.length && isMetaLine(next.lines[k].text)) {
    a.table.unit ??= findUnit(next.lines[k].text);
    a.table.entity ??= findEntity(next.lines[k].text);
    k++;
  }
  if (k >= next.lines.length || matchTitle(next.lines[k].text)) return 'none';
  let end = next.lines.length;
  for (let q = k; q < next.lines.length; q++)
    if (isNoteLine(next.lines[q].text) || (q > k && matchTitle(next.lines[q].text))) {
      end = q;
      break;
    }
  a.table.regions.push({
    page: next.page,
    top: k > 0 ? next.lines[k - 1].y1 + 0.5 : 0,
    bottom: end < next.lines.length ? next.lines[end].y0 - 0.5 : next.page.height,
  });
  return end < next.lines.length ? 'ended' : 'started';
}

/**
 * Continuation pages: they start with table rows, repeat the first page's header, or open with
 * the upper part of a wrapped row name.
 */
function continueOnPages(a: Anchor, nextA: Anchor | undefined, all: PageLines[], startPage: number): void {
  const first = a.table.regions[0];
  const header = first ? headerLines(all.find((x) => x.page === first.page)?.lines ?? [], first.top, first.bottom) : [];
  for (let p = startPage + 1; p < all.length; p++) {
    const { page: pg, lines: pl } = all[p];
    if (!pl.length) break;
    const firstAnchor = nextA && nextA.p === p ? nextA.first : pl.length;
    if (firstAnchor === 0) break;
    if (
      !startsWithTableRows(pg, pl) &&
      !repeatsHeader(pl, header) &&
      !startsWithWrappedRow(pl, (rest) => startsWithTableRows(pg, rest))
    )
      break;
    let end = firstAnchor;
    let noted = false;
    for (let k = 0; k < firstAnchor; k++)
      if (isNoteLine(pl[k].text)) {
        end = k;
        noted = true;
        break;
      }
    const bottomC = end < pl.length ? pl[end].y0 - 0.5 : pg.height;
    a.table.regions.push({ page: pg, top: Math.max(0, pl[0].y0 - 1), bottom: bottomC });
    if (noted || firstAnchor < pl.length) break;
  }
}

/**
 * A title repeated on every page of a long table (label and title, or the title alone) continues
 * it; performance-target forms are set aside in `skipped`.
 */
function mergeRepeatedTitles(anchors: Anchor[], all: PageLines[], skipped: SkippedTable[]): LocatedTable[] {
  const out: LocatedTable[] = [];
  let prev: { a: Anchor; lastPage: number } | undefined;
  for (const a of anchors) {
    const t = a.table;
    const lastPage = Math.max(a.p, ...t.regions.map((r) => all.findIndex((x) => x.page === r.page)));
    const same =
      prev &&
      prev.a.table.entry.id === t.entry.id &&
      prev.a.table.title === t.title &&
      (!prev.a.table.code || !t.code || prev.a.table.code.number === t.code.number) &&
      a.p <= prev.lastPage + 1 &&
      a.p > prev.a.p &&
      // a title with no figures under it was a mention (a list, a cover), not the table's first page
      prev.a.table.regions.some(holdsAmounts);
    if (same && prev) {
      const pt = prev.a.table;
      pt.regions.push(...t.regions.filter((r) => !pt.regions.some((q) => q.page === r.page)));
      pt.unit ??= t.unit;
      pt.entity ??= t.entity;
      prev.lastPage = Math.max(prev.lastPage, lastPage);
      continue;
    }
    prev = { a, lastPage };
    if (t.entry.amounts === false) {
      skipped.push({
        title: t.title,
        page: all[a.p].page.number,
        reason: 'a performance-target form (绩效目标表): targets and indicators, not an amount table',
      });
      continue;
    }
    out.push(t);
  }
  return out;
}

function holdsAmounts(r: Region): boolean {
  return r.page.items.some((it) => it.y0 >= r.top && it.y1 <= r.bottom && looksLikeAmount(it.str));
}

/** A page continues a table when its first line sits inside ruled cells or reads as a table row. */
function startsWithTableRows(page: PdfPage, lines: Line[]): boolean {
  const first = lines[0];
  if (/续表/.test(first.text)) return true;
  if (matchTitle(first.text)) return false;
  const yc = (first.y0 + first.y1) / 2;
  const inRules =
    page.verticals.filter((v) => v.y0 - 1 <= yc && yc <= v.y1 + 1).length >= 2 &&
    page.horizontals.some((h) => h.y0 <= yc + 1 && yc - h.y0 < 60 && h.x1 > first.x0 && h.x0 < first.x1);
  if (inRules) return true;
  const segs = segmentsOf(first, 1.2);
  return segs.length >= 2 && segs.some((s) => looksLikeAmount(s.str) || /^\d{3,7}$/.test(squash(s.str)));
}
