/**
 * The rule catalog: each rule is data (id, descriptions, tables it reads) plus a small function
 * that yields comparisons. Values are compared as exact decimals (units of 0.0001), with a
 * tolerance of 0.01 per rounded summand: published tables round every figure to two decimals.
 */
import type { Cell, DocumentResult as FullDocument, NarrativeFigure, Table } from '../model/schema.js';
import type { Unit } from '../model/unit.js';
import {
  headlineMeasures,
  tableMeasures,
  THREE_PUBLIC_GRAND_TOTAL,
  THREE_PUBLIC_TOTAL,
} from '../normalize/measures.js';
import { FIGURE_SCALE, ROUNDING_STEP_BY_DECIMALS } from './settings.js';

/** What the rules read: the tables and the narrative's figures. */
export type CheckInput = Pick<FullDocument, 'tables' | 'narrative'> & {
  kind?: FullDocument['kind'];
  entity?: FullDocument['entity'];
};
type DocumentResult = CheckInput;

export interface Comparison {
  tables: string[];
  expected: bigint;
  actual: bigint;
  summands: number;
  /** one line a person can act on, naming the rows */
  message: string;
  cells: Cell[];
  /** a tolerance of its own (units of 0.0001 of the table's unit), instead of 0.01 × summands */
  tolerance?: bigint;
  /** places outside the tables the comparison read (a narrative sentence) */
  refs?: { table: string; row: string; column: string; value: string; page: number | null }[];
}

export interface Rule {
  id: string;
  zh: string;
  en: string;
  /** catalog ids of the tables the rule reads */
  reads: string[];
  run(doc: DocumentResult): Comparison[];
}

const SCALE = FIGURE_SCALE;
function toFixed4(value: string): bigint {
  const neg = value.startsWith('-');
  const [i, f = ''] = value.replace('-', '').split('.');
  const v = BigInt(i || '0') * SCALE + BigInt((f + '0000').slice(0, 4));
  return neg ? -v : v;
}
export function show(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const i = a / SCALE;
  let f = (a % SCALE).toString().padStart(4, '0');
  f = f.replace(/0{1,2}$/, '');
  if (f.length < 2) f = f.padEnd(2, '0');
  return `${neg ? '-' : ''}${i}.${f}`;
}
/**
 * The rounding step of the printed figures, in units of 0.0001: 0.01 for two decimals, 1 for whole
 * yuan (a 元 table printed without decimals rounds each figure to the yuan).
 */
function roundingStep(values: string[]): bigint {
  const decimals = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
  return ROUNDING_STEP_BY_DECIMALS[Math.min(decimals, ROUNDING_STEP_BY_DECIMALS.length - 1)];
}

/** pass when exact, rounding when within one rounding step per summand, else fail. */
export function comparisonStatus(c: Comparison): 'pass' | 'rounding' | 'fail' {
  const diff = c.actual - c.expected;
  const abs = diff < 0n ? -diff : diff;
  const tolerance = c.tolerance ?? roundingStep(c.cells.map((x) => x.value)) * BigInt(c.summands);
  return abs === 0n ? 'pass' : abs <= tolerance ? 'rounding' : 'fail';
}

const total = (cells: Cell[]) => cells.reduce((s, c) => s + toFixed4(c.value), 0n);
const label = (c: Cell) => `${c.row_code ? c.row_code + ' ' : ''}${c.row_name}`;

const byCatalog = (doc: DocumentResult, ids: string[]) => doc.tables.filter((t) => ids.includes(t.catalog_id));
const TOTAL_ROW = /^(合计|总计)$/;
const TOTAL_COL = /^(合计|小计|本年收入合计|本年支出合计|支出合计|收入合计)$/;

/** Cells of a table keyed by column, then by row label. */
function columns(t: Table): Map<string, Cell[]> {
  const m = new Map<string, Cell[]>();
  for (const c of t.cells) {
    const k = `${c.panel}\u0000${c.column}`;
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(c);
  }
  return m;
}

const FUNCTION_TABLES = [
  'final.income',
  'final.expense',
  'final.gpb-expense',
  'final.gov-fund',
  'final.soe-capital',
  'budget.income',
  'budget.expense',
  'budget.fiscal-expense',
  'budget.gpb-expense',
  'budget.gov-fund',
  'budget.soe-capital',
];
const ECONOMIC_TABLES = ['final.gpb-basic', 'budget.fiscal-basic', 'budget.gpb-basic'];

