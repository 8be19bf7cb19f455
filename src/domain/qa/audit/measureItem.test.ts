// Published items measured again from their own RGB-D: synthetic SPAR-Bench items over the real
// NYU and Open3D frames, answers from the raw depth at the drawn pixel, some deliberately wrong.
import { HAVE_SHARED_DATA } from '../../../test/markedPhotos';
import { describe, expect, it } from 'vitest';
import { asQAItem, itemImages } from '../../../test/rgbdAudit';
import { rgbdItems } from '../../../test/rgbdItems';
import { depthAt, fitIntrinsics, marksNamed, measureItem, namesByColour, relativeGap } from './measureItem';

describe.skipIf(!HAVE_SHARED_DATA)('measureItem on synthetic items from real RGB-D frames', () => {
  it('flags every wrong answer and none of the right ones, measuring within 10 %', async () => {
    const { frames, items } = await rgbdItems(42, 3);
    const tasks = new Set(items.map((i) => i.task));
    expect(tasks.size).toBe(7);
    expect(items.filter((i) => i.wrong).length).toBe(14);
    for (const it of items) {
      const a = measureItem(asQAItem(it), itemImages(it, frames));
      const errors = a.findings.filter((f) => f.severity === 'error');
      const label = `${it.id} ${it.task} ${it.answer} ${a.display ?? JSON.stringify(a.findings)}`;
      expect(a.marks_found.length, label).toBe(it.marks.length);
      expect(a.measured, label).toBeDefined();
      if (it.wrong) expect(errors.length, label).toBeGreaterThan(0);
      else expect(a.findings.filter((f) => f.severity !== 'info'), label).toEqual([]);
      if (typeof it.truth === 'number') expect(Math.abs((a.measured!.value as number) - it.truth) / it.truth, label).toBeLessThan(0.1);
      else expect(a.measured!.value, label).toBe(asQAItem(it).question.match(new RegExp(`the (\\w+) \\(${it.truth} point\\)`))![1]);
    }
  });

  it('shows the answer beside the measurement', async () => {
    const { frames, items } = await rgbdItems(1, 5, 1000);
    const a = measureItem(asQAItem(items[0]), itemImages(items[0], frames));
    expect(a.display).toMatch(/^answer \d+\.\d m · measured \d+\.\d\d m ± \d\.\d\d \(depth at the blue point\)$/);
  });

  it('says a named colour is missing and measures nothing', async () => {
    const { frames, items } = await rgbdItems(1, 5, 1000);
    const it = { ...asQAItem(items[0]), question: items[0].question.replace('(blue point)', '(green point)') };
    const a = measureItem(it, itemImages(items[0], frames));
    expect(a.measured).toBeUndefined();
    expect(a.findings.map((f) => [f.code, f.severity])).toContainEqual(['mark-not-found', 'warn']);
    expect(a.findings.find((f) => f.code === 'mark-not-found')!.message).toBe('the question names a green point, but none was found in the image');
  });
});

describe('measurement pieces', () => {
  it('reads the median depth, skipping holes and a depth edge', () => {
    // 9×9: left part 2 m, right part 4 m from column 6, a hole at the centre
    const data = new Float32Array(81);
    for (let y = 0; y < 9; y++) for (let x = 0; x < 9; x++) data[y * 9 + x] = x >= 6 ? 4 : 2 + (x + y) * 0.001;
    data[4 * 9 + 4] = 0;
    const s = depthAt({ width: 9, height: 9, data }, 4, 4, 2)!;
    // window columns 2–6: 5 and 6 sit at the 2 m / 4 m edge; the hole and its neighbours (3,4), (4,3), (4,5) go too
    // leaving x+y = 4,5,5,6,6,6,7,8,8,9,10 → median 6 → 2.006 m
    expect(s.n).toBe(11);
    expect(s.z).toBeCloseTo(2.006, 5);
  });

  it('names marks and objects from the question', () => {
    const q = 'With the counter (red point) having a depth of 1.6 meters, determine the depth of towel (blue point) in the same frame.';
    expect(marksNamed(q)).toEqual([
      { color: 'red', kind: 'point' },
      { color: 'blue', kind: 'point' },
    ]);
    expect([...namesByColour(q)]).toEqual([
      ['red', 'counter'],
      ['blue', 'towel'],
    ]);
    expect(marksNamed('Where is the bed (red bbox) relative to the lamp (blue box)?').map((w) => w.kind)).toEqual(['box', 'box']);
  });

  it('rescales intrinsics given for another size and judges gaps at the favourable end', () => {
    expect(fitIntrinsics({ fx: 1170.188, fy: 1170.188, cx: 647.75, cy: 483.75 }, 640, 480).fx).toBeCloseTo(577.87, 0);
    expect(fitIntrinsics({ fx: 500, fy: 500, cx: 319.5, cy: 239.5 }, 640, 480).fx).toBe(500);
    // answer 3, measured 2 ± 0.1: nearest plausible 2.2, gap 0.8 / 2.2
    expect(relativeGap(3, 2, 0.1)).toBeCloseTo(0.8 / 2.2, 10);
    expect(relativeGap(2.1, 2, 0.1)).toBe(0);
  });
});
