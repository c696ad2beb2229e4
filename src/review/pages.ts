/** Page images for the review site: poppler renders the pages that hold cells, as PNG. */
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
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
 * Renders `pages` of the PDF `file` into `site/pages/<sha>-<n>.png`, in one run of poppler over
 * the range they span (opening the document and its fonts once); a page that cannot be rendered
 * (poppler missing, a damaged page) is left out, and shown without image.
 */
export async function renderPages(
  site: string,
  file: string,
  sha: string,
  pages: number[],
  queue = new PQueue({ concurrency: RENDER_CONCURRENCY }),
): Promise<Record<number, PageImage>> {
  const out: Record<number, PageImage> = {};
  if (!pages.length) return out;
  const dir = path.join(site, 'pages');
  await mkdir(dir, { recursive: true });
  const work = await mkdtemp(path.join(dir, `.${sha}-`));
  const [first, last] = [Math.min(...pages), Math.max(...pages)];
  const args = ['-png', '-r', String(PAGE_IMAGE_DPI), '-f', String(first), '-l', String(last)];
  try {
    const timeout = PAGE_RENDER_TIMEOUT_MS * (last - first + 1);
    await queue.add(() => run('pdftoppm', [...args, file, path.join(work, 'p')], timeout));
  } catch {
    // the pages rendered before a failure are kept
  }
  // pdftoppm names pages p-<n>, the number padded to the width of the document's page count
  for (const name of await readdir(work)) {
    const n = Number(/^p-0*(\d+)\.png$/.exec(name)?.[1]);
    if (!pages.includes(n)) continue;
    await rename(path.join(work, name), path.join(dir, `${sha}-${n}.png`));
    out[n] = { src: `../pages/${sha}-${n}.png`, scale: PAGE_IMAGE_DPI / 72 };
  }
  await rm(work, { recursive: true, force: true });
  return out;
}
