import { describe, expect, it } from 'vitest';
import { zipOf } from '../../../tests/fixtures/zipBomb.js';
import { assertInflatesSafely, DEFAULT_ZIP_LIMITS } from './zip.js';

const small = { ...DEFAULT_ZIP_LIMITS, maxEntry: 2 ** 20 };
const docx = (data: Buffer, claimedSize?: number) =>
  zipOf([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    { name: 'word/document.xml', data, claimedSize },
  ]);

describe('zip parts inflated and counted before a reader unpacks them', () => {
  it('passes an honest archive within the limits', async () => {
    await expect(assertInflatesSafely(docx(Buffer.alloc(1000, 0x20)), small)).resolves.toBeUndefined();
  });

  it('refuses a part whose header says it is past the limit', async () => {
    await expect(assertInflatesSafely(docx(Buffer.alloc(2 ** 21, 0x20)), small)).rejects.toMatchObject({
      code: 'unsafe-archive',
    });
  });

  it('stops a part that inflates past the size its header claims (a lying zip bomb), at once', async () => {
    const lying = docx(Buffer.alloc(2 ** 21, 0x20), 1000);
    await expect(assertInflatesSafely(lying, small)).rejects.toMatchObject({ code: 'corrupt' });
  });
});
