/** The library API: a path or bytes in, a typed result out; stoppable, observable, never rejecting. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extract, type ExtractStage } from '../src/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const pdf = path.join(root, 'corpus', 'ruled-final-wanyuan.pdf');

describe('extract() as a library', () => {
  it('reads bytes as it reads the file they came from', async () => {
    const fromFile = await extract(pdf);
    const fromBytes = await extract(readFileSync(pdf), { documentName: 'ruled-final-wanyuan.pdf' });
    expect(fromBytes.status).toBe(fromFile.status);
    expect(fromBytes.sha256).toBe(fromFile.sha256);
    expect(fromBytes.tables.map((t) => t.cells)).toEqual(fromFile.tables.map((t) => t.cells));
  });

  it('tells each stage as it starts, in order', async () => {
    const stages: ExtractStage[] = [];
    await extract(pdf, { onProgress: (s) => stages.push(s) });
    expect(stages).toEqual(['read', 'ocr', 'locate', 'tables', 'checks']);
  });

  it('stops when its signal is aborted, with a failed result rather than a rejection', async () => {
    const controller = new AbortController();
    const result = await extract(pdf, {
      signal: controller.signal,
      onProgress: (s) => {
        if (s === 'locate') controller.abort();
      },
    });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('aborted');
    expect(result.pages).toBeGreaterThan(0);
  });

  it('never rejects, whatever the bytes', async () => {
    for (const bytes of [Buffer.from('%PDF-1.4\n1 0 obj <<'), Buffer.alloc(0), Buffer.from('PK\x03\x04garbage')]) {
      const r = await extract(bytes);
      expect(r.status).toBe('failed');
      expect(r.error?.code).toMatch(/^(corrupt|empty-file|unsupported-format)$/);
    }
  });
});
