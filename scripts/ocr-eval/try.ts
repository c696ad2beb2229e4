import { readFileSync } from 'node:fs';
import { ppocrImage, ppocrEngine } from '../../src/ocr/ppocr.js';
const [file, dpi, detDpi] = process.argv.slice(2);
const t0 = performance.now();
await ppocrEngine();
const t1 = performance.now();
const r = await ppocrImage(readFileSync(file), 1, Number(dpi), { detDpi: detDpi ? Number(detDpi) : undefined });
const t2 = performance.now();
for (const i of r.page.items) console.log(i.x0.toFixed(0), i.y0.toFixed(0), i.confidence, i.str);
const cpu = process.cpuUsage();
console.error(
  `init ${(t1 - t0) | 0} ms, page ${(t2 - t1) | 0} ms, cpu ${((cpu.user + cpu.system) / 1000) | 0} ms, items ` +
    `${r.page.items.length}, rss ${(process.memoryUsage().rss / 1048576) | 0} MB`,
);
