import { describe, expect, it } from 'vitest';
import { deskew, estimateSkew, findAndEraseRules, inkExtent, readPgm, writePgm, type Grey } from './raster.js';

/** A white page with black rules and a few rows of "text" blocks, turned by `angle` degrees. */
function page(angle: number): Grey {
  const width = 800;
  const height = 600;
  const data = new Uint8Array(width * height).fill(240);
  const ink = (x: number, y: number) => {
    if (x >= 0 && y >= 0 && x < width && y < height) data[y * width + x] = 10;
  };
  for (let y = 100; y <= 500; y += 50) for (let x = 100; x <= 700; x++) ink(x, y);
  for (const x of [100, 300, 700]) for (let y = 100; y <= 500; y++) ink(x, y);
  for (let r = 0; r < 8; r++)
    for (let k = 0; k < 12; k++)
      for (let dy = 0; dy < 14; dy++)
        for (let dx = 0; dx < 10; dx++) if ((dx + dy) % 3) ink(320 + k * 30 + dx, 118 + r * 50 + dy);
  const g = { width, height, data };
  return deskew(g, -angle);
}

/**
 * A full page at 200 dpi: grey noisy paper, a ruled grid of many narrow rows, blocks of "text" in
 * its cells, turned by `angle` degrees (the kind of page a coarse lattice of samples aliases on).
 */
function ruledPage(angle: number, paper = 232, noise = 12): Grey {
  const [width, height] = [1654, 2339];
  const data = new Uint8Array(width * height);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  for (let i = 0; i < data.length; i++) data[i] = Math.round(paper + noise * rand());
  const ink = (x: number, y: number) => (data[y * width + x] = 30);
  const cols = [160, 260, 360, 640, 900, 1160, 1480];
  for (let y = 300; y <= 2100; y += 60) for (let x = cols[0]; x <= cols[cols.length - 1]; x++) ink(x, y);
  for (const x of cols) for (let y = 300; y <= 2100; y++) ink(x, y);
  for (let y = 318; y < 2100; y += 60)
    for (const [a, b] of cols.slice(1).map((c, i) => [cols[i], c]))
      for (let x = a + 12; x < Math.min(b - 12, a + 12 + 26 * 6); x += 26)
        for (let dy = 0; dy < 24; dy++) for (let dx = 0; dx < 20; dx++) if ((dx * 3 + dy) % 5 < 2) ink(x + dx, y + dy);
  return deskew({ width, height, data }, -angle);
}

