/**
 * Hostile documents through the whole pipeline: each ends with a coded failure, fast, instead of
 * the gigabytes or minutes it asks for.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../src/pipeline/extract.js';
import { zipOf } from './fixtures/zipBomb.js';

describe('hostile documents', () => {
  it('a DOCX whose part inflates past the size its header claims fails corrupt before mammoth reads it', async () => {
    const lying = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(64 * 2 ** 20, 0x20), claimedSize: 40_000 },
    ]);
    const result = await extract(new Uint8Array(lying), { documentName: 'lying.docx' });
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('corrupt');
    expect(result.error?.message).toMatch(/too many bytes/);
  });
});
