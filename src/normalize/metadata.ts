/** Document metadata: kind (决算/预算), fiscal year, reporting entity, dominant unit. */
import type { Unit } from '../model/unit.js';
import { squash } from './text.js';

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

const YEAR_KIND = /((?:19|20)\d{2})年度?(?:[^，。；\d]{0,12}?)(?:部门|单位)?(决算|预算)/;

/** A document's kind, year, entity and unit, from its text and its tables' marks. */
export function documentMeta(input: MetaInput): {
  kind: '决算' | '预算' | '';
  year: number | null;
  entity: string;
  unit: Unit | '';
} {
  const head = input.lines.slice(0, 60).map(squash);
  let kind: '决算' | '预算' | '' = mostCommon(input.tableKinds) ?? '';
  let year: number | null = null;
  for (const l of head) {
    const m = YEAR_KIND.exec(l);
    if (m) {
      year = Number(m[1]);
      if (!kind) kind = m[2] as '决算' | '预算';
      break;
    }
  }
  if (year === null) {
    const all = input.lines.map(squash);
    for (const l of all) {
      const m = YEAR_KIND.exec(l);
      if (m) {
        year = Number(m[1]);
        break;
      }
    }
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
  let entity = mostCommon(input.tableEntities.filter(Boolean)) ?? '';
  if (!entity) entity = coverEntity(head);
  const unit = mostCommon(input.tableUnits) ?? '';
  return { kind, year, entity, unit };
}

/** The cover names the unit before "2024 年度部门决算", often wrapped over two or three lines. */
function coverEntity(head: string[]): string {
  const TITLE = /^(.{2,40}?)(?:19|20)\d{2}年度?(?:部门|单位)?(?:决算|预算)/;
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
