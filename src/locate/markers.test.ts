import { describe, expect, it } from 'vitest';
import { findCode, findEntity, findUnit, isMetaLine, matchTitle } from './markers.js';

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
    expect(matchTitle('“三公经费支出预算表', { fuzzy: true })?.entry.id).toBe('budget.three-public');
    expect(matchTitle('一尼公共预算财政拨款基本支出决算表', { fuzzy: true })?.entry.id).toBe('final.gpb-basic');
    expect(matchTitle('本部门无政府性基金预算财政拨款收支，故本表为空表', { fuzzy: true })).toBeUndefined();
  });
});