describe('raster', () => {
  it('reads back what it writes', () => {
    const g = page(0);
    const back = readPgm(writePgm(g));
    expect([back.width, back.height]).toEqual([g.width, g.height]);
    expect(Buffer.compare(Buffer.from(back.data), Buffer.from(g.data))).toBe(0);
  });

  it.each([0, 0.6, -1.2])('measures a skew of %s°', (angle) => {
    expect(Math.abs(estimateSkew(page(angle)) - angle)).toBeLessThanOrEqual(0.1);
  });

  // to the refinement's step: a residual of 0.05° moves a rule 1.5 px across a page and breaks it
  it.each([0.3, -0.4, 0.15, -1.3])('measures a skew of %s° on a full ruled page of grey noisy paper', (angle) => {
    expect(Math.abs(estimateSkew(ruledPage(angle)) - angle)).toBeLessThan(0.025);
  });

  it('finds the rules, and erases them without erasing the text', () => {
    const g = page(0);
    const { image, horizontals, verticals } = findAndEraseRules(g, 60);
    expect(horizontals.length).toBe(9);
    expect(verticals.map((v) => Math.round(v.x0))).toEqual([100, 300, 700]);
    expect(image.data[100 * g.width + 400]).toBe(255); // a rule pixel, erased
    expect(image.data[119 * g.width + 321]).toBe(10); // a text pixel, kept
  });

  it('finds the same rules without erasing them when not asked to, and leaves the page as it is', () => {
    const g = page(0.4);
    const before = Buffer.from(g.data);
    const erased = findAndEraseRules(g, 60);
    const found = findAndEraseRules(g, 60, undefined, false);
    expect(found.image).toBe(g);
    expect(Buffer.compare(Buffer.from(g.data), before)).toBe(0);
    expect(found.horizontals).toEqual(erased.horizontals);
    expect(found.verticals).toEqual(erased.verticals);
  });

  it('carries a rule over a break of two light pixels but not of three, down to the page edge', () => {
    const [width, height] = [200, 300];
    const g = { width, height, data: new Uint8Array(width * height).fill(240) };
    const ink = (x: number, y: number) => (g.data[y * width + x] = 10);
    // x = 40: 0…299 with a 2 px break at 150 (one rule, to the bottom edge); x = 120: 20…229
    // with a 3 px break at 120 (two rules of 100 and 107 px); a row at y = 10, broken the same ways
    for (let y = 0; y < height; y++) if (y !== 150 && y !== 151) ink(40, y);
    for (let y = 20; y < 230; y++) if (y < 120 || y > 122) ink(120, y);
    for (let x = 0; x < width; x++) if (x !== 90 && x !== 91) ink(x, 10);
    const { verticals, horizontals } = findAndEraseRules(g, 60, 90, false);
    expect(verticals.map((v) => [v.x0, v.y0, v.y1])).toEqual([
      [40, 0, 299],
      [120, 20, 119],
      [120, 123, 229],
    ]);
    expect(horizontals.map((h) => [h.y0, h.x0, h.x1])).toEqual([[10, 0, 199]]);
  });

  it('keeps a short rule between two rules, and not a text stroke of the same length or a row of digits', () => {
    const g = page(0);
    const ink = (x: number, y: number) => (g.data[y * g.width + x] = 10);
    // a rule 30 px long from one horizontal rule to the next (a header cell's divider)
    for (let y = 150; y <= 200; y++) ink(515, y);
    // a stroke 30 px long standing free inside a cell
    for (let y = 210; y <= 240; y++) ink(690, y);
    // the bottoms of a row of digits: a 70 px run with glyph strokes standing on it
    for (let x = 120; x < 190; x++) ink(x, 290);
    for (let x = 120; x < 190; x += 4) for (let y = 276; y < 290; y++) ink(x, y);
    const { verticals, horizontals } = findAndEraseRules(g, 60);
    expect(verticals.some((v) => Math.round(v.x0) === 515)).toBe(true);
    expect(verticals.some((v) => Math.round(v.x0) === 690)).toBe(false);
    expect(horizontals.some((h) => Math.round(h.y0) === 290)).toBe(false);
  });

  it('finds a rule that leans a few pixels down the page, with figures set close beside it, as one rule', () => {
    const g = page(0);
    const ink = (x: number, y: number) => (g.data[y * g.width + x] = 10);
    // a rule 3 px thick from (502, 100) to (498, 500), as a scanner draws a long rule
    const at = (y: number) => Math.round(502 - ((y - 100) * 4) / 400);
    for (let y = 100; y <= 500; y++) for (let dx = -1; dx <= 1; dx++) ink(at(y) + dx, y);
    // a right-aligned figure in every row, its last stroke 3 px of paper from the rule
    for (let r = 0; r < 8; r++)
      for (let y = 115 + r * 50; y < 135 + r * 50; y++) for (let x = at(y) - 25; x <= at(y) - 5; x += 2) ink(x, y);
    const { verticals } = findAndEraseRules(g, 60);
    const near = verticals.filter((v) => Math.abs(v.x0 - 500) <= 4);
    expect(near).toHaveLength(1);
    expect(near[0].y1 - near[0].y0).toBeGreaterThanOrEqual(390);
  });
});

describe('inkExtent', () => {
  it('bounds the rows and columns with print, a lone speck of dust outside it left out', () => {
    const g = ruledPage(0);
    // a speck in the top margin and one in the right margin, one pixel each
    g.data[40 * g.width + 800] = 20;
    g.data[1200 * g.width + 1600] = 20;
    expect(inkExtent(g, 128, 2)).toEqual({ left: 160, top: 300, right: 1480, bottom: 2100 });
    expect(inkExtent(g, 128, 1)).toEqual({ left: 160, top: 40, right: 1600, bottom: 2100 });
  });

  it('finds nothing on blank paper', () => {
    const g = { width: 300, height: 200, data: new Uint8Array(300 * 200).fill(230) };
    expect(inkExtent(g, 128, 2)).toBeNull();
  });
});
