import { readFileSync } from 'node:fs';
import { detect, ppocrEngine, recognize } from '../../src/ocr/ppocr.js';
import { deskew, estimateSkew, findAndEraseRules, readPgm } from '../../src/ocr/raster.js';
const [file, dpi, detDpi, y0, y1, rules] = process.argv.slice(2);
const e = await ppocrEngine();
const raw = readPgm(readFileSync(file));
const st = deskew(raw, estimateSkew(raw));
const img = rules === '0' ? st : findAndEraseRules(st, Math.round(Number(dpi) * 0.3)).image;
const boxes = (await detect(e, img, Number(detDpi) / Number(dpi))).filter(
  (b) => b.y0 >= Number(y0) && b.y1 <= Number(y1),
);
const g = await recognize(e, img, boxes);
boxes.forEach((b, i) => console.log(b.x0, b.y0, b.x1, b.y1, b.score.toFixed(2), g[i].map((x) => x.ch).join('')));
