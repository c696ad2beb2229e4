// Ruling lines found on a grey page (debugging the grid): prints vertical and horizontal segments in pixels.
import { readFileSync } from 'node:fs';
import { deskew, estimateSkew, findAndEraseRules, readPgm } from '../../src/ocr/raster.js';
const [file, dpi] = process.argv.slice(2);
const raw = readPgm(readFileSync(file));
const st = deskew(raw, estimateSkew(raw));
const { horizontals, verticals } = findAndEraseRules(st, Math.round(Number(dpi) * 0.3));
for (const v of verticals.sort((a, b) => a.x0 - b.x0 || a.y0 - b.y0)) console.log('V', v.x0, v.x1, v.y0, v.y1);
for (const h of horizontals.sort((a, b) => a.y0 - b.y0)) console.log('H', h.y0, h.y1, h.x0, h.x1);
