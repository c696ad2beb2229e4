/**
 * Canonical keys for the figures people compare across provinces and years, so that "三公经费
 * 决算 totals per department and year" is one query whatever the layout: the items may be columns
 * (Shanghai: 财政拨款“三公”经费/合计/决算数) or rows (一、因公出国（境）费 | 决算数), and the total may
 * be of the three 三公 items (“三公”经费/小计 in Jiangsu) or of 三公 + 会议费 + 培训费 (合计 there).
 *
 * `measure` names the item; `basis` says whether the figure is the 预算 or the 决算 one: from the
 * header or row that prints 预算数 / 决算数, else the document's own kind. `group` keys the cells
 * that belong to one set of items (one row of a table whose items are columns, one column of a
 * table whose items are rows), so that the checks compare a total with its own items.
 */
import { squash } from './text.js';

export type Kind = '决算' | '预算' | '';

export interface MeasureCell {
  panel: string;
  row_code: string;
  row_name: string;
  column_path: string[];
}

export interface MeasureTable {
  catalog_id: string;
  cells: MeasureCell[];
}

export interface Measure {
  measure: string;
  basis: '决算' | '预算' | '';
}

export interface CellMeasure extends Measure {
  /** cells with the same group are one set of items and their totals */
  group: string;
  /** the group in words: the row and the column labels that are not items (甲单位 决算数) */
  place: string;
}

export const THREE_PUBLIC_TOTAL = 'three_public.total';
export const THREE_PUBLIC_GRAND_TOTAL = 'three_public_meeting_training.total';

