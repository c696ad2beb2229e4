import { describe, expect, it } from 'vitest';
import { hasMeetingOrTraining, measureOf } from './measures.js';

const m = (columnPath: string[], rowName = '', kind: '决算' | '预算' = '预算', extras = false) =>
  measureOf({ catalogId: `${kind === '决算' ? 'final' : 'budget'}.three-public`, kind, rowName, columnPath }, extras);

describe('measureOf: 三公 tables in every layout', () => {
  it('items as columns, the 三公 total under “三公”经费 (Shanghai)', () => {
    expect(m(['“三公”经费预算数', '合计'])).toEqual({ measure: 'three_public.total', basis: '预算' });
    expect(m(['“三公”经费预算数', '公务用车购置及运行费', '小计'])).toEqual({
      measure: 'three_public.vehicle',
      basis: '预算',
    });
    expect(m(['“三公”经费预算数', '公务用车购置及运行费', '运行费']).measure).toBe('three_public.vehicle_running');
    expect(m(['2024年机关运行经费预算数']).measure).toBe('running_costs');
    expect(m(['财政拨款“三公”经费', '合计', '决算数'], '', '决算')).toEqual({
      measure: 'three_public.total',
      basis: '决算',
    });
    expect(m(['财政拨款“三公”经费', '合计', '预算数'], '', '决算')).toEqual({
      measure: 'three_public.total',
      basis: '预算',
    });
  });

  it('a plain 合计 beside 会议费 / 培训费 is the total of all five (Jiangsu); 小计 under 三公 is the 三公 total', () => {
    const labels = ['“三公”经费/小计', '会议费', '培训费', '合计'];
    const extras = hasMeetingOrTraining(labels);
    expect(extras).toBe(true);
    expect(m(['合计'], '', '预算', extras).measure).toBe('three_public_meeting_training.total');
    expect(m(['“三公”经费', '小计'], '', '预算', extras).measure).toBe('three_public.total');
    expect(m(['会议费'], '', '预算', extras).measure).toBe('meeting');
    expect(m(['“三公”经费', '因公出国（境）费'], '', '预算', extras).measure).toBe('three_public.abroad');
  });

  it('items as rows, basis from the column', () => {
    expect(m(['决算数'], '一、因公出国（境）费', '决算')).toEqual({ measure: 'three_public.abroad', basis: '决算' });
    expect(m(['预算数'], '（一）公务用车购置费', '决算').measure).toBe('three_public.vehicle_purchase');
    expect(m(['决算数'], '合计', '决算')).toEqual({ measure: 'three_public.total', basis: '决算' });
  });

  it('other tables carry no measure yet', () => {
    expect(
      measureOf({ catalogId: 'final.summary', kind: '决算', rowName: '合计', columnPath: ['决算数'] }, false),
    ).toEqual({ measure: '', basis: '' });
  });
});
