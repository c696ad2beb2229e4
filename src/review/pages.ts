/** Page images for the review site: poppler renders each page that holds cells, as PNG. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import { run } from '../ocr/tools.js';
import { PAGE_IMAGE_DPI, PAGE_RENDER_TIMEOUT_MS, RENDER_CONCURRENCY } from './settings.js';

/** A page image: its path relative to the site, and px per PDF point (bboxes are in points). */
export interface PageImage {
  src: string;
  scale: number;
}

/**
 * Renders `pages` of the PDF `file` into `site/pages/<sha>-<n>.png`; a page that cannot be
 * rendered (poppler missing, a damaged page) is left out, and shown without image.
 */
export async function renderPages(
  site: string,
  file: string,
  sha: string,
  pages: number[],
  queue = new PQueue({ concurrency: RENDER_CONCURRENCY }),
): Promise<Record<number, PageImage>> {
  await mkdir(path.join(site, 'pages'), { recursive: true });
  const out: Record<number, PageImage> = {};
  await Promise.all(
    pages.map((n) =>
      queue.add(async () => {
        const base = path.join(site, 'pages', `${sha}-${n}`);
        const args = ['-png', '-r', String(PAGE_IMAGE_DPI), '-f', String(n), '-l', String(n), '-singlefile'];
        try {
          await run('pdftoppm', [...args, file, base], PAGE_RENDER_TIMEOUT_MS);
          out[n] = { src: `../pages/${sha}-${n}.png`, scale: PAGE_IMAGE_DPI / 72 };
        } catch {
          // shown without its image
        }
      }),
    ),
  );
  return out;
}
