/** Document metadata: kind (决算/预算), fiscal year, reporting entity, dominant unit. */
import type { Unit } from '../model/unit.js';
import { halfWidth, ORG_NAME, squash } from './text.js';

export interface MetaInput {
  /** the document's text lines in reading order (first pages first) */
  lines: string[];
  tableKinds: ('决算' | '预算')[];
  tableEntities: string[];
  tableUnits: Unit[];
  fileName: string;
}

function mostCommon<T>(xs: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [x, c] of counts)
    if (c > n) {
      best = x;
      n = c;
    }
  return best;
}

const YEAR_KIND_COVER = /^[^，。；]{0,40}?((?:19|20)\d{2})年度?[^，。；\d]{0,40}?(?:部门|单位)(?:综合)?(决算|预算)/;
const YEAR_KIND = /((?:19|20)\d{2})年度?(?:[^，。；\d]{0,12}?)(?:部门|单位)?(决算|预算)/;

/** A document's kind, year, entity and unit, from its text and its tables' marks. */
export function documentMeta(input: MetaInput): {
  kind: '决算' | '预算' | '';
  year: number | null;
  entity: string;
  unit: Unit | '';
} {
  const head = input.lines.slice(0, 60).map((l) => squash(halfWidth(l)));
  let kind: '决算' | '预算' | '' = mostCommon(input.tableKinds) ?? '';
  let year: number | null = null;
  // the cover, its lines joined: "2026 年深圳市规划和自然资源局盐田" / "管理局部门预算"
  const cover = YEAR_KIND_COVER.exec(head.slice(0, 4).join(''));
  if (cover) {
    year = Number(cover[1]);
    if (!kind) kind = cover[2] as '决算' | '预算';
  }
  if (year === null)
    for (const l of head) {
      const m = YEAR_KIND.exec(l);
      if (m) {
        year = Number(m[1]);
        if (!kind) kind = m[2] as '决算' | '预算';
        break;
      }
    }
  if (year === null) {
    const all = input.lines.map((l) => squash(halfWidth(l)));
    for (const l of all) {
      const m = YEAR_KIND.exec(l);
      if (m) {
        year = Number(m[1]);
        break;
      }
    }
  }
  if (year === null) {
    // a table file: the year a form prints under its title ("（2026年度）", "2026（年度）")
    const years = input.lines
      .map((l) => /^[(（]?((?:19|20)\d{2})[(（]?年度?[)）]?$/.exec(squash(halfWidth(l)))?.[1])
      .filter((y): y is string => Boolean(y));
    const y = mostCommon(years);
    if (y) year = Number(y);
  }
  if (year === null) {
    const m = /(19|20)\d{2}/.exec(input.fileName);
    if (m) year = Number(m[0]);
    else {
      const short = /(\d{2})年(?:度)?(?:部门)?(?:预算|决算)/.exec(input.fileName);
      if (short) year = 2000 + Number(short[1]);
    }
  }
  if (!kind) kind = /决算/.test(input.fileName) ? '决算' : /预算/.test(input.fileName) ? '预算' : '';
  // an entity must read like an organisation's name; a line that ran into a running head does not
  const named = input.tableEntities.filter(Boolean);
  const plausible = named.filter((e) => ORG_NAME.test(e.replace(/^\d{2,12}[-－_]?/, '')));
  let entity = mostCommon(plausible) ?? '';
  if (!entity) entity = coverEntity(head);
  // a table file that prints the department only in a form (预算13表 部门名称 | X), without a colon
  if (!entity) entity = labelledEntity(input.lines) ?? '';
  if (!entity) entity = mostCommon(named) ?? '';
  const unit = mostCommon(input.tableUnits) ?? '';
  return { kind, year, entity, unit };
}

/** "部门名称 X", "单位名称：X" anywhere in the document, X read as an organisation's name. */
function labelledEntity(lines: string[]): string | undefined {
  const found: string[] = [];
  for (const l of lines) {
    const m = /^(?:部门名称|单位名称|预算单位|编制单位|编制部门|部门\(单位\)|部门（单位）)[:：]?(.{2,40})$/.exec(
      squash(l).replace(/(?:金额)?单位[:：](?:万元|元)$/, ''),
    );
    if (m && ORG_NAME.test(m[1])) found.push(m[1]);
  }
  return mostCommon(found);
}

/** The cover names the unit before "2024 年度部门决算", often wrapped over two or three lines. */
function coverEntity(head: string[]): string {
  // after the year: "2026 年度" / "福州市科学技术局(本级)" / "单位预算"
  for (let span = 2; span <= 4 && span <= head.length; span++) {
    const m = /^(?:19|20)\d{2}年度?(.{2,40}?)(?:部门|单位)(?:综合)?(?:决算|预算)/.exec(head.slice(0, span).join(''));
    if (m && ORG_NAME.test(m[1])) return m[1];
  }
  const TITLE = /^(.{2,40}?)(?:19|20)\d{2}年度?(?:部门|单位)?(?:综合)?(?:决算|预算)/;
  for (let i = 0; i < Math.min(head.length, 20); i++) {
    for (let span = 1; span <= 3 && i + span <= head.length; span++) {
      const joined = head.slice(i, i + span).join('');
      const m = TITLE.exec(joined);
      if (m && !/第.部分|目录|纳入|说明|情况|[，。；]/.test(m[1])) return m[1];
    }
  }
  for (const l of head) {
    const m = /^第一部分(.{2,40}?)概况$/.exec(l);
    if (m) return m[1];
  }
  return '';
}
