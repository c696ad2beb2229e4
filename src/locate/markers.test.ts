import { describe, expect, it } from 'vitest';
import { findCode, findEntity, findUnit, findUnitOver, isMetaLine, isPageNumber, matchTitle } from './markers.js';

describe('table codes', () => {
  it('reads every printed spelling', () => {
    expect(findCode('公开01表')?.number).toBe(1);
    expect(findCode('公开 06 表')?.number).toBe(6);
    expect(findCode('公开1表')?.number).toBe(1);
    expect(findCode('公开表十二')?.number).toBe(12);
    expect(findCode('公开表一')?.number).toBe(1);
    expect(findCode('编制单位：佛坪县统计局     公开 02 表')?.number).toBe(2);
  });
});

describe('titles', () => {
  it('matches catalog titles with a year or unit prefix', () => {
    expect(matchTitle('收入支出决算总表')?.entry.id).toBe('final.summary');
    expect(matchTitle('2025年部门财务收支预算总表')?.entry.id).toBe('budget.summary');
    expect(matchTitle('2025年部门财务收支预算总表')?.title).toBe('部门财务收支预算总表');
    expect(matchTitle('一般公共预算财政拨款“三公”经费支出决算表')?.entry.id).toBe('final.three-public');
    expect(matchTitle('财政拨款支出预算表（功能科目）')?.entry.id).toBe('budget.fiscal-expense');
  });
  it('does not take narrative sentences for titles', () => {
    expect(matchTitle('详见《收入决算表》（公开02表）。')).toBeUndefined();
    expect(matchTitle('本部门2024年度无政府性基金预算财政拨款收支，故本表为空表')).toBeUndefined();
    expect(matchTitle('项目绩效自评表')).toBeUndefined();
  });
});

describe('marks', () => {
  it('reads unit and entity', () => {
    expect(findUnit('单位：万元')).toBe('万元');
    expect(findUnit('编制部门：上海市普陀区财政局 单位：元')).toBe('元');
    expect(findEntity('编制单位：中共西乡县委办公室')).toBe('中共西乡县委办公室');
    expect(findEntity('部门： 江苏省人大常委会办公厅             单位：万元')).toBe('江苏省人大常委会办公厅');
    expect(isMetaLine('编制单位：佛坪县统计局   公开 06 表')).toBe(true);
    expect(isMetaLine('一、一般公共预算财政拨款收入 1 474.06')).toBe(false);
  });
  it('matches OCR titles with a misread character, and only OCR titles', () => {
    expect(matchTitle('一必公共预算财政拨款支出决算表', { fuzzy: true })?.entry.id).toBe('final.gpb-expense');
    expect(matchTitle('一必公共预算财政拨款支出决算表')).toBeUndefined();
    expect(matchTitle('收入预算总胡', { fuzzy: true })?.entry.id).toBe('budget.income');
    expect(matchTitle('收人预算总表', { fuzzy: true })?.title).toBe('收入预算总表');
    expect(matchTitle('收人预算总表')).toBeUndefined();
    expect(matchTitle('“三公经费支出预算表', { fuzzy: true })?.entry.id).toBe('budget.three-public');
    expect(matchTitle('一尼公共预算财政拨款基本支出决算表', { fuzzy: true })?.entry.id).toBe('final.gpb-basic');
    expect(matchTitle('本部门无政府性基金预算财政拨款收支，故本表为空表', { fuzzy: true })).toBeUndefined();
    // a header read as one line (项目 | 支出预算) is one edit from 项目支出预算表 only by taking its last
    // character for 表: a second guess is not allowed
    expect(matchTitle('项目 支出预算', { fuzzy: true })).toBeUndefined();
    expect(matchTitle('项目支出预算胡', { fuzzy: true })?.entry.id).toBe('budget.project');
    // a stroke read as a bracket in the first part of a title whose last part is an alias
    expect(matchTitle('一般公共预算）机关运行经费支出预算表', { fuzzy: true })?.title).toBe(
      '一般公共预算机关运行经费支出预算表',
    );
    // a heavy stroke read as a corner bracket, inside the qualifier
    expect(matchTitle('财政拨款支出预算表 （功能科「目）', { fuzzy: true })?.entry.id).toBe('budget.fiscal-expense');
    expect(matchTitle('财政拨款支出预算表 （功能科[目）', { fuzzy: true })?.title).toBe(
      '财政拨款支出预算表（功能科目）',
    );
    expect(matchTitle('财政拨款支出预算表 （功能科「目）')).toBeUndefined();
  });
});