const norm = (s: string) =>
  squash(s)
    .replace(/[“”"'‘’]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':');

/** A leading 其中：, 一、, （一）, 1. or 2、 (any number of them) is not part of an item's name. */
const ENUMERATION = /^(其中:?|[(]?[一二三四五六七八九十\d]+[)、.．]?)+/;
const strip = (label: string) => norm(label).replace(ENUMERATION, '');

/** The 三公 item a label names, or '' (a label may name the group: 三公经费, 合计, 小计). */
function threePublicItem(label: string): string {
  const t = strip(label);
  if (/机关运行经费/.test(t)) return 'running_costs';
  if (/因公出国/.test(t)) return 'three_public.abroad';
  if (/公务接待/.test(t)) return 'three_public.reception';
  if (/公务用车/.test(t) || /^(车辆)?(购置|运行(维护)?|运行维护)费/.test(t)) {
    if (/购置(及|和|与)运行/.test(t)) return 'three_public.vehicle';
    if (/购置/.test(t)) return 'three_public.vehicle_purchase';
    if (/运行/.test(t)) return 'three_public.vehicle_running';
    return 'three_public.vehicle';
  }
  if (/^会议费/.test(t)) return 'meeting';
  if (/^培训费/.test(t)) return 'training';
  return '';
}

/** A label that totals: 合计, 小计, 总计, “三公”经费合计, …预算总额, 合计(万元). */
const isTotalWord = (label: string) => /^(合计|小计|总计)(\(.*\))?$|(合计|小计|总计|总额)$/.test(strip(label));
/** A label naming the 三公 group itself (its figure is the 三公 total when nothing more specific is). */
const namesThreePublic = (label: string) => /三公经费/.test(norm(label)) && !/会议费|培训费/.test(norm(label));
/** A label that only says which figure this is (预算数, 决算数, 一般公共预算 …), kept in the group. */
const isItemLabel = (label: string) => threePublicItem(label) !== '' || isTotalWord(label) || namesThreePublic(label);

function basisOf(labels: string[], kind: Kind): Measure['basis'] {
  for (const l of labels) {
    const t = norm(l);
    if (/决算数?$|决算数/.test(t)) return '决算';
    if (/预算数?$|预算数|年初预算|全年预算/.test(t)) return '预算';
  }
  return kind;
}

/**
 * The key of a 三公 table's figure from its labels, most specific first. A label naming an item
 * wins (公务用车购置费 under 公务用车购置及运行费); 小计 / 合计 under “三公”经费 is the 三公 total;
 * a total that is not under it, in a table that also prints 会议费 / 培训费, is the total of all five.
 */
function threePublicMeasure(labels: string[], tableHasExtras: boolean): string {
  const items = labels.map(threePublicItem);
  const item = items.find((x) => x && x !== 'three_public.vehicle');
  if (item) return item;
  if (items.includes('three_public.vehicle')) return 'three_public.vehicle';
  const underThreePublic = labels.some(namesThreePublic);
  if (labels.some(isTotalWord))
    return underThreePublic || !tableHasExtras ? THREE_PUBLIC_TOTAL : THREE_PUBLIC_GRAND_TOTAL;
  if (underThreePublic) return THREE_PUBLIC_TOTAL;
  return '';
}

/** Whether a 三公 table's columns/rows also print 会议费 or 培训费 (its plain 合计 then covers them). */
export function hasMeetingOrTraining(labels: string[]): boolean {
  return labels.some((l) => /会议费|培训费/.test(norm(l)));
}

/** Whether the table prints its 三公 items as rows (一、因公出国（境）费 …) rather than as columns. */
function itemsAreRows(t: MeasureTable): boolean {
  return t.cells.some((c) => /^three_public\.(abroad|reception|vehicle)/.test(threePublicItem(c.row_name)));
}

function threePublicCell(c: MeasureCell, rows: boolean, extras: boolean, kind: Kind): CellMeasure {
  const basis = basisOf([...c.column_path, c.row_name], kind);
  if (rows) {
    // the row names the item; the column (预算数, 一般公共预算 …) says which figure
    const m = threePublicMeasure([c.row_name], extras);
    const place = c.column_path.join('/');
    return { measure: m, basis: m ? basis : '', group: [c.panel, ...c.column_path].join('\u0000'), place };
  }
  const leafFirst = [...c.column_path].reverse();
  const m = threePublicMeasure(leafFirst, extras);
  const rest = c.column_path.filter((l) => !isItemLabel(l));
  const group = [c.panel, c.row_code, c.row_name, ...rest].join('\u0000');
  return { measure: m, basis: m ? basis : '', group, place: [c.row_name, ...rest].filter(Boolean).join(' ') };
}

/** The measure of every cell of a table, in the order of its cells. */
export function tableMeasures(t: MeasureTable, kind: Kind): CellMeasure[] {
  if (!/three-public/.test(t.catalog_id)) return t.cells.map(() => ({ measure: '', basis: '', group: '', place: '' }));
  const extras = hasMeetingOrTraining(t.cells.flatMap((c) => [...c.column_path, c.row_name]));
  const rows = itemsAreRows(t);
  return t.cells.map((c) => threePublicCell(c, rows, extras, kind));
}

/** A table as the headline measures read it. */
export interface HeadlineTable extends MeasureTable {
  cells: (MeasureCell & { column: string })[];
}

const TOTAL_ROW = /^(合计|总计)$/;
/**
 * The 合计 row; the one row of a table that prints only its totals, without a label (Jiangsu); or
 * the row named for the department itself, above its units' rows (Shenzhen: 深圳市信访局).
 */
const totalRow = (c: { row_name: string; row_code: string }, entity: string) =>
  TOTAL_ROW.test(plain(c.row_name)) || (!c.row_name && !c.row_code) || (!!entity && norm(c.row_name) === entity);
const plain = (s: string) => norm(s).replace(ENUMERATION, '');
type Pick = (c: HeadlineTable['cells'][number], entity: string) => boolean;
const income = (c: { panel: string }) => /收入/.test(c.panel);
const spending = (c: { panel: string }) => /支出/.test(c.panel);
const CURRENT_INCOME = /^(本年|当年)收入(合计|小计)$/;
const CURRENT_SPENDING = /^(本年|当年)支出(合计|小计)$/;

/**
 * The document's headline figures, by catalog table and label: what a user compares across
 * provinces and years. Each key names one row (or one column of the 合计 row) of one table; every
 * figure printed there (预算数, 决算数 …) carries it, told apart by `basis`.
 */
const HEADLINES: { measure: string; tables: RegExp; pick: Pick }[] = [
  { measure: 'total', tables: /\.summary$/, pick: (c) => income(c) && /^(总计|收入总计)$/.test(plain(c.row_name)) },
  // Jiangsu's budgets print 当年收入小计, 上年结转, 收入合计: there 收入合计 is the grand total
  { measure: 'total', tables: /\.summary$/, pick: (c) => income(c) && plain(c.row_name) === '收入合计' },
  // Chongqing prints neither: its 合计 at the top of the 收入 side is the grand total
  { measure: 'total', tables: /\.summary$/, pick: (c) => income(c) && plain(c.row_name) === '合计' },
  { measure: 'income.current', tables: /\.summary$/, pick: (c) => income(c) && CURRENT_INCOME.test(plain(c.row_name)) },
  {
    measure: 'income.fiscal',
    tables: /\.summary$/,
    pick: (c) => income(c) && /^财政拨款(收入)?$/.test(plain(c.row_name)),
  },
  {
    measure: 'expense.current',
    tables: /\.summary$/,
    pick: (c) => spending(c) && CURRENT_SPENDING.test(plain(c.row_name)),
  },
  {
    measure: 'expense.basic',
    tables: /\.expense$/,
    pick: (c, entity) => totalRow(c, entity) && heads(c, '基本支出'),
  },
  {
    measure: 'expense.project',
    tables: /\.expense$/,
    pick: (c, entity) => totalRow(c, entity) && heads(c, '项目支出'),
  },
  {
    measure: 'fiscal.total',
    tables: /\.fiscal-summary$/,
    pick: (c) => income(c) && /^(总计|收入总计)$/.test(plain(c.row_name)),
  },
  {
    measure: 'gpb.basic',
    tables: /\.gpb-expense$/,
    pick: (c, entity) => totalRow(c, entity) && heads(c, '基本支出'),
  },
  // where the function table prints no 基本支出 column (Xi'an: 人员经费支出 | 公用经费支出 | 专项业务经费支出),
  // the basic-expenditure table's own 合计
  {
    measure: 'gpb.basic',
    tables: /\.gpb-basic$/,
    pick: (c) =>
      TOTAL_ROW.test(plain(c.row_name)) && c.column_path.length === 1 && TOTAL_ROW.test(norm(c.column_path[0])),
  },
  { measure: 'gpb.personnel', tables: /\.gpb-basic$/, pick: (c) => basicPart(c, '人员经费') },
  { measure: 'gpb.public', tables: /\.gpb-basic$/, pick: (c) => basicPart(c, '公用经费') },
];
/** The column is the group `name` itself or that group's own total (基本支出, 基本支出/小计; 人员经费支出). */
function heads(c: { column_path: string[] }, name: string): boolean {
  // 其中：基本支出 (Guangzhou) heads the column as 基本支出 does
  const at = c.column_path
    .map((e) => norm(e).replace(/^其中[:：]/, ''))
    .findIndex((e) => e === name || e === `${name}支出`);
  if (at < 0) return false;
  const rest = c.column_path.slice(at + 1).map(norm);
  return rest.every((e) => /^(合计|小计|.*总数)$/.test(e) || /^(\d{4}年)?(年初|全年|调整)?(预算|决算)数?$/.test(e));
}

/** 人员经费 / 公用经费 of a basic-expense table: the row 人员经费合计, or the 合计 row of that column. */
function basicPart(c: { row_name: string; column_path: string[] }, name: string): boolean {
  const row = plain(c.row_name);
  if (new RegExp(`^${name}(合计)?$`).test(row)) return true;
  return TOTAL_ROW.test(row) && heads(c, name);
}

/**
 * The headline measure of every cell of a document's tables (cells that are none map to nothing).
 * Where a table prints the key's row or column more than once, the first one counts.
 */
export function headlineMeasures(tables: HeadlineTable[], kind: Kind, entity = ''): Map<MeasureCell, Measure> {
  const out = new Map<MeasureCell, Measure>();
  const keyed = new Set<string>();
  const department = norm(entity);
  const pick = (h: (typeof HEADLINES)[number]) => (c: HeadlineTable['cells'][number]) => h.pick(c, department);
  for (const h of HEADLINES) {
    if (keyed.has(h.measure)) continue;
    const t = tables.find((x) => h.tables.test(x.catalog_id) && x.cells.some(pick(h)));
    if (!t) continue;
    const taken = new Set<string>();
    for (const c of t.cells.filter(pick(h))) {
      if (taken.has(c.column) || out.has(c)) continue;
      taken.add(c.column);
      out.set(c, { measure: h.measure, basis: basisOf([...c.column_path, c.row_name], kind) });
      keyed.add(h.measure);
    }
  }
  return out;
}
