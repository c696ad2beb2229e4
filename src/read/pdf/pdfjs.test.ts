import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const loader = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pdfjs.ts');

/** In a fresh process: which built-ins are still the engine's own after `script` has run. */
function nativesAfter(script: string): Record<string, boolean> {
  const code = `
    const was = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
    ${script}
    const now = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
    console.log(JSON.stringify(Object.fromEntries(Object.keys(was).map((k) => [k, now[k] === was[k]]))));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!,
  );
}

describe('the pdf.js loader', () => {
  it('puts back the built-ins pdf.js’s core-js replaces (push, JSON.parse, JSON.stringify)', () => {
    // why it must: pdf.js imported plainly replaces all three
    expect(nativesAfter(`await import('pdfjs-dist/legacy/build/pdf.mjs');`)).toEqual({
      push: false,
      parse: false,
      stringify: false,
    });
    expect(nativesAfter(`await import(${JSON.stringify(loader)});`)).toEqual({
      push: true,
      parse: true,
      stringify: true,
    });
  });
});