/**
 * The rows under the coded row at `at`: every row whose code extends its code, or, where the table
 * prints the code more than once (Shenzhen repeats the codes once per budget unit), those that
 * follow it until the code comes round again, so a parent adds up its own unit's rows only.
 */
function kidsOf(coded: Cell[], at: number): Cell[] {
  const code = coded[at].row_code;
  const under = (c: Cell) => c.row_code !== code && c.row_code.startsWith(code);
  if (coded.filter((c) => c.row_code === code).length === 1) return coded.filter(under);
  const kids: Cell[] = [];
  for (const c of coded.slice(at + 1)) {
    if (c.row_code === code || !c.row_code.startsWith(code)) break;
    kids.push(c);
  }
  return kids;
}

function hierarchy(doc: DocumentResult, ids: string[], levels: [number, number][], kind: string): Comparison[] {
  const out: Comparison[] = [];
  for (const t of byCatalog(doc, ids)) {
    for (const [, cells] of columns(t)) {
      const coded = cells.filter((c) => c.row_code);
      for (const [plen, clen] of levels) {
        for (const [i, parent] of coded.entries()) {
          if (parent.row_code.length !== plen) continue;
          const kids = kidsOf(coded, i).filter((c) => c.row_code.length === clen);
          if (!kids.length) continue;
          out.push({
            tables: [t.number],
            expected: toFixed4(parent.value),
            actual: total(kids),
            summands: kids.length,
            message:
              `${kind} ${label(parent)} (${parent.column}) ≠ Σ ${kids.length} sub-items ` +
              `${kids.map((k) => k.row_code).join(', ')}`,
            cells: [parent, ...kids],
          });
        }
      }
    }
  }
  return out;
}

/**
 * The table's rows in print order: cells come row by row, so a row ends where the label changes or
 * a column comes round again (a table may print one label on many rows: 行政运行 once per 经济分类).
 */
function printedRows(cells: Cell[]): Cell[][] {
  const rows: Cell[][] = [];
  let seen = new Set<string>();
  let key = '';
  for (const c of cells) {
    const k = `${c.panel}\u0000${c.row_code}\u0000${c.row_name}`;
    if (!rows.length || k !== key || seen.has(c.column)) {
      rows.push([]);
      seen = new Set();
      key = k;
    }
    seen.add(c.column);
    rows[rows.length - 1].push(c);
  }
  return rows;
}

type ValueColumn = Table['columns'][number];
/** A column printing part of its neighbour (其中：…), not an addend of the total beside it. */
const OF_WHICH = /^其中/;
/** The total of a column group printed as one of its columns: 合计, 小计, 项目支出总数. */
const GROUP_TOTAL = /^(合计|小计|总计|.*总数)$/;

/**
 * The addends of the total column `tc`: its sibling columns, each a leaf, or a subtree represented by
 * its own total column, or by all of its parts where it prints no total (基本支出 = 人员经费 + 公用经费).
 * With `ofWhich` false, 其中 columns (parts of a neighbour) are left out.
 */
function addendsOf(tc: ValueColumn, values: ValueColumn[], ofWhich: boolean): ValueColumn[] {
  const under = (prefix: string[]) =>
    values.filter(
      (c) =>
        c !== tc &&
        c.panel === tc.panel &&
        c.path.length > prefix.length &&
        prefix.every((x, i) => c.path[i] === x) &&
        (ofWhich || !c.path.slice(prefix.length).some((e) => OF_WHICH.test(e))),
    );
  const partsOf = (prefix: string[]): ValueColumn[] => {
    const kids = new Map<string, ValueColumn[]>();
    for (const c of under(prefix)) {
      const k = c.path[prefix.length];
      if (!kids.has(k)) kids.set(k, []);
      kids.get(k)!.push(c);
    }
    const out: ValueColumn[] = [];
    for (const [k, cols] of kids) {
      if (TOTAL_COL.test(k)) continue;
      const leaf = cols.find((c) => c.path.length === prefix.length + 1);
      if (leaf) out.push(leaf);
      else {
        const sub = [...prefix, k];
        const subTotal = cols.find((c) => c.path.length === sub.length + 1 && GROUP_TOTAL.test(c.path[sub.length]));
        out.push(...(subTotal ? [subTotal] : partsOf(sub)));
      }
    }
    return out;
  };
  return partsOf(tc.path.slice(0, -1));
}

