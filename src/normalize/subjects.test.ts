import { describe, expect, it } from 'vitest';
import { subjectCodes } from './subjects.js';

const cell = (row_code: string, row_name: string) => ({ row_code, row_name });

describe('subjectCodes', () => {
  it('keeps a printed code, and codes a numbered summary row by the document’s own coded rows', () => {
    const cells = [
      cell('', '一、一般公共服务支出'),
      cell('', '（二）住房改革支出'),
      cell('201', '一般公共服务支出'),
      cell('22102', '住房改革支出'),
    ];
    expect(subjectCodes(cells)).toEqual(['201', '22102', '201', '22102']);
  });

  it('falls back on the national 类 names, earlier years’ names included', () => {
    const cells = [cell('', '四、文化体育与传媒支出'), cell('', '医疗卫生与计划生育支出'), cell('', '本年支出合计')];
    expect(subjectCodes(cells)).toEqual(['207', '210', '']);
  });

  it('gives no code to a name the document codes in two ways', () => {
    const cells = [cell('', '其他支出'), cell('229', '其他支出'), cell('21999', '其他支出')];
    expect(subjectCodes(cells)).toEqual(['', '229', '21999']);
  });
});
