/**
 * The rule catalog: each rule is data (id, descriptions, tables it reads) plus a small function
 * that yields comparisons. Values are compared as exact decimals (units of 0.0001), with a
 * tolerance of 0.01 per rounded summand: published tables round every figure to two decimals.
 */
import type { Cell, DocumentResult, Table } from '../schema.js';

export interface Comparison {
  tables: string[];
  expected: bigint;
  actual: bigint;
  summands: number;
  /** one line a person can act on, naming the rows */
  message: string;
  cells: Cell[];
}

export interface Rule {
  id: string;
  zh: string;
  en: string;
  /** catalog ids of the tables the rule reads */
  reads: string[];
  run(doc: DocumentResult): Comparison[];
}

export const SCALE = 10000n;
export function toFixed4(value: string): bigint {
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

const FUNCTION_TABLES = ['final.income', 'final.expense', 'final.gpb-expense', 'final.gov-fund', 'final.soe-capital', 'budget.income', 'budget.expense', 'budget.fiscal-expense', 'budget.gpb-expense', 'budget.gov-fund', 'budget.soe-capital'];
const ECONOMIC_TABLES = ['final.gpb-basic', 'budget.fiscal-basic', 'budget.gpb-basic'];

function hierarchy(doc: DocumentResult, ids: string[], levels: [number, number][], kind: string): Comparison[] {
  const out: Comparison[] = [];
  for (const t of byCatalog(doc, ids)) {
    for (const [, cells] of columns(t)) {
      const coded = cells.filter((c) => c.row_code);
      for (const [plen, clen] of levels) {
        for (const parent of coded.filter((c) => c.row_code.length === plen)) {
          const kids = coded.filter((c) => c.row_code.length === clen && c.row_code.startsWith(parent.row_code));
          if (!kids.length) continue;
          out.push({
            tables: [t.number],
            expected: toFixed4(parent.value),
            actual: total(kids),
            summands: kids.length,
            message: `${kind} ${label(parent)} (${parent.column}) ≠ Σ ${kids.length} sub-items ${kids.map((k) => k.row_code).join(', ')}`,
            cells: [parent, ...kids],
          });
        }
      }
    }
  }
  return out;
}

/** A total column equals the sum of its sibling columns in every row. */
function rowTotals(doc: DocumentResult): Comparison[] {
  const out: Comparison[] = [];
  for (const t of doc.tables) {
    const values = t.columns.filter((c) => c.role === 'value');
    for (const tc of values) {
      const leaf = tc.path[tc.path.length - 1] ?? '';
      if (!TOTAL_COL.test(leaf)) continue;
      const parent = tc.path.slice(0, -1);
      // the parent's children: a leaf column, or a subtree represented by its own total column,
      // or by all of its parts where it prints no total (基本支出 = 人员经费 + 公用经费)
      const under = (prefix: string[]) => values.filter((c) => c !== tc && c.panel === tc.panel && c.path.length > prefix.length && prefix.every((x, i) => c.path[i] === x));
      const partsOf = (prefix: string[]): typeof values => {
        const kids = new Map<string, typeof values>();
        for (const c of under(prefix)) {
          const k = c.path[prefix.length];
          if (!kids.has(k)) kids.set(k, []);
          kids.get(k)!.push(c);
        }
        const out: typeof values = [];
        for (const [k, cols] of kids) {
          if (TOTAL_COL.test(k)) continue;
          const leaf = cols.find((c) => c.path.length === prefix.length + 1);
          if (leaf) out.push(leaf);
          else {
            const sub = [...prefix, k];
            const subTotal = cols.find((c) => c.path.length === sub.length + 1 && TOTAL_COL.test(c.path[c.path.length - 1]));
            out.push(...(subTotal ? [subTotal] : partsOf(sub)));
          }
        }
        return out;
      };
      const parts = partsOf(parent);
      if (!parts.length) continue;
      const colName = (p: string[]) => p.join('/');
      const rows = new Map<string, Cell[]>();
      for (const c of t.cells) {
        if (c.panel !== tc.panel) continue;
        const k = `${c.row_code}\u0000${c.row_name}`;
        if (!rows.has(k)) rows.set(k, []);
        rows.get(k)!.push(c);
      }
      for (const cells of rows.values()) {
        const tot = cells.find((c) => c.column === colName(tc.path));
        const ps = cells.filter((c) => parts.some((p) => colName(p.path) === c.column));
        if (!tot && !ps.length) continue;
        out.push({
          tables: [t.number],
          expected: tot ? toFixed4(tot.value) : 0n,
          actual: total(ps),
          summands: Math.max(ps.length, 1),
          message: `row ${label(tot ?? ps[0])}: ${colName(tc.path)} ≠ ${parts.map((p) => p.path[p.path.length - 1]).join(' + ')}`,
          cells: tot ? [tot, ...ps] : ps,
        });
      }
    }
  }
  return out;
}

/** The 合计 row of a table with subject codes equals the sum of its 类 (3-digit) rows. */
function totalRow(doc: DocumentResult): Comparison[] {
  const out: Comparison[] = [];
  for (const t of byCatalog(doc, FUNCTION_TABLES)) {
    for (const [, cells] of columns(t)) {
      const tot = cells.find((c) => !c.row_code && TOTAL_ROW.test(c.row_name));
      const classes = cells.filter((c) => c.row_code.length === 3);
      if (!tot && !classes.length) continue;
      if (!tot && !t.cells.some((c) => TOTAL_ROW.test(c.row_name))) continue;
      out.push({
        tables: [t.number],
        expected: tot ? toFixed4(tot.value) : 0n,
        actual: total(classes),
        summands: Math.max(classes.length, 1),
        message: `${t.title} 合计 (${(tot ?? classes[0]).column}) ≠ Σ ${classes.length} 类 rows`,
        cells: tot ? [tot, ...classes] : classes,
      });
    }
  }
  return out;
}

const find = (t: Table | undefined, panel: string, name: RegExp, column?: RegExp) =>
  t?.cells.find((c) => c.panel.startsWith(panel) && name.test(c.row_name.replace(/^[一二三四五六七八九十]+、/, '')) && (!column || column.test(c.column)));

/** The summary tables' panels balance: 收入 总计 = 支出 总计, and each side adds up to its 总计. */
function panels(doc: DocumentResult): Comparison[] {
  const out: Comparison[] = [];
  for (const t of byCatalog(doc, ['final.summary', 'final.fiscal-summary', 'budget.summary', 'budget.fiscal-summary'])) {
    const panelsIn = [...new Set(t.cells.map((c) => c.panel))];
    const inc = panelsIn.find((p) => p.startsWith('收入'));
    const exps = panelsIn.filter((p) => p.startsWith('支出'));
    if (!inc) continue;
    const incTotal = find(t, inc, /^(总计|收入总计)$/);
    for (const exp of exps) {
      const expTotal = t.cells.find((c) => c.panel === exp && /^(总计|支出总计)$/.test(c.row_name) && (c.column === incTotal?.column || /合计|决算数|预算数|金额/.test(c.column)));
      if (incTotal && expTotal)
        out.push({ tables: [t.number], expected: toFixed4(incTotal.value), actual: toFixed4(expTotal.value), summands: 1, message: `${inc} 总计 ≠ ${exp} 总计`, cells: [incTotal, expTotal] });
    }
    if (incTotal) {
      const parts = t.cells.filter((c) => c.panel === inc && c.column === incTotal.column && /^(本年收入合计|使用非财政拨款结余.*|年初结转和结余|年初财政拨款结转和结余|上年结转.*)$/.test(c.row_name));
      const current = parts.find((c) => c.row_name === '本年收入合计');
      if (current)
        out.push({ tables: [t.number], expected: toFixed4(incTotal.value), actual: total(parts), summands: parts.length, message: `收入 总计 ≠ ${parts.map((p) => p.row_name).join(' + ')}`, cells: [incTotal, ...parts] });
    }
    for (const exp of exps) {
      const expTotal = t.cells.find((c) => c.panel === exp && c.row_name === '总计' && c.column === incTotal?.column);
      if (!expTotal) continue;
      const parts = t.cells.filter((c) => c.panel === exp && c.column === expTotal.column && /^(本年支出合计|结余分配|年末结转和结余|年末财政拨款结转和结余)$/.test(c.row_name));
      if (parts.some((c) => c.row_name === '本年支出合计'))
        out.push({ tables: [t.number], expected: toFixed4(expTotal.value), actual: total(parts), summands: parts.length, message: `${exp} 总计 ≠ ${parts.map((p) => p.row_name).join(' + ')}`, cells: [expTotal, ...parts] });
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
    out.push({ tables: [ta.number, tb.number], expected: a ? toFixed4(a.value) : 0n, actual: b ? toFixed4(b.value) : 0n, summands: 1, message: msg, cells: [a, b].filter((x): x is Cell => Boolean(x)) });
  };
  if (t01 && t03) pair(find(t01, '支出', /^本年支出合计$/), t03.cells.find((c) => TOTAL_ROW.test(c.row_name) && /本年支出合计$/.test(c.column)), t01, t03, `${t01.number} 本年支出合计 ≠ ${t03.number} 合计 本年支出合计`);
  if (t01 && t02) pair(find(t01, '收入', /^本年收入合计$/), t02.cells.find((c) => TOTAL_ROW.test(c.row_name) && /本年收入合计$/.test(c.column)), t01, t02, `${t01.number} 本年收入合计 ≠ ${t02.number} 合计 本年收入合计`);
  if (t05 && t06) {
    const basic = t05.cells.find((c) => TOTAL_ROW.test(c.row_name) && /基本支出$/.test(c.column));
    const parts = t06.cells.filter((c) => /^(人员经费合计|公用经费合计)$/.test(c.row_name));
    if (basic && parts.length === 2)
      out.push({ tables: [t05.number, t06.number], expected: toFixed4(basic.value), actual: total(parts), summands: 2, message: `${t05.number} 合计 基本支出 ≠ ${t06.number} 人员经费合计 + 公用经费合计`, cells: [basic, ...parts] });
  }
  return out;
}

export const RULES: Rule[] = [
  { id: 'hierarchy.function', zh: '功能分类：类 = Σ款，款 = Σ项', en: 'function codes: each class equals the sum of its items', reads: FUNCTION_TABLES, run: (d) => hierarchy(d, FUNCTION_TABLES, [[3, 5], [5, 7]], 'function code') },
  { id: 'hierarchy.economic', zh: '经济分类：301/302… = Σ 明细科目', en: 'economic codes: each group equals the sum of its items', reads: ECONOMIC_TABLES, run: (d) => hierarchy(d, ECONOMIC_TABLES, [[3, 5]], 'economic code') },
  { id: 'row.total', zh: '每行：合计 = 各分项之和', en: 'every row: the total column equals the sum of its part columns', reads: ['*'], run: rowTotals },
  { id: 'column.total-row', zh: '合计行 = Σ 类级科目', en: 'the 合计 row equals the sum of the class rows', reads: FUNCTION_TABLES, run: totalRow },
  { id: 'panel.balance', zh: '收支平衡：收入总计 = 支出总计，各方合计 + 结转结余 = 总计', en: 'summary panels balance and add up to their totals', reads: ['final.summary', 'final.fiscal-summary', 'budget.summary', 'budget.fiscal-summary'], run: panels },
  { id: 'cross.tables', zh: '表间一致：总表与明细表相符', en: 'summary tables agree with the detail tables', reads: ['final.summary', 'final.income', 'final.expense', 'final.gpb-expense', 'final.gpb-basic'], run: acrossTables },
];
