/**
 * The standard disclosure tables, as data. A printed title matches an entry when, after the
 * year / unit-name prefix is removed, it ends with the title or one of its aliases.
 * `order` is the table's place in the national 决算 scheme (公开01表 … 公开09表); budget schemes
 * differ between provinces, so budget tables are numbered as printed or by position.
 */
import type { CatalogEntry } from '../model/draft.js';

export const CATALOG: CatalogEntry[] = [
  // ── 部门决算 ────────────────────────────────────────────────────────────────
  {
    id: 'final.summary',
    kind: '决算',
    order: 1,
    title: '收入支出决算总表',
    aliases: ['部门收支决算总表', '收支决算总表', '部门收入支出决算总表'],
    panels: true,
  },
  { id: 'final.income', kind: '决算', order: 2, title: '收入决算表', aliases: ['部门收入决算表'] },
  { id: 'final.expense', kind: '决算', order: 3, title: '支出决算表', aliases: ['部门支出决算表'] },
  {
    id: 'final.fiscal-summary',
    kind: '决算',
    order: 4,
    title: '财政拨款收入支出决算总表',
    aliases: ['财政拨款收支决算总表'],
    panels: true,
  },
  {
    id: 'final.gpb-expense',
    kind: '决算',
    order: 5,
    title: '一般公共预算财政拨款支出决算表',
    aliases: [
      '一般公共预算财政拨款支出决算表(按支出功能分类科目)',
      '一般公共预算财政拨款支出决算明细表',
      '一般公共预算支出决算表',
    ],
  },
  {
    id: 'final.gpb-basic',
    kind: '决算',
    order: 6,
    title: '一般公共预算财政拨款基本支出决算表',
    aliases: [
      '一般公共预算财政拨款基本支出决算明细表',
      '一般公共预算基本支出决算表',
      '一般公共预算财政拨款基本支出决算表(按经济分类科目)',
    ],
  },
  {
    id: 'final.gov-fund',
    kind: '决算',
    order: 7,
    title: '政府性基金预算财政拨款收入支出决算表',
    aliases: ['政府性基金预算财政拨款支出决算表', '政府性基金财政拨款收入支出决算表'],
  },
  {
    id: 'final.soe-capital',
    kind: '决算',
    order: 8,
    title: '国有资本经营预算财政拨款支出决算表',
    aliases: ['国有资本经营预算财政拨款收入支出决算表', '国有资本经营预算支出决算表'],
  },
  {
    id: 'final.three-public',
    kind: '决算',
    order: 9,
    title: '财政拨款"三公"经费支出决算表',
    aliases: [
      '财政拨款"三公"经费及会议费、培训费支出决算表',
      '一般公共预算财政拨款"三公"经费支出决算表',
      '"三公"经费支出决算表',
      '财政拨款"三公"经费、会议费、培训费支出决算表',
      '一般公共预算财政拨款"三公"经费及会议费、培训费支出决算表',
    ],
  },
  // ── 部门预算 (national template, Shanghai and Jiangsu variants) ─────────────
  {
    id: 'budget.summary',
    kind: '预算',
    title: '收支预算总表',
    aliases: ['财务收支预算总表', '部门收支预算总表', '部门财务收支预算总表', '收入支出预算总表'],
    panels: true,
  },
  { id: 'budget.income', kind: '预算', title: '收入预算总表', aliases: ['部门收入预算总表', '收入预算表'] },
  { id: 'budget.expense', kind: '预算', title: '支出预算总表', aliases: ['部门支出预算总表', '支出预算表'] },
  {
    id: 'budget.fiscal-summary',
    kind: '预算',
    title: '财政拨款收支预算总表',
    aliases: ['财政拨款收入支出预算总表'],
    panels: true,
  },
  { id: 'budget.fiscal-expense', kind: '预算', title: '财政拨款支出预算表', aliases: ['财政拨款支出预算明细表'] },
  { id: 'budget.fiscal-basic', kind: '预算', title: '财政拨款基本支出预算表', aliases: [] },
  {
    id: 'budget.gpb-expense',
    kind: '预算',
    title: '一般公共预算支出预算表',
    aliases: ['一般公共预算支出功能分类预算表', '一般公共预算财政拨款支出预算表'],
  },
  {
    id: 'budget.gpb-basic',
    kind: '预算',
    title: '一般公共预算基本支出预算表',
    aliases: [
      '一般公共预算基本支出部门预算经济分类预算表',
      '一般公共预算财政拨款基本支出预算表',
      '一般公共预算基本支出经济分类预算表',
    ],
  },
  {
    id: 'budget.gov-fund',
    kind: '预算',
    title: '政府性基金支出预算表',
    aliases: [
      '财政拨款政府性基金支出预算表',
      '政府性基金预算支出功能分类预算表',
      '政府性基金预算财政拨款支出预算表',
      '政府性基金财政拨款支出预算表',
      '政府性基金预算支出预算表',
    ],
  },
  {
    id: 'budget.soe-capital',
    kind: '预算',
    title: '国有资本经营预算支出预算表',
    aliases: ['国有资本经营预算支出功能分类预算表', '国有资本经营预算财政拨款支出预算表'],
  },
  {
    id: 'budget.gpb-running',
    kind: '预算',
    title: '一般公共预算机关运行经费支出预算表',
    aliases: ['机关运行经费支出预算表'],
  },
  {
    id: 'budget.three-public',
    kind: '预算',
    title: '"三公"经费、会议费、培训费支出预算表',
    aliases: [
      '一般公共预算"三公"经费、会议费、培训费支出预算表',
      '"三公"经费和机关运行经费预算表',
      '一般公共预算"三公"经费支出预算表',
      '财政拨款"三公"经费支出预算表',
      '"三公"经费支出预算表',
    ],
  },
  {
    id: 'budget.procurement',
    kind: '预算',
    title: '政府采购预算表',
    aliases: ['政府采购支出预算表', '政府采购预算明细表'],
  },
  // ── budget tables of other provinces' schemes (Beijing 预算NN表, Guangdong, Shenzhen, Shaanxi …) ──
  { id: 'budget.basic', kind: '预算', title: '基本支出预算表', aliases: ['基本支出总表', '基本支出预算情况表'] },
  { id: 'budget.project', kind: '预算', title: '项目支出预算表', aliases: ['项目支出总表', '项目支出预算情况表'] },
  { id: 'budget.gpb-project', kind: '预算', title: '一般公共预算项目支出预算表', aliases: [] },
  {
    id: 'budget.gpb-economic',
    kind: '预算',
    title: '一般公共预算支出经济分类预算表',
    aliases: ['一般公共预算支出经济分类情况表'],
  },
  { id: 'budget.fiscal-project', kind: '预算', title: '财政拨款项目支出预算表', aliases: [] },
  { id: 'budget.fiscal-carryover', kind: '预算', title: '财政拨款上年结转资金支出表', aliases: [] },
  { id: 'budget.purchase', kind: '预算', title: '政府购买服务预算表', aliases: ['财政拨款政府购买服务明细表'] },
  { id: 'budget.special', kind: '预算', title: '专项业务经费支出表', aliases: [] },
  { id: 'budget.performance', kind: '预算', title: '绩效目标表', aliases: [], amounts: false },
  { id: 'budget.other', kind: '预算', title: '预算表', aliases: [], generic: true },
  { id: 'final.performance', kind: '决算', title: '绩效自评表', aliases: [], amounts: false },
  { id: 'final.other', kind: '决算', title: '决算表', aliases: [], generic: true },
];