/** The comparisons of one total column with its addends, one per printed row. */
function rowComparisons(t: Table, tc: ValueColumn, parts: ValueColumn[], rows: Cell[][]): Comparison[] {
  const colName = (p: string[]) => p.join('/');
  const out: Comparison[] = [];
  if (!parts.length) return out;
  for (const cells of rows) {
    if (cells[0].panel !== tc.panel) continue;
    const tot = cells.find((c) => c.column === colName(tc.path));
    const ps = cells.filter((c) => parts.some((p) => colName(p.path) === c.column));
    if (!tot && !ps.length) continue;
    out.push({
      tables: [t.number],
      expected: tot ? toFixed4(tot.value) : 0n,
      actual: total(ps),
      summands: Math.max(ps.length, 1),
      message:
        `row ${label(tot ?? ps[0])}: ${colName(tc.path)} ≠ ` +
        `${parts.map((p) => p.path[p.path.length - 1]).join(' + ')}`,
      cells: tot ? [tot, ...ps] : ps,
    });
  }
  return out;
}

/** share of rows: a 其中 column is an addend only where the table adds up that way nearly everywhere. */
const OF_WHICH_ADDEND_FIT = 0.9;

/**
 * A total column equals the sum of its sibling columns in every row. A 其中 column is part of a
 * neighbour, so it is left out, unless the table's rows add up with it as an addend (some publishers
 * print 小计 | 其中：基本支出 | 项目支出, where 基本支出 is one of two addends).
 */
function rowTotals(doc: DocumentResult): Comparison[] {
  const out: Comparison[] = [];
  for (const t of doc.tables) {
    if (THREE_PUBLIC.includes(t.catalog_id)) continue;
    const values = t.columns.filter((c) => c.role === 'value');
    const rows = printedRows(t.cells);
    for (const tc of values) {
      if (!TOTAL_COL.test(tc.path[tc.path.length - 1] ?? '')) continue;
      const plain = rowComparisons(t, tc, addendsOf(tc, values, false), rows);
      const withOfWhich = rowComparisons(t, tc, addendsOf(tc, values, true), rows);
      const fits = withOfWhich.filter((c) => comparisonStatus(c) !== 'fail').length;
      const byOfWhich = withOfWhich.length > 0 && fits >= OF_WHICH_ADDEND_FIT * withOfWhich.length;
      const chosen = byOfWhich ? withOfWhich : plain;
      out.push(...chosen);
    }
  }
  return out;
}

const LEVEL_NAMES: Record<number, string> = { 3: '类', 5: '款', 7: '项' };
/**
 * The rows a 合计 adds up: the 类 rows, or where a table prints no 类 (Beijing lists 项 only, each
 * with its 经济分类), the rows of the shortest code it prints. A table without codes has none.
 */
function topLevelRows(cells: Cell[]): Cell[] {
  const coded = cells.filter((c) => /^\d+$/.test(c.row_code));
  if (!coded.length) return [];
  const shortest = Math.min(...coded.map((c) => c.row_code.length));
  return coded.filter((c) => c.row_code.length === shortest);
}

function totalRow(doc: DocumentResult): Comparison[] {
  const out: Comparison[] = [];
  for (const t of byCatalog(doc, FUNCTION_TABLES)) {
    for (const [, cells] of columns(t)) {
      const tot = cells.find((c) => !c.row_code && TOTAL_ROW.test(c.row_name));
      const top = topLevelRows(cells);
      if (!top.length) continue;
      if (!tot && !t.cells.some((c) => TOTAL_ROW.test(c.row_name))) continue;
      const level = LEVEL_NAMES[top[0].row_code.length] ?? `${top[0].row_code.length}-digit`;
      out.push({
        tables: [t.number],
        expected: tot ? toFixed4(tot.value) : 0n,
        actual: total(top),
        summands: top.length,
        message: `${t.title} 合计 (${(tot ?? top[0]).column}) ≠ Σ ${top.length} ${level} rows`,
        cells: tot ? [tot, ...top] : top,
      });
    }
  }
  return out;
}

const find = (t: Table | undefined, panel: string, name: RegExp, column?: RegExp) =>
  t?.cells.find(
    (c) =>
      c.panel.startsWith(panel) &&
      name.test(c.row_name.replace(/^[一二三四五六七八九十]+、/, '')) &&
      (!column || column.test(c.column)),
  );

/**
 * The rows that make up 收入总计: 本年收入合计, and the balances brought forward however they are
 * named (上年结转, 上年结余、结转, 年初结转和结余, 上年实户资金余额, 使用非财政拨款结余); numbered sub-rows
 * are parts of these.
 */
