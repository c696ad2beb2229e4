// recognizer cost by input shape (1 thread): ms per call and µs per 48-px column
import { ppocrEngine } from '../../src/ocr/ppocr.js';
const e = await ppocrEngine();
for (const [n, w] of [
  [1, 96],
  [8, 96],
  [1, 320],
  [8, 320],
  [1, 1280],
  [2, 1280],
] as const) {
  const input = new Float32Array(n * 3 * 48 * w).fill(0.5);
  const feeds = { [e.rec.inputNames[0]]: new e.ort.Tensor('float32', input, [n, 3, 48, w]) };
  await e.rec.run(feeds);
  const c0 = process.cpuUsage();
  const reps = 5;
  for (let i = 0; i < reps; i++) await e.rec.run(feeds);
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000 / reps;
  console.log(
    `batch ${n} × ${w}px: ${ms.toFixed(1)} ms CPU per call, ${((ms * 1000) / (n * w)).toFixed(1)} µs per column`,
  );
}
