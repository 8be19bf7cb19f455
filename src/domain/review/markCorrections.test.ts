import { describe, expect, it } from 'vitest';
import { applyCorrections, outsideImage, parseMarkCorrection, parseMarkCorrections, withCorrection } from './markCorrections';

const size = [{ width: 640, height: 480 }];

describe('reading a stored mark correction', () => {
  it('reads a point and a box, source reviewer', () => {
    expect(parseMarkCorrection({ color: 'red', kind: 'point', uv: [10.5, 20], image: 0, source: 'reviewer' }, 1, size)).toEqual({ color: 'red', kind: 'point', uv: [10.5, 20], image: 0, source: 'reviewer' });
    expect(parseMarkCorrection({ color: 'yellow', kind: 'box', box: [1, 2, 30, 40] }, 1)).toEqual({ color: 'yellow', kind: 'box', box: [1, 2, 30, 40], image: 0, source: 'reviewer' });
  });

  it('refuses bad numbers, unknown colours, other images and odd keys, naming what is wrong', () => {
    const cases: [unknown, string][] = [
      [{ color: 'red', kind: 'point', uv: [NaN, 3] }, "the red point's uv must be two finite numbers (pixels), not [null,3]"],
      [{ color: 'red', kind: 'point', uv: [1e9, 3] }, "the red point's uv must be two finite numbers (pixels), not [1000000000,3]"],
      [{ color: 'red', kind: 'point', uv: ['1', 3] }, 'the red point\'s uv must be two finite numbers (pixels), not ["1",3]'],
      [{ color: 'red', kind: 'point', uv: [700, 3] }, 'the red point (700, 3) is outside image 1 (640 × 480)'],
      [{ color: 'red', kind: 'point', uv: [-0.6, 3] }, 'the red point (-0.6, 3) is outside image 1 (640 × 480)'],
      [{ color: 'purple', kind: 'point', uv: [1, 3] }, 'unknown mark colour "purple" (red, blue, green or yellow)'],
      [{ color: 'red', kind: 'circle', uv: [1, 3] }, 'unknown mark kind "circle" for the red mark (point or box)'],
      [{ color: 'red', kind: 'point', uv: [1, 3], image: 1 }, 'the red point is on image 1, but the item has 1 image'],
      [{ color: 'red', kind: 'point', uv: [1, 3], image: 0.5 }, 'the red point is on image 0.5, but the item has 1 image'],
      [{ color: 'red', kind: 'point', uv: [1, 3], source: 'model' }, 'the red point has source "model"; a correction\'s source is "reviewer"'],
      [{ color: 'blue', kind: 'box', box: [10, 10, 5, 20] }, "the blue box's box [10, 10, 5, 20] is empty or inverted (x1 < x2 and y1 < y2)"],
      [{ color: 'blue', kind: 'box', box: [700, 10, 800, 20] }, 'the blue box [700, 10, 800, 20] is outside image 1 (640 × 480)'],
      [{ color: 'blue', kind: 'box', uv: [1, 2] }, 'the blue box has a uv; a box has only box'],
      [JSON.parse('{"__proto__": {"polluted": 1}, "color": "red", "kind": "point", "uv": [1, 2]}'), 'a mark correction has unknown field "__proto__"'],
      [JSON.parse('{"constructor": 1, "color": "red", "kind": "point", "uv": [1, 2]}'), 'a mark correction has unknown field "constructor"'],
      [[1, 2], 'a mark correction must be an object'],
      [null, 'a mark correction must be an object'],
    ];
    for (const [raw, msg] of cases) expect(parseMarkCorrection(raw, 1, size)).toBe(msg);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the good corrections of a list and says why each other one was refused', () => {
    const r = parseMarkCorrections(
      [
        { color: 'red', kind: 'point', uv: [100, 100] },
        { color: 'green', kind: 'point', uv: [Infinity, 2] },
        { color: 'red', kind: 'point', uv: [5, 5] },
        { color: 'blue', kind: 'point', uv: [200, 20], image: 1 },
      ],
      2,
    );
    expect(r.marks.map((m) => [m.color, m.uv, m.image])).toEqual([
      ['red', [100, 100], 0],
      ['blue', [200, 20], 1],
    ]);
    expect(r.refused).toEqual(["the green point's uv must be two finite numbers (pixels), not [null,2]", 'the red point is corrected twice; the first is kept']);
    expect(parseMarkCorrections({ color: 'red' }, 1).refused).toEqual(['the mark corrections must be a list']);
    expect(parseMarkCorrections(undefined, 1)).toEqual({ marks: [], refused: [] });
  });
});