/**
 * Titles no alias lists are classed by their words, as a reader would: the first family whose
 * words all occur in the title (after its code, year and 部门/单位 prefix) names the table.
 * `budget` / `final` are the catalog ids for 预算 and 决算 titles. 绩效 / 目标表 forms come first:
 * they are found (so that they end the table before them) but hold targets, not amounts.
 */
export interface TitleFamily {
  words: string[];
  budget: string;
  final?: string;
}

export const TITLE_FAMILIES: TitleFamily[] = [
  { words: ['绩效'], budget: 'budget.performance', final: 'final.performance' },
  { words: ['目标表'], budget: 'budget.performance', final: 'final.performance' },
  { words: ['三公'], budget: 'budget.three-public', final: 'final.three-public' },
  { words: ['机关运行经费'], budget: 'budget.gpb-running' },
  { words: ['政府采购'], budget: 'budget.procurement' },
  { words: ['政府购买服务'], budget: 'budget.purchase' },
  { words: ['国有资本经营'], budget: 'budget.soe-capital', final: 'final.soe-capital' },
  { words: ['政府性基金'], budget: 'budget.gov-fund', final: 'final.gov-fund' },
  { words: ['一般公共预算', '基本支出'], budget: 'budget.gpb-basic', final: 'final.gpb-basic' },
  { words: ['一般公共预算', '项目支出'], budget: 'budget.gpb-project' },
  { words: ['一般公共预算', '经济分类'], budget: 'budget.gpb-economic' },
  { words: ['一般公共预算'], budget: 'budget.gpb-expense', final: 'final.gpb-expense' },
  { words: ['财政拨款', '收支'], budget: 'budget.fiscal-summary', final: 'final.fiscal-summary' },
  { words: ['财政拨款', '收入支出'], budget: 'budget.fiscal-summary', final: 'final.fiscal-summary' },
  { words: ['财政拨款', '基本支出'], budget: 'budget.fiscal-basic' },
  { words: ['财政拨款', '项目支出'], budget: 'budget.fiscal-project' },
  { words: ['财政拨款', '结转'], budget: 'budget.fiscal-carryover' },
  { words: ['财政拨款', '支出'], budget: 'budget.fiscal-expense' },
  { words: ['收支'], budget: 'budget.summary', final: 'final.summary' },
  { words: ['收入支出'], budget: 'budget.summary', final: 'final.summary' },
  { words: ['收入'], budget: 'budget.income', final: 'final.income' },
  { words: ['基本支出'], budget: 'budget.basic' },
  { words: ['项目支出'], budget: 'budget.project' },
  { words: ['专项'], budget: 'budget.special' },
  { words: ['支出'], budget: 'budget.expense', final: 'final.expense' },
];

/** Words a title's prefix may not hold when the title is matched by its ending: they change what the table is. */
export const MEANINGFUL_PREFIX = /一般公共|政府性基金|国有资本|财政拨款|三公|机关运行|政府采购|基本支出|项目支出|绩效/;
