/** sha256 of a file, streamed (a harvest hashes every input before deciding what to redo). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha256File(file: string): Promise<string | null> {
  return new Promise((resolve) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => h.update(chunk))
      .on('error', () => resolve(null))
      .on('end', () => resolve(h.digest('hex')));
  });
}
