import { describe, expect, it } from 'vitest';
import { documentMeta } from './metadata.js';

describe('documentMeta', () => {
  it('names the department without the (本级) / (汇总) its tables print after it', () => {
    const meta = documentMeta({
      lines: ['2026年部门预算'],
      tableKinds: ['预算', '预算'],
      tableEntities: ['西安市公安局(汇总)', '福州市科学技术局（本级）', '西安市公安局(汇总)'],
      tableUnits: ['元'],
      fileName: 'x.pdf',
    });
    expect(meta.entity).toBe('西安市公安局');
  });
});
