/** The library API: a path or bytes in, a typed result out; stoppable, observable, never rejecting. */
import { execFileSync } from 'node:child_process';
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

  it('fails, and leaves the caller running, when the caller\u2019s own callback throws', async () => {
    const result = await extract(pdf, {
      onProgress: (s) => {
        if (s === 'ocr') throw new Error('the caller broke');
      },
    });
    expect(result.status).toBe('failed');
    expect(result.error).toEqual({ code: 'internal', message: 'the extraction stopped: the caller broke' });
  });

  it('never rejects, whatever the bytes', async () => {
    for (const bytes of [Buffer.from('%PDF-1.4\n1 0 obj <<'), Buffer.alloc(0), Buffer.from('PK\x03\x04garbage')]) {
      const r = await extract(bytes);
      expect(r.status).toBe('failed');
      expect(r.error?.code).toMatch(/^(corrupt|empty-file|unsupported-format)$/);
    }
  });

  it('leaves the caller\u2019s globals, built-ins and own pdf.js as they were', () => {
    // a caller's process: its globals and built-ins before gongkai is imported, and after a PDF is read
    const script = `
      const names = ['Object', 'Array', 'String', 'Number', 'Promise', 'Map', 'Set', 'WeakMap', 'JSON', 'Math',
        'Reflect', 'Symbol', 'Uint8Array', 'ArrayBuffer', 'Function', 'DataView'];
      const snap = () => {
        const seen = new Map();
        const add = (label, o) => { for (const k of Reflect.ownKeys(o)) {
          const d = Object.getOwnPropertyDescriptor(o, k); seen.set(label + String(k), d.value ?? d.get); } };
        add('', globalThis);
        for (const n of names) {
          add(n + '.', globalThis[n]);
          if (globalThis[n].prototype) add(n + '#', globalThis[n].prototype);
        }
        return seen;
      };
      const before = snap();
      const { extract } = await import(${JSON.stringify(path.join(root, 'src', 'index.ts'))});
      const result = await extract(${JSON.stringify(pdf)});
      const after = snap();
      const changed = [...after].filter(([k, v]) => !before.has(k) || !Object.is(before.get(k), v)).map(([k]) => k);
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      console.log(JSON.stringify({ status: result.status, changed, edited: 'gongkaiTextOnlyFonts' in pdfjs }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    const seen = JSON.parse(out.trim().split('\n').at(-1)!) as { status: string; changed: string[]; edited: boolean };
    expect(seen.status).toBe('ok');
    // zod keeps one registry of schemas per process on globalThis, by design, for every copy of zod
    expect(seen.changed.filter((k) => k !== '__zod_globalRegistry')).toEqual([]);
    expect(seen.edited).toBe(false);
  });
});
