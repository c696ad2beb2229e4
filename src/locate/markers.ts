/** Recognizers for the printed marks around a table: title, 公开0x表 code, 单位, 编制单位, notes. */
import type { CatalogEntry, TableCode } from '../model/draft.js';
import type { Unit } from '../model/unit.js';
import { chineseNumeral, editDistance, matchKey, ORG_NAME, squash } from '../normalize/text.js';
import { CATALOG, MEANINGFUL_PREFIX, TITLE_FAMILIES } from './catalog.js';

const CODE_PATTERNS: RegExp[] = [
  /(?:单位)?预算(\d{1,2})表/,
  /(?:单位)?预算表(\d{1,2})/,
  /公开表(\d{1,2})/,
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
  const m = /^(?:附)?表([一二三四五六七八九十]+|\d{1,2})(?:-\d{1,2})?$/.exec(matchKey(text));
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : chineseNumeral(m[1]);
  return n ? { printed: m[0], number: n } : undefined;
}

/**
 * "单位：万" … "部门名称：X" … "元": a right-aligned unit whose two halves were set around the
 * entity, read in x order. Put the pieces back together.
 */
function unsplitUnit(text: string): string {
  return text.replace(
    /((?:金额)?单位[:：]\s*)(万?)\s*((?:编制单位|编制部门|部门名称|预算单位|单位名称|部门)[:：]\s*\S+?)\s*元\s*$/,
    '$3  $1$2元',
  );
}

/** The unit of marks printed over several lines (单位：万 above, 部门名称：… 元 below). */
export function findUnitOver(texts: string[]): Unit | undefined {
  return findUnit(texts.join('  '));
}

export function findUnit(text: string): Unit | undefined {
  const m = /单位:(万元|元)/.exec(matchKey(unsplitUnit(text)));
  return m ? (m[1] as Unit) : undefined;
}

/** 单位： names the department where what follows is not the money unit (单位：无锡市…局). */
const ENTITY_LABEL =
  String.raw`(?:编制单位|编制部门|部门名称|预算单位|单位名称|预算主管部门|部门[(（]单位[)）]|部门|` +
  String.raw`单位(?=[:：]\s*(?!(?:万元|元|万)(?:\s|$))))[:：]`;
const ENTITY = new RegExp(ENTITY_LABEL + String.raw`\s*(.*?)(?=\s{2,}|\s*(?:金额)?单位[:：]|\s*公开\s*\S{1,3}\s*表|$)`);

/**
 * "341-湖州市财政局    单位:万元": the unit's name without a label, perhaps after its budget code,
 * on the line of the 单位 mark.
 */
function unlabeledEntity(text: string): string | undefined {
  if (!findUnit(text) || ENTITY.test(text)) return undefined;
  const rest = squash(unsplitUnit(text.replace(/\u3000/g, ' ')).replace(/(?:金额)?单位[:：]\s*(?:万元|元)/g, ''));
  const m = /^(?:\d{2,12}[-－_]?)?(.+)$/.exec(rest);
  return m && ORG_NAME.test(m[1]) ? m[1] : undefined;
}

export function findEntity(text: string): string | undefined {
  const m = ENTITY.exec(unsplitUnit(text.replace(/\u3000/g, ' ')));
  if (!m) return unlabeledEntity(text);
  const e = squash(m[1]);
  return e || undefined;
}

/** True for lines that carry only marks (code, unit, entity, 续表), no table content. */
export function isMetaLine(text: string): boolean {
  if (unlabeledEntity(text)) return true;
  let rest = unsplitUnit(text.replace(/\u3000/g, ' '));
  rest = rest.replace(ENTITY, '');
  const key = matchKey(rest)
    .replace(/(?:金额)?单位:(万元|元)/g, '')
    .replace(
      /公开\d{1,2}表|公开表(?:[一二三四五六七八九十]+|\d{1,2})|公开[一二三四五六七八九十]+表|部门公开表\d{1,2}|(?:单位)?预算(?:\d{1,2}表|表\d{1,2})/g,
      '',
    )
    .replace(/^\(?续表?\)?\d*$/, '')
    // 单位：万 | 元 printed over two lines, beside the department's name
    .replace(/^(?:(?:金额)?单位:万|元)$/, '')
    .replace(/^(?:附)?表([一二三四五六七八九十]+|\d{1,2})(?:-\d{1,2})?$/, '');
  return key.length === 0;
}

