/**
 * DOCX → paragraphs and table grids, through mammoth (DOCX → HTML) and cheerio. rowspan/colspan
 * are expanded so a merged cell sits in every slot it spans; mammoth's own warnings are kept.
 */
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import mammoth from 'mammoth';
import type { FlowBlock, FlowContent, SourceCell, SourceTable } from '../../model/content.js';
import { GongkaiError } from '../../model/errors.js';
import { info, type Result } from '../../model/message.js';

/** Read a Word file into paragraphs and tables; mammoth's messages come back as notes. */
export async function readDocx(bytes: Uint8Array): Promise<Result<FlowContent>> {
  let html: string;
  const warnings: string[] = [];
  try {
    const res = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        ignoreEmptyParagraphs: false,
        // images are never read: a huge embedded picture costs nothing
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = res.value;
    for (const m of res.messages) warnings.push(`mammoth ${m.type}: ${m.message}`);
  } catch (err) {
    throw new GongkaiError('corrupt', `the Word file could not be read (${(err as Error).message.split('\n')[0]})`, {
      cause: err,
    });
  }
  const messages = dedupe(warnings).map((text) => info('mammoth', text));
  return { value: { format: 'docx', blocks: htmlBlocks(html) }, messages };
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Walk the HTML body in order: paragraphs become text blocks, tables become grids. */
function htmlBlocks(html: string): FlowBlock[] {
  const $ = cheerio.load(html);
  const blocks: FlowBlock[] = [];
  let tableIndex = 0;
  const walk = (nodes: Element[]) => {
    for (const el of nodes) {
      const tag = el.tagName?.toLowerCase();
      if (tag === 'table') {
        blocks.push({ type: 'table', table: tableGrid($, el, tableIndex++) });
      } else if (tag && /^(p|h[1-6]|li)$/.test(tag)) {
        blocks.push({ type: 'paragraph', text: $(el).text() });
      } else if (tag) {
        walk($(el).children().toArray() as Element[]);
      }
    }
  };
  walk($('body').length ? ($('body').children().toArray() as Element[]) : ($.root().children().toArray() as Element[]));
  return blocks;
}

function tableGrid($: cheerio.CheerioAPI, table: Element, index: number): SourceTable {
  const rows: (SourceCell | null)[][] = [];
  const trs = $(table)
    .find('tr')
    .toArray()
    .filter((tr) => $(tr).closest('table')[0] === table);
  trs.forEach((tr, r) => {
    rows[r] ??= [];
    let c = 0;
    for (const td of $(tr).children('td,th').toArray()) {
      while (rows[r][c] !== undefined) c++;
      const colspan = Math.max(1, Number($(td).attr('colspan') ?? 1) || 1);
      const rowspan = Math.max(1, Number($(td).attr('rowspan') ?? 1) || 1);
      const paragraphs = $(td).find('p').toArray();
      const text = paragraphs.length ? paragraphs.map((p) => $(p).text()).join('\n') : $(td).text();
      const cell: SourceCell = { text, row: r, col: c };
      for (let dr = 0; dr < rowspan; dr++) {
        rows[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) rows[r + dr][c + dc] = cell;
      }
      c += colspan;
    }
  });
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return { index, rows: rows.map((r) => Array.from({ length: width }, (_, j) => r[j] ?? null)) };
}
