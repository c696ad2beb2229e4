import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPdf } from './pdf.js';
import { handOver } from './pdfjsPort.js';

const corpus = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'corpus');

describe('the in-thread port to pdf.js’s parser', () => {
  it('keeps an operator-list chunk whole after the parser empties its arrays, without copying the arguments', () => {
    const args = [[{ unicode: '合', width: 1000 }], [10, 20]];
    const chunk = { fnArray: [44, 91], argsArray: args.slice(), lastChunk: false, length: 2 };
    const message = { sourceName: 'worker', targetName: 'main', stream: 4, streamId: 7, chunk };
    const got = handOver(message) as typeof message;
    // what OperatorList.flush does right after sending
    chunk.fnArray.length = 0;
    chunk.argsArray.length = 0;
    expect(got.chunk.fnArray).toEqual([44, 91]);
    expect(got.chunk.argsArray).toHaveLength(2);
    expect(got.chunk.argsArray[0]).toBe(args[0]);
    expect(got.streamId).toBe(7);
  });

  it('hands every other message over as a copy, as a worker boundary would', () => {
    const buffer = new Uint8Array([1, 2, 3]).buffer;
    const message = { action: 'commonobj', data: ['g_d0_f1', 'Font', { nested: [1, 2] }], buffer };
    const got = handOver(message, [buffer]) as typeof message;
    message.data[0] = 'changed';
    (message.data[2] as { nested: number[] }).nested.push(3);
    expect(got.data).toEqual(['g_d0_f1', 'Font', { nested: [1, 2] }]);
    // a transferred buffer moves to the receiver
    expect(buffer.byteLength).toBe(0);
    expect(new Uint8Array(got.buffer)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('serves documents read at the same time on one thread, each as read alone', async () => {
    const names = ['ruled-final-wanyuan.pdf', 'borderless-final-yuan.pdf', 'budget-three-panel-unnumbered.pdf'];
    const bytes = names.map((n) => new Uint8Array(readFileSync(path.join(corpus, n))));
    const alone = [];
    for (const b of bytes) alone.push(await readPdf(b));
    const together = await Promise.all(bytes.map((b) => readPdf(b)));
    expect(together).toEqual(alone);
    expect(alone.every((c) => c.value.pages.some((p) => p.items.length > 20))).toBe(true);
  });
});