describe('applying corrections to the marks found', () => {
  const found = [
    { color: 'red' as const, kind: 'point' as const, uv: [10, 10] as [number, number], image: 0, confidence: 0.9 },
    { color: 'red' as const, kind: 'point' as const, uv: [300, 10] as [number, number], image: 0, confidence: 0.9 },
    { color: 'blue' as const, kind: 'point' as const, uv: [50, 60] as [number, number], image: 0, confidence: 0.95 },
  ];

  it('replaces every candidate of a corrected colour, keeps the others', () => {
    const { marks, refused } = applyCorrections(found, [{ color: 'red', kind: 'point', uv: [299.5, 10.25], image: 0, source: 'reviewer' }], size);
    expect(refused).toEqual([]);
    expect(marks.map((m) => [m.color, m.uv, 'source' in m ? m.source : undefined])).toEqual([
      ['blue', [50, 60], undefined],
      ['red', [299.5, 10.25], 'reviewer'],
    ]);
  });

  it('a red box correction leaves the red point alone', () => {
    const { marks } = applyCorrections(found, [{ color: 'red', kind: 'box', box: [1, 1, 5, 5], image: 0, source: 'reviewer' }], size);
    expect(marks.filter((m) => m.color === 'red').length).toBe(3);
  });

  it('does not use a correction outside its image, and says so', () => {
    const { marks, refused } = applyCorrections(found, [{ color: 'blue', kind: 'point', uv: [900, 10], image: 0, source: 'reviewer' }], size);
    expect(marks).toEqual(found);
    expect(refused).toEqual(["the reviewer's blue point (900, 10) is outside image 1 (640 × 480); not used"]);
  });

  it('a new correction of a colour takes the place of the earlier one', () => {
    const a = withCorrection([], { color: 'red', kind: 'point', uv: [1, 1], image: 0, source: 'reviewer' });
    const b = withCorrection(a, { color: 'red', kind: 'point', uv: [2, 2], image: 0, source: 'reviewer' });
    expect(b).toEqual([{ color: 'red', kind: 'point', uv: [2, 2], image: 0, source: 'reviewer' }]);
    expect(outsideImage({ uv: [639.5, 479.5], image: 0 }, size[0])).toBeNull();
  });
});

describe('what the reviewer sees of the named marks', () => {
  it('found, missing, doubled, and corrected', async () => {
    const { markStatus } = await import('./markCorrections');
    const found = [
      { color: 'red' as const, kind: 'point' as const, uv: [10, 10] as [number, number], image: 0 },
      { color: 'red' as const, kind: 'point' as const, uv: [300, 10] as [number, number], image: 0 },
      { color: 'blue' as const, kind: 'point' as const, uv: [50, 60] as [number, number], image: 0 },
    ];
    const wanted = [
      { color: 'red' as const, kind: 'point' as const },
      { color: 'blue' as const, kind: 'point' as const },
      { color: 'green' as const, kind: 'point' as const },
    ];
    const s = markStatus(wanted, found, []);
    expect(s.missing).toEqual([{ color: 'green', kind: 'point' }]);
    expect(s.doubled).toEqual([{ color: 'red', kind: 'point', count: 2 }]);
    expect(s.shown.map((m) => [m.color, m.state])).toEqual([
      ['red', 'candidate'],
      ['red', 'candidate'],
      ['blue', 'found'],
    ]);
    const t = markStatus(wanted, found, [
      { color: 'red', kind: 'point', uv: [300, 10], image: 0, source: 'reviewer' },
      { color: 'green', kind: 'point', uv: [5, 5], image: 0, source: 'reviewer' },
    ]);
    expect(t.missing).toEqual([]);
    expect(t.doubled).toEqual([]);
    expect(t.shown.map((m) => [m.color, m.state, m.uv])).toEqual([
      ['red', 'reviewer', [300, 10]],
      ['blue', 'found', [50, 60]],
      ['green', 'reviewer', [5, 5]],
    ]);
  });
});
