/** Recognizers for the printed marks around a table: title, 公开0x表 code, 单位, 编制单位, notes. */
import { CATALOG, type CatalogEntry } from './catalog.js';
import { chineseNumeral, matchKey, squash } from '../normalize/text.js';

export interface TableCode {
  printed: string;
  number: number;
}

const CODE_PATTERNS: RegExp[] = [
  /公开(\d{1,2})表/,
  /公开表([一二三四五六七八九十]+)/,
  /公开([一二三四五六七八九十]+)表/,
  /部门公开表(\d{1,2})/,
];

/** A 公开0x表 / 公开1表 / 公开表一 mark anywhere in the text. */
export function findCode(text: string): TableCode | undefined {
  const key = matchKey(text);
  for (const re of CODE_PATTERNS) {
    const m = re.exec(key);
    if (m) {
      const n = /^\d+$/.test(m[1]) ? Number(m[1]) : chineseNumeral(m[1]);
      if (n && n >= 1 && n <= 99) return { printed: m[0], number: n };
    }
  }
  return undefined;
}

/** A bare 表一 / 表1 line (used by some schemes without 公开). */
export function bareCode(text: string): TableCode | undefined {
  const m = /^(?:附)?表([一二三四五六七八九十]+|\d{1,2})$/.exec(matchKey(text));
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : chineseNumeral(m[1]);
  return n ? { printed: m[0], number: n } : undefined;
}

/**
 * "单位：万" … "部门名称：X" … "元": a right-aligned unit whose two halves were set around the
 * entity, read in x order. Put the pieces back together.
 */
function unsplitUnit(text: string): string {
  return text.replace(/((?:金额)?单位[:：]\s*)(万?)\s*((?:编制单位|编制部门|部门名称|预算单位|单位名称|部门)[:：]\s*\S+?)\s*元\s*$/, '$3  $1$2元');
}

export function findUnit(text: string): '万元' | '元' | undefined {
  const m = /单位:(万元|元)/.exec(matchKey(unsplitUnit(text)));
  return m ? (m[1] as '万元' | '元') : undefined;
}

const ENTITY = /(?:编制单位|编制部门|部门名称|预算单位|单位名称|预算主管部门|部门)[:：]\s*(.*?)(?=\s{2,}|\s*(?:金额)?单位[:：]|\s*公开\s*\S{1,3}\s*表|$)/;
export function findEntity(text: string): string | undefined {
  const m = ENTITY.exec(unsplitUnit(text.replace(/\u3000/g, ' ')));
  if (!m) return undefined;
  const e = squash(m[1]);
  return e || undefined;
}

/** True for lines that carry only marks (code, unit, entity, 续表), no table content. */
export function isMetaLine(text: string): boolean {
  let rest = unsplitUnit(text.replace(/\u3000/g, ' '));
  rest = rest.replace(ENTITY, '');
  const key = matchKey(rest)
    .replace(/(?:金额)?单位:(万元|元)/g, '')
    .replace(/公开\d{1,2}表|公开表[一二三四五六七八九十]+|公开[一二三四五六七八九十]+表|部门公开表\d{1,2}/g, '')
    .replace(/^\(?续表\)?\d*$/, '')
    .replace(/^(?:附)?表([一二三四五六七八九十]+|\d{1,2})$/, '');
  return key.length === 0;
}

export function isPageNumber(text: string): boolean {
  const k = matchKey(text);
  return /^[-—–\s]*\d{1,4}[-—–\s]*$/.test(k) || /^第\d{1,4}页(共\d{1,4}页)?$/.test(k) || /^\d{1,4}\/\d{1,4}$/.test(k);
}

export function isNoteLine(text: string): boolean {
  return /^(注|备注|说明)\d?[:：.、]/.test(squash(text)) || /^注\d*[:：]/.test(matchKey(text));
}

export interface TitleMatch {
  entry: CatalogEntry;
  /** the title as printed, whitespace removed, without year or entity prefix */
  title: string;
  code?: TableCode;
}

const KEYED = CATALOG.flatMap((entry) => [entry.title, ...entry.aliases].map((t) => ({ entry, key: matchKey(t) }))).sort((a, b) => b.key.length - a.key.length);
const PREFIX_CODE = /^(?:公开\d{1,2}表|公开表[一二三四五六七八九十]+|(?:附)?表[一二三四五六七八九十\d]{1,3})[:.、]?/;
const ENUMERATOR = /^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)[、.]?|\d{1,2}[、.](?!\d))/;
const BAD_PREFIX = /[，。；;,:：、《》()"“”]|详见|见附|如下|情况|说明/;

/**
 * The catalog table a line names as its title, or undefined. The line must end with the title;
 * what stands before it may only be a code, an enumerator, a year and the unit's own name.
 */
export function matchTitle(text: string): TitleMatch | undefined {
  const printed = squash(text);
  let key = matchKey(text);
  // a qualifier after the title: （功能科目） （按经济分类科目）
  const qual = /\((?:按)?[^()]{0,12}(?:科目|分类)\)$/.exec(key);
  let qualifier = '';
  if (qual && key.slice(0, qual.index).endsWith('表')) {
    qualifier = qual[0];
    key = key.slice(0, qual.index);
  }
  if (!key.endsWith('表') && !key.endsWith(')')) return undefined;
  let code: TableCode | undefined;
  const pc = PREFIX_CODE.exec(key);
  if (pc) {
    code = findCode(pc[0]) ?? bareCode(pc[0].replace(/[:.、]$/, ''));
    key = key.slice(pc[0].length);
  }
  const en = ENUMERATOR.exec(key);
  if (en) key = key.slice(en[0].length);
  for (const { entry, key: t } of KEYED) {
    if (!key.endsWith(t)) continue;
    let prefix = key.slice(0, key.length - t.length);
    prefix = prefix.replace(/\d{4}年度?$/, '').replace(/(部门|单位|预算单位)$/, '').replace(/\d{4}年度?$/, '');
    if (prefix.length > 40 || BAD_PREFIX.test(prefix)) return undefined;
    if (/决算|预算/.test(prefix) && !/\d{4}年/.test(prefix)) return undefined;
    const title = printed.slice(printed.length - qualifier.length - t.length);
    return { entry, title, code };
  }
  return undefined;
}
