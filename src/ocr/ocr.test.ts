import { describe, expect, it } from 'vitest';
import { parseAmount } from '../normalize/amount.js';
import { repairFigure, tidySeparators, vote } from './figures.js';
import { cjkPunctuation, repairMarks } from './labels.js';
import { pageRuns } from './ocr.js';

describe('figure readings', () => {
  it('take the digits most readings agree on', () => {
    expect(
      vote([
        { text: '2.88', confidence: 80 },
        { text: '2.88', confidence: 90 },
        { text: '2.88', confidence: 60 },
        { text: '2.68', confidence: 95 },
      ]),
    ).toEqual({ text: '2.88', confidence: 90 });
    expect(
      vote([
        { text: '1.10', confidence: 80 },
        { text: '1.10', confidence: 90 },
        { text: '110', confidence: 95 },
      ]),
    ).toEqual({ text: '1.10', confidence: 70 });
    expect(
      vote([
        { text: '15,000.00', confidence: 0 },
        { text: '15,000.00', confidence: 0 },
        { text: '15,000.00', confidence: 0 },
      ])?.confidence,
    ).toBe(95);
  });
  it('prefer the reading that kept its decimal point, but say the readings differed', () => {
    expect(
      vote([
        { text: '111', confidence: 91 },
        { text: '111', confidence: 91 },
        { text: '1.11', confidence: 80 },
      ]),
    ).toEqual({ text: '1.11', confidence: 70 });
  });
  it('flag a figure the readings disagree on', () => {
    expect(
      vote([
        { text: '134', confidence: 80 },
        { text: '1.15', confidence: 90 },
        { text: '15', confidence: 90 },
      ])?.confidence,
    ).toBeLessThanOrEqual(30);
    expect(
      vote([
        { text: '5,104,954.32', confidence: 90 },
        { text: '5,704,954.32', confidence: 90 },
      ])?.confidence,
    ).toBeLessThanOrEqual(30);
    expect(vote([])).toBeUndefined();
  });
  it('tidy doubled separators without touching a digit', () => {
    expect(tidySeparators('15,.000.00')).toBe('15,000.00');
    expect(tidySeparators('15,000..00')).toBe('15,000.00');
    expect(tidySeparators('1,10')).toBe('1.10');
    expect(tidySeparators('1,100')).toBe('1,100');
    expect(tidySeparators('6, 969, 954. 82')).toBe('6,969,954.82');
  });
});

describe('Chinese text as tesseract writes it', () => {
  it('puts marks back as print has them', () => {
    expect(cjkPunctuation('财政拨款”三公”经费')).toBe('财政拨款“三公”经费');
    expect(cjkPunctuation('政府办公厅（〈室）及相关机构事务')).toBe('政府办公厅（室）及相关机构事务');
    expect(cjkPunctuation('1：一般公共预算')).toBe('1.一般公共预算');
    expect(cjkPunctuation('单位：万元')).toBe('单位：万元');
    expect(cjkPunctuation('便携式计算机（20万以F）')).toBe('便携式计算机（20万以下）');
    expect(cjkPunctuation('PDF文件')).toBe('PDF文件');
    expect(['F）', 'F)', 'F'].map(cjkPunctuation)).toEqual(['下）', '下）', 'F']);
    expect(cjkPunctuation('！、社会保障和就业支出')).toBe('社会保障和就业支出');
    expect(['！、', '二、'].map(cjkPunctuation)).toEqual(['', '二、']);
    expect(cjkPunctuation('二、社会保障和就业支出')).toBe('二、社会保障和就业支出');
    expect(cjkPunctuation('政府办公厅〈室）及相关机构事务')).toBe('政府办公厅（室）及相关机构事务');
    expect(cjkPunctuation('乡村振兴专项第]项')).toBe('乡村振兴专项第1项');
    expect(cjkPunctuation('。商品和服务支出')).toBe('商品和服务支出');
    expect(cjkPunctuation('决算数。。')).toBe('决算数');
    expect(cjkPunctuation('本表反映部门本年度情况。')).toBe('本表反映部门本年度情况。');
  });
  it('reads a 公开 mark with one character misread around its number', () => {
    expect(repairMarks('公开2?表')).toBe('公开2表');
    expect(repairMarks('公开09胡')).toBe('公开09表');
    expect(repairMarks('公开表一')).toBe('公开表一');
  });
});

describe('OCR confusions in figures', () => {
  it('reads O for 0 and a comma before two decimals', () => {
    expect(parseAmount(repairFigure('1O5.0O'))?.text).toBe('105.00');
    expect(parseAmount(repairFigure('16，62'))?.text).toBe('16.62');
    expect(repairFigure('1,23')).toBe('1.23');
  });
  it('never invents a digit', () => {
    expect(parseAmount(repairFigure('Ol'))).toBeNull();
    expect(parseAmount(repairFigure('O'))).toBeNull();
    expect(parseAmount(repairFigure('12,3456'))).toBeNull();
    expect(repairFigure('收入O')).toBe('收入O');
  });
});

describe('pageRuns', () => {
  it('groups pages into runs of consecutive numbers (one pdftoppm each)', () => {
    expect(pageRuns([3, 1, 2, 7, 9, 8, 12])).toEqual([
      [1, 3],
      [7, 9],
      [12, 12],
    ]);
    expect(pageRuns([])).toEqual([]);
    expect(pageRuns([5, 5])).toEqual([[5, 5]]);
  });
});