const INCOME_ADDEND = /^(本年收入合计|使用非财政拨款结余.*|(上年|年初)\S{0,6}?(结转|结余|余额)\S*)$/;

/** The summary tables' panels balance: 收入 总计 = 支出 总计, and each side adds up to its 总计. */
function panels(doc: DocumentResult): Comparison[] {
  const out: Comparison[] = [];
  for (const t of byCatalog(doc, [
    'final.summary',
    'final.fiscal-summary',
    'budget.summary',
    'budget.fiscal-summary',
  ])) {
    const panelsIn = [...new Set(t.cells.map((c) => c.panel))];
    const inc = panelsIn.find((p) => p.startsWith('收入'));
    const exps = panelsIn.filter((p) => p.startsWith('支出'));
    if (!inc) continue;
    const incTotal = find(t, inc, /^(总计|收入总计)$/);
    for (const exp of exps) {
      const expTotal = t.cells.find(
        (c) =>
          c.panel === exp &&
          /^(总计|支出总计)$/.test(c.row_name) &&
          (c.column === incTotal?.column || /合计|决算数|预算数|金额/.test(c.column)),
      );
      if (incTotal && expTotal)
        out.push({
          tables: [t.number],
          expected: toFixed4(incTotal.value),
          actual: toFixed4(expTotal.value),
          summands: 1,
          message: `${inc} 总计 ≠ ${exp} 总计`,
          cells: [incTotal, expTotal],
        });
    }
    if (incTotal) {
      const parts = t.cells.filter(
        (c) => c.panel === inc && c.column === incTotal.column && INCOME_ADDEND.test(c.row_name),
      );
      const current = parts.find((c) => c.row_name === '本年收入合计');
      if (current)
        out.push({
          tables: [t.number],
          expected: toFixed4(incTotal.value),
          actual: total(parts),
          summands: parts.length,
          message: `收入 总计 ≠ ${parts.map((p) => p.row_name).join(' + ')}`,
          cells: [incTotal, ...parts],
        });
    }
    for (const exp of exps) {
      const expTotal = t.cells.find((c) => c.panel === exp && c.row_name === '总计' && c.column === incTotal?.column);
      if (!expTotal) continue;
      const parts = t.cells.filter(
        (c) =>
          c.panel === exp &&
          c.column === expTotal.column &&
          /^(本年支出合计|结余分配|年末结转和结余|年末财政拨款结转和结余)$/.test(c.row_name),
      );
      if (parts.some((c) => c.row_name === '本年支出合计'))
        out.push({
          tables: [t.number],
          expected: toFixed4(expTotal.value),
          actual: total(parts),
          summands: parts.length,
          message: `${exp} 总计 ≠ ${parts.map((p) => p.row_name).join(' + ')}`,
          cells: [expTotal, ...parts],
        });
    }
  }
  return out;
}

/** The summary tables agree with the detail tables. */
function acrossTables(doc: DocumentResult): Comparison[] {
  const out: Comparison[] = [];
  const [t01] = byCatalog(doc, ['final.summary']);
  const [t02] = byCatalog(doc, ['final.income']);
  const [t03] = byCatalog(doc, ['final.expense']);
  const [t05] = byCatalog(doc, ['final.gpb-expense']);
  const [t06] = byCatalog(doc, ['final.gpb-basic']);
  const pair = (a: Cell | undefined, b: Cell | undefined, ta: Table, tb: Table, msg: string) => {
    if (!a && !b) return;
    out.push({
      tables: [ta.number, tb.number],
      expected: a ? toFixed4(a.value) : 0n,
      actual: b ? toFixed4(b.value) : 0n,
      summands: 1,
      message: msg,
      cells: [a, b].filter((x): x is Cell => Boolean(x)),
    });
  };
  if (t01 && t03)
    pair(
      find(t01, '支出', /^本年支出合计$/),
      t03.cells.find((c) => TOTAL_ROW.test(c.row_name) && /本年支出合计$/.test(c.column)),
      t01,
      t03,
      `${t01.number} 本年支出合计 ≠ ${t03.number} 合计 本年支出合计`,
    );
  if (t01 && t02)
    pair(
      find(t01, '收入', /^本年收入合计$/),
      t02.cells.find((c) => TOTAL_ROW.test(c.row_name) && /本年收入合计$/.test(c.column)),
      t01,
      t02,
      `${t01.number} 本年收入合计 ≠ ${t02.number} 合计 本年收入合计`,
    );
  if (t05 && t06) {
    const basic = t05.cells.find((c) => TOTAL_ROW.test(c.row_name) && /基本支出$/.test(c.column));
    const parts = t06.cells.filter((c) => /^(人员经费合计|公用经费合计)$/.test(c.row_name));
    if (basic && parts.length === 2)
      out.push({
        tables: [t05.number, t06.number],
        expected: toFixed4(basic.value),
        actual: total(parts),
        summands: 2,
        message: `${t05.number} 合计 基本支出 ≠ ${t06.number} 人员经费合计 + 公用经费合计`,
        cells: [basic, ...parts],
      });
  }
  return out;
}