describe('national schemes', () => {
  const id = (t: string) => matchTitle(t, { nonAmount: true })?.entry.id;
  it('reads the labels of every scheme', () => {
    expect(findCode('预算01表')?.number).toBe(1);
    expect(findCode('预算表12')?.number).toBe(12);
    expect(findCode('单位预算表10')?.number).toBe(10);
    expect(findCode('公开表3')?.number).toBe(3);
    expect(matchTitle('预算 06表 一般公共预算基本支出表')?.code?.number).toBe(6);
    expect(matchTitle('表 10 政府性基金预算支出表')?.code?.number).toBe(10);
    expect(matchTitle('表1：2026年市级部门收支预算总表')?.code?.number).toBe(1);
    expect(matchTitle('公开 01 表 收支总表')?.code?.number).toBe(1);
  });
  it('classes titles no alias lists by their words', () => {
    expect(id('预算01表 收支总表')).toBe('budget.summary');
    expect(id('2026 年单位收支总体情况表')).toBe('budget.summary');
    expect(id('表１：２０２１年部门综合预算收支总表')).toBe('budget.summary');
    expect(id('2022部门综合预算财政拨款结转资金支出表')).toBe('budget.fiscal-carryover');
    expect(id('本年支出总体情况表')).toBe('budget.expense');
    expect(id('2026年度一般公共预算拨款支出预算表')).toBe('budget.gpb-expense');
    expect(id('一般公共预算支出表（按经济分类）')).toBe('budget.gpb-economic');
    expect(id('一般公共预算支出明细表（按支出经济分类科目-不含上年结转）')).toBe('budget.gpb-economic');
    expect(id('2026年市级部门一般公共预算"三公"经费支出表')).toBe('budget.three-public');
    expect(id('财政拨款安排的行政经费及“三公”经费预算表')).toBe('budget.three-public');
    expect(id('部门预算基本支出预算表')).toBe('budget.basic');
    expect(id('财政拨款政府购买服务明细表')).toBe('budget.purchase');
    expect(id('2026年专用设备购置明细表')).toBe('budget.other');
  });
  it('finds performance forms only when asked, and never takes part headings or lists for titles', () => {
    expect(id('预算表12 年度项目支出绩效表')).toBe('budget.performance');
    expect(matchTitle('2026年部门整体绩效目标表')).toBeUndefined();
    expect(id('第二部分 2026年部门预算表')).toBeUndefined();
    expect(id('2026年度单位预算表')).toBeUndefined();
  });
  it('reads an entity printed without a label before the unit', () => {
    expect(findEntity('341-湖州市财政局                 单位:万元')).toBe('湖州市财政局');
    expect(isMetaLine('341-湖州市财政局                 单位:万元')).toBe(true);
    expect(findEntity('部门（单位）：烟台市民政局        单位：万元')).toBe('烟台市民政局');
    expect(isMetaLine('合计        单位：万元')).toBe(false);
    // 单位 naming the department, then 单位 naming the money unit (Wuxi)
    const both = '单位：无锡市应急管理综合行政执法监督局                单位：万元';
    expect([isMetaLine(both), findEntity(both), findUnit(both)]).toEqual([
      true,
      '无锡市应急管理综合行政执法监督局',
      '万元',
    ]);
    expect(findEntity('单位：万元')).toBeUndefined();
    // 单位：万 | 元 over two lines, the department's name between
    const split = ['单位：万', '部门名称：江苏省高级人民法院                元'];
    expect(split.map(isMetaLine)).toEqual([true, true]);
    expect([findUnit(split[0]), findUnitOver(split), findEntity(split[0])]).toEqual([undefined, '万元', undefined]);
  });
});

describe('page numbers', () => {
  it('are found however the 第…页 and 共…页 parts are printed and punctuated', () => {
    for (const t of ['- 7 -', '12', '第 11 页，共 40 页', '第11页 共40页', '共40页 第11页', '第3页/共9页', '3/40'])
      expect(isPageNumber(t), t).toBe(true);
    for (const t of ['第一部分', '2013801', '第11页行政运行', '共40页']) expect(isPageNumber(t), t).toBe(false);
  });
});
