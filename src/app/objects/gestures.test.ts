// The box gestures as pure steps, against hand-computed boxes in photo pixels.
import { describe, expect, it } from 'vitest';
import type { SceneObject } from '../../domain/scene/scene';
import { type Gesture, type GestureScene, IDLE, handleAt, hitObject, pointerDown, pointerDownAnywhere, pointerMove, pointerUp } from './gestures';

const obj = (id: string, bbox2d: [number, number, number, number]): SceneObject => ({ id, category: 'chair', bbox2d, source: 'annotated' }) as SceneObject;
const bed = obj('bed', [0, 0, 400, 300]);
const cup = obj('cup', [100, 100, 20, 20]);
const scene = (over: Partial<GestureScene> = {}): GestureScene => ({ tool: 'select', objects: [bed, cup], selectedId: null, width: 640, height: 480, ...over });

describe('box gestures', () => {
  it('picks the smallest box under the pointer, edges included; nothing outside', () => {
    expect(hitObject([bed, cup], [110, 110])?.id).toBe('cup');
    expect(hitObject([cup, bed], [120, 120])?.id).toBe('cup');
    expect(hitObject([bed, cup], [121, 110])?.id).toBe('bed');
    expect(hitObject([bed, cup], [401, 10])).toBeUndefined();
  });

  it('a press selects; a press on the selected box starts moving it; a press on nothing clears the selection', () => {
    expect(pointerDown(IDLE, scene(), [110, 110]).effects).toEqual([{ type: 'select', id: 'cup' }]);
    const move = pointerDown(IDLE, scene({ selectedId: 'cup' }), [110, 110]);
    expect(move).toMatchObject({ capture: true, stop: true, gesture: { drag: { kind: 'move', id: 'cup', box: [100, 100, 20, 20] } } });
    const off = pointerDown(IDLE, scene({ selectedId: 'cup' }), [500, 400]);
    expect(off).toMatchObject({ capture: false, stop: false, effects: [{ type: 'select', id: null }] });
    expect(off.gesture.drag).toBeNull();
  });

  it('a drag in many moves ends where one move would; an unmoved box changes nothing', () => {
    const s = scene({ selectedId: 'cup' });
    let g: Gesture = pointerDown(IDLE, s, [110, 110]).gesture;
    for (let k = 1; k <= 30; k++) g = pointerMove(g, s, [110 + k, 110 + 2 * k]);
    expect(pointerUp(g, s).effects).toEqual([{ type: 'set-bbox', id: 'cup', bbox: [130, 160, 20, 20] }]);
    const still = pointerDown(IDLE, s, [110, 110]).gesture;
    expect(pointerUp(pointerMove(still, s, [110, 110]), s).effects).toEqual([]);
  });

  it("a corner handle (the selected box's, half a side of 3 line widths) resizes with the opposite corner fixed, flipping past it", () => {
    const s = scene({ selectedId: 'cup' });
    // line width at 640 px: max(1.5, 640/400) = 1.6, handle half-side 4.8
    expect(handleAt(s, [104.8, 95.2])).toBe(0);
    expect(handleAt(s, [105, 100])).toBeNull();
    expect(handleAt(s, [120, 120])).toBe(2);
    expect(handleAt(scene(), [120, 120])).toBeNull();
    // bottom-right dragged up-left past the top-left corner: the box flips around (100, 100)
    let g = pointerDownAnywhere(IDLE, s, [120, 120]).gesture;
    expect(g.drag).toMatchObject({ kind: 'corner', corner: 2 });
    g = pointerMove(g, s, [90, 60]);
    expect(g.drag!.box).toEqual([90, 60, 10, 40]);
  });

  it('a drawn box spans the press and the release, clipped to the photo', () => {
    const s = scene({ tool: 'box' });
    let g = pointerDown(IDLE, s, [600, 50]).gesture;
    g = pointerMove(g, s, [700, -20]);
    expect(pointerUp(g, s).effects).toEqual([{ type: 'add', bbox: [600, 0, 40, 50] }]);
  });
});
