/**
 * Find the standard tables on PDF pages: a catalog title with a 单位 / 编制单位 / 公开0x表 mark
 * near it. Table-of-contents lists, narrative sentences and performance tables are not tables.
 * Each table's body is the page region below its marks, continued onto following pages while
 * those pages start with table rows.
 */
import type { PdfPage } from '../model/content.js';
import type { CatalogEntry, Region, TableCode } from '../model/draft.js';
import type { Unit } from '../model/unit.js';
import { looksLikeAmount } from '../normalize/amount.js';
import { squash } from '../normalize/text.js';
import { buildLines, segmentsOf, type Line } from './lines.js';
import {
  bareCode,
  findCode,
  findEntity,
  findUnit,
  isMetaLine,
  isNoteLine,
  isPageNumber,
  matchTitle,
} from './markers.js';
import { headerLines, repeatsHeader, startsWithWrappedRow } from './repeatedHeader.js';
import { MARK_GAP, SEGMENT_GAP, TITLE_TO_TABLE } from './settings.js';

export interface LocatedTable {
  entry: CatalogEntry;
  title: string;
  code?: TableCode;
  unit?: Unit;
  entity?: string;
  regions: Region[];
}

interface PageLines {
  page: PdfPage;
  lines: Line[];
}

const HEADER_WORDS = /项目|科目|收入|支出|预算数|决算数|金额|合计/;

/** OCR words carry a confidence; their titles are matched allowing for misread characters. */
function readByOcr(line: Line): boolean {
  return line.items.some((it) => it.conf !== undefined);
}

/** A page's text lines, page numbers left out. */
export function pageLines(page: PdfPage): Line[] {
  return buildLines(page.items).filter((l) => !isPageNumber(l.text));
}

/** A title found on a page, the lines its marks take (first..last), and the table it starts. */
interface Anchor {
  p: number;
  first: number;
  last: number;
  table: LocatedTable;
}

/** The standard tables on a PDF's pages: each title with its marks, and the page regions its body takes. */
export function locatePdfTables(pages: PdfPage[]): LocatedTable[] {
  const all: PageLines[] = pages.map((page) => ({ page, lines: pageLines(page) }));
  const anchors: Anchor[] = [];
  all.forEach(({ lines }, p) => pageAnchors(lines, p, anchors));
  anchors.forEach((a, idx) => addRegions(a, anchors[idx + 1], all));
  return anchors.map((a) => a.table);
}

/** The titles on one page's lines (a title wrapped onto a short second line joined), with their marks. */
function pageAnchors(lines: Line[], p: number, anchors: Anchor[]): void {
  const cands = lines.map((l) => matchTitle(l.text, { fuzzy: readByOcr(l) }));
  // a title wrapped onto a second short line: "…支出预算" / "表"
  for (let i = 0; i + 1 < lines.length; i++) {
    if (cands[i] || cands[i + 1]) continue;
    const tail = squash(lines[i + 1].text);
    if (tail.length > 4 || lines[i + 1].y0 - lines[i].y1 > MARK_GAP) continue;
    const joined = matchTitle(lines[i].text + tail, { fuzzy: readByOcr(lines[i]) });
    if (joined) {
      cands[i] = joined;
      lines.splice(i + 1, 1);
      cands.splice(i + 1, 1);
    }
  }
  for (let i = 0; i < lines.length; i++) {
    const m = cands[i];
    if (!m) continue;
    // marks right below (up to 5 lines) and right above (up to 2 lines) the title
    let last = i;
    let first = i;
    let unit: Unit | undefined;
    let entity: string | undefined;
    let code = m.code;
    for (let k = i + 1; k < Math.min(lines.length, i + 6); k++) {
      const t = lines[k].text;
      if (cands[k]) break;
      if (!isMetaLine(t)) break;
      unit ??= findUnit(t);
      entity ??= findEntity(t);
      code ??= findCode(t) ?? bareCode(t);
      last = k;
    }
    for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
      const t = lines[k].text;
      if (cands[k] || !isMetaLine(t)) break;
      if (lines[i].y0 - lines[k].y1 > TITLE_TO_TABLE) break;
      const c = findCode(t) ?? bareCode(t);
      if (!c && !findUnit(t)) break;
      code ??= c;
      unit ??= findUnit(t);
      first = k;
    }
    const next = lines[last + 1];
    // a list of titles (目录, 报表名称 index) is not a table: titles within two lines of each other
    const near = [i - 2, i - 1, i + 1, i + 2].some((k) => k >= 0 && k < lines.length && cands[k]);
    const tocLike = near && !unit;
    const headerBelow = next && HEADER_WORDS.test(squash(next.text)) && next.y0 - lines[last].y1 < TITLE_TO_TABLE;
    const printedCode = code && code.printed.startsWith('公开');
    if (tocLike || (!unit && !entity && !printedCode && !headerBelow)) continue;
    anchors.push({ p, first, last, table: { entry: m.entry, title: m.title, code, unit, entity, regions: [] } });
  }
}

/** The region below a title down to the next title or a note, and the pages the table continues on. */
function addRegions(a: Anchor, nextA: Anchor | undefined, all: PageLines[]): void {
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
    // the title is the last thing on its page: the table starts on the next page, below its marks
    const next = all[a.p + 1];
    let k = 0;
    while (k < next.lines.length && isMetaLine(next.lines[k].text)) {
      a.table.unit ??= findUnit(next.lines[k].text);
      a.table.entity ??= findEntity(next.lines[k].text);
      k++;
    }
    if (k < next.lines.length && !matchTitle(next.lines[k].text)) {
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
      startPage = a.p + 1;
      if (end < next.lines.length) return;
    }
  } else a.table.regions.push({ page, top, bottom });
  if (ended || (nextA && nextA.p === a.p)) return;
  continuationRegions(a, nextA, all, startPage);
}

/** Pages after the first that start with table rows continue it (at most four). */
function continuationRegions(a: Anchor, nextA: Anchor | undefined, all: PageLines[], startPage: number): void {
  const first = a.table.regions[0];
  const header = first ? headerLines(all.find((x) => x.page === first.page)?.lines ?? [], first.top, first.bottom) : [];
  for (let p = startPage + 1; p < all.length && p <= startPage + 4; p++) {
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

/** A page continues a table when its first line sits inside ruled cells or reads as a table row. */
function startsWithTableRows(page: PdfPage, lines: Line[]): boolean {
  const first = lines[0];
  if (/续表/.test(first.text)) return true;
  if (matchTitle(first.text)) return false;
  const yc = (first.y0 + first.y1) / 2;
  const inRules =
    page.verticals.filter((v) => v.y0 - 1 <= yc && yc <= v.y1 + 1).length >= 2 &&
    page.horizontals.some((h) => h.y0 <= yc + 1 && yc - h.y0 < TITLE_TO_TABLE && h.x1 > first.x0 && h.x0 < first.x1);
  if (inRules) return true;
  const segs = segmentsOf(first, SEGMENT_GAP);
  return segs.length >= 2 && segs.some((s) => looksLikeAmount(s.str) || /^\d{3,7}$/.test(squash(s.str)));
}
