// Marks found again in real photos after the project's own SPAR drawer and JPEG compression.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../geometry/random';
import { drawMarks } from '../qa/export/drawMarks';
import { HAVE_SHARED_DATA, REAL_PHOTOS, SPAR_STYLE, drawnCentre, jpegRoundTrip, markedCase, readRgba, unmarkedVariants } from '../../test/markedPhotos';
import { type WantedMark, findMarks } from './findMarks';

const ALL: WantedMark[] = (['red', 'blue', 'green', 'yellow'] as const).flatMap((color) => [
  { color, kind: 'point' as const },
  { color, kind: 'box' as const },
]);

describe.skipIf(!HAVE_SHARED_DATA)('findMarks on real photos drawn at SPAR settings, JPEG q75–95', () => {
  it('finds every disc centre within 1 px and every box edge within 2 px', async () => {
    const rand = mulberry32(11);
    let points = 0,
      boxes = 0;
    for (let i = 0; i < 36; i++) {
      const kind = i % 2 ? 'box' : 'point';
      const c = await markedCase(REAL_PHOTOS[i % REAL_PHOTOS.length], kind, rand, 75 + ((i * 7) % 21));
      const res = findMarks(
        c.image,
        c.marks.map((m) => ({ color: m.color, kind: m.kind })),
      );
      expect(res.warnings, c.name).toEqual([]);
      for (const m of c.marks) {
        const hits = res.found.filter((f) => f.color === m.color && f.kind === m.kind);
        expect(hits, `${c.name} ${m.color}`).toHaveLength(1);
        expect(hits[0].confidence).toBeGreaterThan(0.8);
        if (kind === 'point') {
          const d = drawnCentre(m.uv!);
          expect(Math.hypot(hits[0].uv![0] - d[0], hits[0].uv![1] - d[1]), `${c.name} ${m.color}`).toBeLessThanOrEqual(1);
          points++;
        } else {
          for (let k = 0; k < 4; k++) expect(Math.abs(hits[0].box![k] - m.box![k]), `${c.name} ${m.color} edge ${k}`).toBeLessThanOrEqual(2);
          boxes++;
        }
      }
    }
    expect(points).toBeGreaterThan(20);
    expect(boxes).toBeGreaterThan(30);
  });

  it('finds no mark of any colour or kind on 50 unmarked photos', async () => {
    for (const u of await unmarkedVariants(50, 5)) expect(findMarks(u.image, ALL).found, u.name).toEqual([]);
  });

  it('warns when a named colour is missing or appears twice, and does not pick one', async () => {
    const base = await readRgba('nyu/rgb/rgb_00050.jpg');
    const drawn = drawMarks(
      { ...base, data: new Uint8Array(base.data) },
      [
        { kind: 'point', color: 'red', uv: [100, 120] },
        { kind: 'point', color: 'red', uv: [400, 300] },
        { kind: 'point', color: 'blue', uv: [250, 200] },
      ],
      SPAR_STYLE,
    );
    const img = await jpegRoundTrip(drawn, 80);
    const res = findMarks(img, [
      { color: 'red', kind: 'point' },
      { color: 'blue', kind: 'point' },
      { color: 'green', kind: 'point' },
    ]);
    expect(res.found.filter((f) => f.color === 'red')).toHaveLength(2);
    expect(res.found.filter((f) => f.color === 'blue')).toHaveLength(1);
    expect(res.warnings).toEqual(['2 red points found where the question names one', 'no green point found in the image']);
  });

  it('finds a disc cut by the image edge and one half hidden under a later box', async () => {
    const base = await readRgba('open3d_redwood/color/00003.jpg');
    const marks = [
      { kind: 'point' as const, color: 'red' as const, uv: [8, 200] as [number, number] },
      { kind: 'point' as const, color: 'blue' as const, uv: [300, 250] as [number, number] },
      { kind: 'box' as const, color: 'green' as const, box: [318, 150, 500, 400] as [number, number, number, number] },
    ];
    const img = await jpegRoundTrip(drawMarks({ ...base, data: new Uint8Array(base.data) }, marks, SPAR_STYLE), 85);
    const res = findMarks(img, [
      { color: 'red', kind: 'point' },
      { color: 'blue', kind: 'point' },
      { color: 'green', kind: 'box' },
    ]);
    const red = res.found.find((f) => f.color === 'red')!;
    const blue = res.found.find((f) => f.color === 'blue')!;
    expect(red.clipped && blue.clipped).toBe(true);
    expect(Math.hypot(red.uv![0] - 8, red.uv![1] - 200)).toBeLessThan(1.5);
    expect(Math.hypot(blue.uv![0] - 300, blue.uv![1] - 250)).toBeLessThan(1.5);
  });

  // The relation bench's imagination items (seed 1: items 13, 23, 78, 123), exactly as its fixture
  // draws and compresses them. Over NYU's dark wood the green line's JPEG fringe reaches 2–4 px
  // into the box, since PIL's green is itself dark; the box was taken for a filled patch.
  it.each([
    ['nyu/rgb/rgb_00000.jpg', 83, [[380.537, 227.024, 438.867, 285.353], [231.419, 254.221, 285.294, 308.096], [374.586, 94.835, 430.51, 150.759]]],
    ['nyu/rgb/rgb_00050.jpg', 89, [[345.893, 47.236, 407.729, 109.072], [146.509, 274.693, 212.117, 340.3], [482.852, 79.268, 537.427, 133.843]]],
    ['nyu/rgb/rgb_00000.jpg', 93, [[192.917, 246.528, 271.857, 325.468], [357.54, 207.906, 439.109, 289.475], [348.371, 80.11, 410.976, 142.715], [89.02, 180.131, 139.328, 230.439]]],
    ['nyu/rgb/rgb_00000.jpg', 82, [[511.133, 110.668, 561.485, 161.02], [207.369, 261.825, 290.539, 344.995], [362.887, 166.874, 419.901, 223.887]]],
  ] as const)('finds every box of a relation item over dark wood (%s, q%i)', async (file, quality, boxes) => {
    const base = await readRgba(file);
    const colours = ['red', 'blue', 'green', 'yellow'] as const;
    const marks = boxes.map((b, k) => ({ kind: 'box' as const, color: colours[k], box: [...b] as [number, number, number, number] }));
    const drawn = drawMarks({ ...base, data: new Uint8Array(base.data) }, marks, SPAR_STYLE);
    const res = findMarks(
      await jpegRoundTrip(drawn, quality),
      marks.map((m) => ({ color: m.color, kind: m.kind })),
    );
    expect(res.warnings).toEqual([]);
    for (const m of marks) {
      const hit = res.found.find((f) => f.color === m.color)!;
      for (let k = 0; k < 4; k++) expect(Math.abs(hit.box![k] - m.box[k]), `${m.color} edge ${k}`).toBeLessThanOrEqual(2);
      expect(hit.clipped).toBeUndefined();
    }
  });

  it('refuses an RGBA buffer of the wrong length', () => {
    expect(() => findMarks({ width: 4, height: 4, data: new Uint8Array(10) }, ALL)).toThrow(/needs 64 bytes, got 10/);
  });
});
