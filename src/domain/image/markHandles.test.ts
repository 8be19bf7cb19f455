import { describe, expect, it } from 'vitest';
import { boxFrom, boxToImage, containFit, dragged, handlesOf, hitHandle, imageToBox, onImage, pointAt } from './markHandles';
import type { LocatedMark } from '../review/markCorrections';

describe('screen to image pixels', () => {
  it('letterboxes a 640×480 image in a 1000×500 box: pillars left and right', () => {
    const fit = containFit(1000, 500, { width: 640, height: 480 });
    // scale 500/480; drawn 666.67 wide, centred: 166.67 px of pillar each side
    expect(fit.scale).toBeCloseTo(500 / 480, 12);
    expect(fit.left).toBeCloseTo((1000 - 640 * (500 / 480)) / 2, 12);
    expect(fit.top).toBeCloseTo(0, 9);
    const [x, y] = boxToImage(fit, fit.left + 100 * fit.scale, 250);
    expect(x).toBeCloseTo(100, 9);
    expect(y).toBeCloseTo(240, 9);
    expect(onImage({ width: 640, height: 480 }, ...boxToImage(fit, 10, 10))).toBe(false);
    const back = imageToBox(fit, 100, 240);
    expect(back[0]).toBeCloseTo(fit.left + 100 * fit.scale, 9);
  });

  it('letterboxes bars above and below in a tall box', () => {
    const fit = containFit(320, 480, { width: 640, height: 480 });
    expect(fit.scale).toBe(0.5);
    expect(fit.left).toBe(0);
    expect(fit.top).toBe(120);
    expect(boxToImage(fit, 160, 240)).toEqual([320, 240]);
  });

  it('a click in the middle of pixel (10, 20) places a point at its centre (10, 20)', () => {
    // pixel (10, 20) covers 10…11 × 20…21 in continuous coordinates
    expect(pointAt(10.5, 20.5)).toEqual([10, 20]);
  });
});

const marks: LocatedMark[] = [
  { color: 'red', kind: 'point', uv: [100, 100], image: 0 },
  { color: 'blue', kind: 'box', box: [200, 50, 300, 150], image: 0 },
  { color: 'green', kind: 'point', uv: [100, 100], image: 1 },
];

describe('handles', () => {
  it('a point has its centre; a box its four corners', () => {
    expect(handlesOf(marks, 0).map((h) => [h.mark, h.part, h.at])).toEqual([
      [0, 'centre', [100.5, 100.5]],
      [1, 'nw', [200, 50]],
      [1, 'ne', [300, 50]],
      [1, 'sw', [200, 150]],
      [1, 'se', [300, 150]],
    ]);
    expect(handlesOf(marks, 1).map((h) => h.mark)).toEqual([2]);
  });

  it('hits the nearest handle within the tolerance, then a box outline, on the right image only', () => {
    expect(hitHandle(marks, 0, 103, 98, 8)?.part).toBe('centre');
    expect(hitHandle(marks, 0, 110, 100, 8)).toBeNull();
    expect(hitHandle(marks, 0, 296, 146, 8)).toMatchObject({ mark: 1, part: 'se' });
    expect(hitHandle(marks, 0, 250, 52, 8)).toMatchObject({ mark: 1, part: 'body' });
    expect(hitHandle(marks, 0, 250, 100, 8)).toBeNull(); // inside the box, far from its lines
    expect(hitHandle(marks, 1, 100.5, 100.5, 8)).toMatchObject({ mark: 2, part: 'centre' });
    expect(hitHandle(marks, 2, 100.5, 100.5, 8)).toBeNull();
  });

  it('dragging a point moves its centre, kept on the image', () => {
    const size = { width: 640, height: 480 };
    expect(dragged(marks[0], 'centre', 12.5, -4, size).uv).toEqual([112.5, 96]);
    expect(dragged(marks[0], 'centre', 1000, -1000, size).uv).toEqual([639.5, -0.5]);
  });

  it('dragging a corner past the opposite one turns the box the right way round; the outline moves it whole', () => {
    const size = { width: 640, height: 480 };
    expect(dragged(marks[1], 'se', 10, 20, size).box).toEqual([200, 50, 310, 170]);
    expect(dragged(marks[1], 'nw', 150, 0, size).box).toEqual([300, 50, 350, 150]);
    expect(dragged(marks[1], 'body', -30, 10, size).box).toEqual([170, 60, 270, 160]);
    expect(dragged(marks[1], 'ne', 1000, -1000, size).box).toEqual([200, 0, 640, 150]);
    expect(boxFrom([50, 60], [10, 700], size)).toEqual([10, 60, 50, 480]);
  });
});