const THREE_PUBLIC = ['final.three-public', 'budget.three-public'];
const THREE_PUBLIC_ITEMS = ['three_public.abroad', 'three_public.vehicle', 'three_public.reception'];
const VEHICLE_PARTS = ['three_public.vehicle_purchase', 'three_public.vehicle_running'];

/** The cells of a 三公 table by group (one set of items), each keyed by its measure. */
function threePublicGroups(t: Table): { place: string; cells: Map<string, Cell> }[] {
  const groups = new Map<string, { place: string; cells: Map<string, Cell> }>();
  tableMeasures(t, '').forEach((m, i) => {
    if (!m.measure) return;
    if (!groups.has(m.group)) groups.set(m.group, { place: m.place, cells: new Map() });
    const g = groups.get(m.group)!.cells;
    if (!g.has(m.measure)) g.set(m.measure, t.cells[i]);
  });
  return [...groups.values()];
}

/**
 * The 三公 table, for each set of items (a row where the items are columns, a column where they are
 * rows): 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, 公务用车 小计 = 购置费 +
 * 运行维护费, and where the table adds 会议费 and 培训费, their grand total. A total compared needs a
 * total and at least one of its items read; a table that prints no total has nothing to compare.
 */
function threePublic(doc: DocumentResult): Comparison[] {
  const out: Comparison[] = [];
  for (const t of byCatalog(doc, THREE_PUBLIC)) {
    for (const { place, cells: g } of threePublicGroups(t)) {
      const compare = (whole: string, parts: string[], msg: string) => {
        const w = g.get(whole);
        const ps = parts.map((p) => g.get(p)).filter((x): x is Cell => Boolean(x));
        if (!w || !ps.length) return;
        out.push({
          tables: [t.number],
          expected: toFixed4(w.value),
          actual: total(ps),
          summands: ps.length,
          message: `${t.number}${place ? ' ' + place : ''}: ${msg}`,
          cells: [w, ...ps],
        });
      };
      const car = g.has('three_public.vehicle') ? [] : VEHICLE_PARTS;
      const threeParts = [...THREE_PUBLIC_ITEMS, ...car];
      compare(
        THREE_PUBLIC_TOTAL,
        threeParts,
        '“三公”经费 合计 ≠ 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费',
      );
      compare('three_public.vehicle', VEHICLE_PARTS, '公务用车 小计 ≠ 购置费 + 运行维护费');
      const three = g.has(THREE_PUBLIC_TOTAL) ? [THREE_PUBLIC_TOTAL] : threeParts;
      compare(THREE_PUBLIC_GRAND_TOTAL, [...three, 'meeting', 'training'], '合计 ≠ “三公”经费 + 会议费 + 培训费');
    }
  }
  return out;
}

/** Where each narrative figure sits in the tables: the cell it must equal. */
/**
 * The cell a narrative figure must equal: the table figure with the same headline measure (one
 * model with the dataset's `measure` column), of the document's own basis where a table prints both.
 */
function narrativeTarget(doc: DocumentResult, key: string): { table: Table; cell: Cell } | undefined {
  const kind = doc.kind ?? '';
  const [measure, basis] =
    key === 'three.final'
      ? [THREE_PUBLIC_TOTAL, '决算']
      : key === 'three.budget'
        ? [THREE_PUBLIC_TOTAL, '预算']
        : [key, kind];
  const keyed: { cell: Cell; basis: string }[] = [];
  for (const t of doc.tables)
    tableMeasures(t, kind).forEach((m, i) => m.measure === measure && keyed.push({ cell: t.cells[i], basis: m.basis }));
  for (const [c, m] of headlineMeasures(doc.tables, kind, doc.entity))
    if (m.measure === measure) keyed.push({ cell: c as Cell, basis: m.basis });
  const hit = keyed.find((k) => k.basis === basis || !k.basis);
  const table = hit && doc.tables.find((t) => t.cells.includes(hit.cell));
  return hit && table ? { table, cell: hit.cell } : undefined;
}
/** an amount in 万元 or 元 → units of 0.0001 元 */
const inYuan = (value: string, unit: Unit) => toFixed4(value) * (unit === '万元' ? 10000n : 1n);
const decimals = (v: string) => (v.split('.')[1] ?? '').length;

