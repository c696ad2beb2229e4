import { describe, expect, it } from 'vitest';
import { codeOfReason, jobOptions } from './jobs.js';
import { TRANSIENT_ATTEMPTS } from './settings.js';

describe('queue jobs', () => {
  it('one job per content: the id is the sha256, retried with a growing wait', () => {
    const o = jobOptions('ab'.repeat(32));
    expect(o.jobId).toBe('ab'.repeat(32));
    expect(o.attempts).toBe(TRANSIENT_ATTEMPTS);
    expect(o.backoff).toMatchObject({ type: 'exponential' });
  });

  it('a failed job’s code is read from its reason, ours only', () => {
    expect(codeOfReason('timeout: not done after 120 s')).toBe('timeout');
    expect(codeOfReason('out-of-memory: the worker ran out')).toBe('out-of-memory');
    expect(codeOfReason('job stalled more than allowable limit')).toBeNull();
    expect(codeOfReason('nonsense: x')).toBeNull();
    expect(codeOfReason(undefined)).toBeNull();
  });
});