export function isPageNumber(text: string): boolean {
  const k = matchKey(text);
  return (
    /^[-—–\s]*\d{1,4}[-—–\s]*$/.test(k) ||
    // 第 3 页，共 40 页 / 共40页 第3页 / 第3页/共40页
    /^(共\d{1,4}页[,;/]?)?第\d{1,4}页([,;/]?共\d{1,4}页)?$/.test(k) ||
    /^\d{1,4}\/\d{1,4}$/.test(k)
  );
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

const KEYED = CATALOG.filter((e) => !e.generic && e.amounts !== false)
  .flatMap((entry) => [entry.title, ...entry.aliases].map((t) => ({ entry, key: matchKey(t) })))
  .sort((a, b) => b.key.length - a.key.length);
/** a table's printed code before its title: 公开01表, 公开表一, 预算02表, 单位预算表3, 附表14-1 */
const PREFIX_CODE = new RegExp(
  `^(?:${[
    /公开\d{1,2}表/,
    /公开表(?:[一二三四五六七八九十]+|\d{1,2})/,
    /(?:单位)?预算(?:\d{1,2}表|表\d{1,2})/,
    /(?:附)?表(?:[一二三四五六七八九十]{1,3}|\d{1,2}(?:-\d{1,2})?)/,
  ]
    .map((r) => r.source)
    .join('|')})[:.、]?`,
);
const ENUMERATOR = /^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)[、.]?|\d{1,2}[、.,](?!\d))/;
const BAD_PREFIX = /[，。；;,:：、《》()"“”]|详见|见附|如下|情况|说明/;

export interface MatchOptions {
  /** also match forms that hold no amounts (绩效目标表): the locator needs them to end the table before */
  nonAmount?: boolean;
  /**
   * The line was read by OCR: a title one character in seven misread ("一必公共预算…") still
   * names its catalog table, the nearest one; the title reported is the catalog's.
   */
  fuzzy?: boolean;
}

/** How many quote characters stand among the last `len` non-quote characters of `key`. */
function countQuotesInTail(key: string, len: number): number {
  let seen = 0;
  let quotes = 0;
  for (let i = key.length - 1; i >= 0 && seen < len; i--) {
    if (/["']/.test(key[i])) quotes++;
    else seen++;
  }
  return quotes;
}

/**
 * The catalog title nearest the end of `key`, within one edit per seven characters, less `spent`
 * edits already made to the key (a final character taken for a misread 表).
 */
function nearestTitle(key: string, spent = 0): { entry: CatalogEntry; key: string; length: number } | undefined {
  let best: { entry: CatalogEntry; key: string; length: number; span: number; d: number } | undefined;
  // quotes are small and often lost: compare without them
  const unquoted = (k: string) => k.replace(/["']/g, '');
  const bare = unquoted(key);
  for (const { entry, key: quoted } of KEYED) {
    const t = unquoted(quoted);
    const allowed = Math.floor(t.length / 7) - spent;
    if (allowed < 0 || t.length < 7) continue;
    // this title's nearest reading of the key's end
    let own: { span: number; d: number } | undefined;
    for (let len = t.length - allowed; len <= t.length + allowed; len++) {
      if (len > bare.length) break;
      const d = editDistance(bare.slice(bare.length - len), t);
      if (d <= allowed && (!own || d < own.d)) own = { span: len, d };
    }
    // the title that takes in more of the line first: a wrapped title whose first part is misread
    // (一般公共预算）机关运行…) is that title, not its shorter alias (机关运行经费支出预算表) after a prefix
    if (own && (!best || own.span > best.span || (own.span === best.span && own.d < best.d)))
      best = { entry, key: quoted, length: own.span + countQuotesInTail(key, own.span), ...own };
  }
  return best;
}

/**
 * The catalog table a line names as its title, or undefined. The line must end with the title;
 * what stands before it may only be a code, an enumerator, a year and the unit's own name.
 */
export function matchTitle(text: string, opts: MatchOptions = {}): TitleMatch | undefined {
  // OCR reads a heavy vertical stroke as a bracket or bar (功能科「目, 功能科[目): titles print none
  const strokes = /[「」『』[\]|｜]/g;
  // and 入 as 人: no title prints 收人
  const misread = (t: string) => (opts.fuzzy ? t.replace(strokes, '').replace(/收人/g, '收入') : t);
  const printed = misread(squash(text));
  let key = misread(matchKey(text));
  // a qualifier after the title: （功能科目） （按经济分类科目）
  key = key.replace(/\(续(?:表)?\d*\)$|续表\d*$/, '');
  const qual = /\((?:按)?[^()]{0,12}(?:科目|分类|项目)\)$/.exec(key) ?? /\((?:按|不含)[^()]{1,20}\)$/.exec(key);
  let qualifier = '';
  if (qual && key.slice(0, qual.index).endsWith('表')) {
    qualifier = qual[0];
    key = key.slice(0, qual.index);
  }
  // an opening quote whose partner OCR lost ('"三公经费支出预算表')
  if (opts.fuzzy && (key.match(/"/g) ?? []).length % 2 === 1) key = key.replace(/"(?=[^"]*$)/, '');
  // OCR misreads the final 表 more than any other character (胡, 委, 衣); taking it for one is an
  // edit of the near match's allowance (项目 | 支出预算, a header read as one line, is no title)
  let spent = 0;
  if (opts.fuzzy && !key.endsWith('表') && !key.endsWith(')') && /[\u3400-\u9fff]$/.test(key)) {
    key = key.slice(0, -1) + '表';
    spent = 1;
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
    if (MEANINGFUL_PREFIX.test(prefix)) continue;
    prefix = prefix
      .replace(/\d{4}年度?$/, '')
      .replace(/(部门|单位|预算单位)$/, '')
      .replace(/\d{4}年度?$/, '');
    // a misread title may end like a shorter one ("一必公共预算财政拨款支出决算表", "三公经费支出预算表"):
    // try the near match
    if (opts.fuzzy && prefix && nearestTitle(key, spent)?.length === key.length) break;
    if (prefix.length > 40 || BAD_PREFIX.test(prefix) || (/决算|预算/.test(prefix) && !/\d{4}年/.test(prefix))) {
      break;
    }
    let title = printed.slice(printed.length - qualifier.length - t.length);
    if (!qualifier && !title.endsWith('表')) title = title.slice(0, -1) + '表';
    return { entry, title, code };
  }
  if (!opts.fuzzy) {
    const fam = familyTitle(key, qualifier);
    if (!fam || (fam.amounts === false && !opts.nonAmount)) return undefined;
    return { entry: fam, title: titleOf(printed, key, qualifier), code };
  }
  const near = nearestTitle(key, spent);
  if (!near) return undefined;
  const prefix = key
    .slice(0, key.length - near.length)
    .replace(/\d{4}年度?$/, '')
    .replace(/(部门|单位|预算单位)$/, '');
  if (prefix.length > 40 || BAD_PREFIX.test(prefix) || /决算|预算/.test(prefix)) return undefined;
  const canonical = [near.entry.title, ...near.entry.aliases].find((t) => matchKey(t) === near.key) ?? near.entry.title;
  return { entry: near.entry, title: canonical, code };
}

/** A line that is only a mark around a table: a title, 公开0x表 / 表一, 单位, 编制单位, a note. */
export function isMarkText(text: string): boolean {
  return Boolean(matchTitle(text)) || isMetaLine(text) || isNoteLine(text) || Boolean(bareCode(text));
}

const BY_ID = new Map(CATALOG.map((e) => [e.id, e]));
const TITLE_PREFIX =
  /^(?:\d{4}年度?|\d{4}(?=[^\d年])|\d{4}\(年度\)|(?:市|区|县|省|州|旗)级|预算单位|部门\(单位\)|部门|单位|综合预算|部门预算|单位预算)/;

/** The title without its year and 部门/单位/市级 prefix: 2026年市级部门收支预算总表 → 收支预算总表. */
export function coreTitle(key: string): string {
  let core = key;
  for (let i = 0; i < 6; i++) {
    const m = TITLE_PREFIX.exec(core);
    if (!m) break;
    core = core.slice(m[0].length);
  }
  return core;
}

/**
 * A short title named by its words (收支总体情况表, 预算01表 收支总表, 部门综合预算收支总表 …): the
 * catalog entry an alias names exactly, else the first family whose words all occur, else (a
 * title of a budget or final-account table that names no family) the generic entry. Sentences,
 * headings of parts and lists are not titles.
 */
function familyTitle(key: string, qualifier: string): CatalogEntry | undefined {
  const core = coreTitle(key);
  if (!core.endsWith('表') || core.length < 3 || core.length > 40) return undefined;
  if (
    /[，。；;,:!?！？《》]|详见|见附|如下|说明|关于|第[一二三四五六七八九十\d]+部分|以下|本表|空表|附件|公开表$|^表/.test(
      core,
    )
  )
    return undefined;
  const exact = KEYED.find((k) => k.key === core);
  if (exact) return exact.entry;
  const final = /决算/.test(core);
  const words = core + (/经济/.test(qualifier) ? '经济分类' : '');
  for (const f of TITLE_FAMILIES) {
    if (!f.words.every((w) => words.includes(w))) continue;
    const id = final ? f.final : f.budget;
    // the 决算 scheme is national (公开01–09表): a 决算 title of another family is no table of it
    if (!id) return undefined;
    return BY_ID.get(id);
  }
  // a title naming no family must still read like a fiscal table's (…预算表, …明细表, …情况表)
  if (/(?:预算|决算|明细|情况|统计|汇总)表$/.test(core) && !/^(?:预算|决算|部门预算|单位预算)表$/.test(core))
    return BY_ID.get(final ? 'final.other' : 'budget.other');
  return undefined;
}

function titleOf(printed: string, key: string, qualifier: string): string {
  // the printed title from its code on: drop a leading code / enumerator as printed
  const core = coreTitle(key);
  const keyed = matchKey(printed);
  const at = keyed.lastIndexOf(core + qualifier);
  if (at >= 0) {
    // map back onto the printed text by counting characters (matchKey keeps one character per character)
    const squashed = squash(printed);
    if (squashed.length === keyed.length) return squashed.slice(at, at + core.length + qualifier.length);
  }
  return core + qualifier;
}
