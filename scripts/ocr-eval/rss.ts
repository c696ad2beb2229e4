import { ppocrEngine } from '../../src/ocr/ppocr.js';
await ppocrEngine();
console.log('after init rss MB', Math.round(process.memoryUsage().rss / 1048576));