/** Figures the narrative states equal the tables (compared in the table's unit). */
function narrativeVsTables(doc: DocumentResult): Comparison[] {
  const out: Comparison[] = [];
  for (const f of doc.narrative) {
    const target = narrativeTarget(doc, f.key);
    if (!target) continue;
    const { table, cell } = target;
    const perUnit = cell.unit === '万元' ? 10000n : 1n;
    const stated = inYuan(f.value, f.unit) / perUnit;
    // both figures are rounded: the text to its last printed decimal, the table to its own
    const step = (v: string, unit: Unit) =>
      (10n ** BigInt(4 - Math.min(decimals(v), 4)) * (unit === '万元' ? 10000n : 1n)) / perUnit;
    out.push({
      tables: [table.number],
      expected: stated,
      actual: toFixed4(cell.value),
      summands: 1,
      tolerance: (step(f.value, f.unit) + step(cell.value, cell.unit)) / 2n,
      message:
        `the text${f.page ? ` (page ${f.page})` : ''} states ${f.label} ${f.value}${f.unit} ≠ table ` +
        `${table.number} ${label(cell) || cell.row_name} (${cell.column}) in ${cell.unit}`,
      cells: [cell],
      refs: [narrativeRef(f)],
    });
  }
  return out;
}
const narrativeRef = (f: NarrativeFigure) => ({
  table: 'text',
  row: f.label,
  column: f.text,
  value: `${f.value}${f.unit}`,
  page: f.page,
});

export const RULES: Rule[] = [
  {
    id: 'hierarchy.function',
    zh: '功能分类：类 = Σ款，款 = Σ项',
    en: 'function codes: each class equals the sum of its items',
    reads: FUNCTION_TABLES,
    run: (d) =>
      hierarchy(
        d,
        FUNCTION_TABLES,
        [
          [3, 5],
          [5, 7],
        ],
        'function code',
      ),
  },
  {
    id: 'hierarchy.economic',
    zh: '经济分类：301/302… = Σ 明细科目',
    en: 'economic codes: each group equals the sum of its items',
    reads: ECONOMIC_TABLES,
    run: (d) => hierarchy(d, ECONOMIC_TABLES, [[3, 5]], 'economic code'),
  },
  {
    id: 'row.total',
    zh: '每行：合计 = 各分项之和',
    en: 'every row: the total column equals the sum of its part columns',
    reads: ['*'],
    run: rowTotals,
  },
  {
    id: 'column.total-row',
    zh: '合计行 = Σ 类级科目（无类级时，表中最短编码的科目）',
    en: 'the 合计 row equals the sum of the class rows (or of the shortest codes the table prints)',
    reads: FUNCTION_TABLES,
    run: totalRow,
  },
  {
    id: 'panel.balance',
    zh: '收支平衡：收入总计 = 支出总计，各方合计 + 结转结余 = 总计',
    en: 'summary panels balance and add up to their totals',
    reads: ['final.summary', 'final.fiscal-summary', 'budget.summary', 'budget.fiscal-summary'],
    run: panels,
  },
  {
    id: 'three-public.items',
    zh: '“三公”经费：合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费，小计 = 购置费 + 运行维护费',
    en: 'the 三公 table: total = travel abroad + official cars + receptions; cars = purchase + running',
    reads: THREE_PUBLIC,
    run: threePublic,
  },
  {
    id: 'narrative.tables',
    zh: '文字说明中的数字与表格一致',
    en: 'figures stated in the narrative equal the tables',
    reads: [
      'final.summary',
      'final.expense',
      'final.fiscal-summary',
      'final.gpb-expense',
      'final.gpb-basic',
      'final.three-public',
      'budget.summary',
      'budget.expense',
      'budget.fiscal-summary',
      'budget.three-public',
    ],
    run: narrativeVsTables,
  },
  {
    id: 'cross.tables',
    zh: '表间一致：总表与明细表相符',
    en: 'summary tables agree with the detail tables',
    reads: ['final.summary', 'final.income', 'final.expense', 'final.gpb-expense', 'final.gpb-basic'],
    run: acrossTables,
  },
];
