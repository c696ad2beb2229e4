import { describe, expect, it } from 'vitest';
import { codeDoubtsName, matchColumn, matchName } from './vocabulary.js';

describe('OCR names matched to the names real disclosures print', () => {
  it('by subject code', () => {
    expect(matchName('住丽公积金', '2210201')).toBe('住房公积金');
    expect(matchName('其他项固脱贫攻坚成果衍接乡村振兴支出', '2130599')).toBe('其他巩固脱贫攻坚成果衔接乡村振兴支出');
  });
  it('without a code, keeping the enumerator', () => {
    expect(matchName('五、住再保障支出', '')).toBe('五、住房保障支出');
  });
  it('column headings, quotes lost or not', () => {
    expect(matchColumn('财政拨款三公经费')).toBe('财政拨款“三公”经费');
    expect(matchColumn('决算数。。')).toBe('决算数');
  });
  it('leaves names it does not know, and short names one character from another', () => {
    expect(matchName('乡村振兴专项第13项', '2130522')).toBe('乡村振兴专项第13项');
    expect(matchName('其他收入', '')).toBe('其他收入');
    expect(matchName('其他支入', '')).toBe('其他支入');
  });
});

describe('an OCR subject code that doubts its row name', () => {
  it('a code of no class, and a code another code’s own name stands beside (款 digits lost)', () => {
    expect(codeDoubtsName('71102', '事业单位医疗')).toBe(true);
    expect(codeDoubtsName('21001', '行政单位医疗')).toBe(true);
  });
  it('not the code’s own name, a name many codes print, or a row without a code', () => {
    expect(codeDoubtsName('2101101', '行政单位医疗')).toBe(false);
    expect(codeDoubtsName('2210201', '住房公积金')).toBe(false);
    expect(codeDoubtsName('2013101', '行政运行')).toBe(false);
    expect(codeDoubtsName('', '合计')).toBe(false);
    expect(codeDoubtsName('310', '其他资本性支出')).toBe(false);
    expect(codeDoubtsName('30299', '某个词汇表里没有的名称')).toBe(false);
  });
});
