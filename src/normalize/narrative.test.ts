import { describe, expect, it } from 'vitest';
import { narrativeFigures } from './narrative.js';

const figures = (text: string, page = 3) =>
  narrativeFigures([{ page, text }]).map((f) => `${f.key}=${f.value}${f.unit}`);

describe('narrativeFigures', () => {
  it('reads the 决算 说明 phrases, with spaces and separators as printed', () => {
    const text = [
      '2024 年度收入总计、支出总计均为 6,018.84 万元，与上年相比减少 12.00 万元。',
      '2024年度本年收入合计5992.10万元，其中：一般公共预算财政拨款收入5992.10万元。',
      '2024 年度本年支出合计 6010.75 万元，其中：基本支出 1405.43 万元，占 23.38%；项目支出',
      '4605.32 万元，占 76.62%。',
      '2024年度财政拨款收入总计、支出总计均为6018.84万元。',
    ].join('');
    expect(figures(text)).toEqual([
      'total=6018.84万元',
      'income.current=5992.10万元',
      'expense.current=6010.75万元',
      'expense.basic=1405.43万元',
      'expense.project=4605.32万元',
      'fiscal.total=6018.84万元',
    ]);
  });

  it('reads 基本支出, 人员经费, 公用经费 and the 三公 figure, not the items that follow it', () => {
    const text =
      '一般公共预算财政拨款基本支出5377.64万元。其中：人员经费4896.98万元，主要包括：基本工资、津贴补贴；公用经费480.66万元，主要包括：办公费。' +
      '“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元，完成预算的13.68%。' +
      '“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00万元。';
    expect(figures(text)).toEqual([
      'gpb.basic=5377.64万元',
      'gpb.personnel=4896.98万元',
      'gpb.public=480.66万元',
      'three.final=0.39万元',
    ]);
  });

  it('reads a budget’s 三公 figure and ignores sentences about changes', () => {
    expect(figures('2025年“三公”经费预算数为867.50万元，与2024年预算持平。收入支出总计增加1062.85万元。')).toEqual([
      'three.budget=867.50万元',
    ]);
  });

  it('keeps the page of each figure', () => {
    const f = narrativeFigures([{ page: 7, text: '本年收入合计 30.00 万元' }]);
    expect(f[0]).toMatchObject({ key: 'income.current', value: '30.00', unit: '万元', page: 7 });
  });
});
