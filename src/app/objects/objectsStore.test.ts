// Objects on a real NYU frame through the whole app (TestApp, in-process lifting): a box drawn by a
// pointer gesture, moved by dragging it, resized by a corner; every edit one undoable step that
// undo and redo walk exactly, boxes lifted to 3D where the photo shows them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { worldToPixel } from '../../domain/lifting/display';
import type { SceneObject } from '../../domain/scene/scene';
import { HAS_NYU, NYU_MISSING, nyuFrame } from '../testing/nyu';
import { type TestApp, createTestApp, resetStorage } from '../testing/TestApp';

let app: TestApp;
beforeEach(async () => {
  await resetStorage();
  app = createTestApp();
});
afterEach(() => app.dispose());

const only = (): SceneObject => {
  const list = app.objects.getState().objects;
  expect(list).toHaveLength(1);
  return list[0];
};
/** The 3D box's centre seen through the lift's camera, in stored-photo pixels (NYU is lifted at its stored size). */
const centreInPhoto = (o: SceneObject) => {
  const s = app.scene.getState().scene!;
  return worldToPixel(o.box3d!.center, s.R, s.T, s.camera)!;
};

describe.skipIf(!HAS_NYU)(`objects: gestures, undo and redo (${HAS_NYU ? 'NYU frame 0' : `skipped: ${NYU_MISSING}`})`, () => {
  it('draws a box, moves it, resizes it; undo walks back each step and redo forward again', async () => {
    await app.openFiles(nyuFrame(0));
    expect(app.scene.getState().phase).toBe('ready');
    expect(app.scene.getState().scene!.scene.image).toMatchObject({ width: 640, height: 480 });

    // draw: the box spans the two pressed points, whichever way the drag went
    app.objects.getState().setTool('box');
    app.objects.getState().setDrawCategory('cabinet');
    app.pointerDown(420, 380).pointerMove(300, 300).pointerMove(260, 250).pointerUp();
    await app.settle();
    const drawn = only();
    expect(drawn.bbox2d).toEqual([260, 250, 160, 130]);
    expect(drawn).toMatchObject({ category: 'cabinet', origin: 'drawn' });
    expect(app.objects.getState().selectedId).toBe(drawn.id);
    // lifted from the depth under it: its centre is seen inside the box that was drawn
    const [u0, v0] = centreInPhoto(drawn);
    expect(u0).toBeGreaterThan(260);
    expect(u0).toBeLessThan(420);
    expect(v0).toBeGreaterThan(250);
    expect(v0).toBeLessThan(380);

    // move: press inside the selected box, drag by (−100, −40)
    app.objects.getState().setTool('select');
    app.pointerDown(300, 300).pointerMove(250, 280).pointerMove(200, 260).pointerUp();
    await app.settle();
    const moved = only();
    expect(moved.bbox2d).toEqual([160, 210, 160, 130]);
    expect(moved.box3d).not.toEqual(drawn.box3d);
    const [u1, v1] = centreInPhoto(moved);
    expect(u1).toBeGreaterThan(160);
    expect(u1).toBeLessThan(320);
    expect(v1).toBeGreaterThan(210);
    expect(v1).toBeLessThan(340);

    // resize: the bottom-right handle dragged past the photo's edge; the top-left corner stays, the box stops at the edge
    app.pointerDown(320, 340).pointerMove(700, 520).pointerUp();
    await app.settle();
    const resized = only();
    expect(resized.bbox2d).toEqual([160, 210, 480, 270]);

    // a press on nothing clears the selection and changes nothing
    app.pointerDown(5, 5).pointerUp();
    await app.settle();
    expect(app.objects.getState().selectedId).toBeNull();
    expect(only().bbox2d).toEqual([160, 210, 480, 270]);

    // undo with the keys: each edit, exactly as it was (3D box included)
    expect(app.keyDown('z', { ctrl: true })).toBe(true);
    expect(only()).toEqual(moved);
    app.keyDown('z', { ctrl: true });
    expect(only()).toEqual(drawn);
    app.keyDown('z', { ctrl: true });
    expect(app.objects.getState().objects).toEqual([]);
    // nothing more to undo
    app.keyDown('z', { ctrl: true });
    expect(app.objects.getState().objects).toEqual([]);

    // redo: ctrl+shift+z and ctrl+y
    app.keyDown('z', { ctrl: true, shift: true });
    expect(only()).toEqual(drawn);
    app.keyDown('y', { ctrl: true });
    expect(only()).toEqual(moved);
    app.keyDown('y', { ctrl: true });
    expect(only()).toEqual(resized);
    expect(app.objects.getState().future).toEqual([]);

    // a new edit after an undo drops the steps that were undone
    app.keyDown('z', { ctrl: true });
    app.objects.getState().select(moved.id);
    expect(app.keyDown('Delete')).toBe(true);
    expect(app.objects.getState().objects).toEqual([]);
    app.keyDown('y', { ctrl: true });
    expect(app.objects.getState().objects).toEqual([]);
    app.keyDown('z', { ctrl: true });
    expect(only()).toEqual(moved);
  });

  it('a polygon closes on its first corner into a drawn object whose box bounds it', async () => {
    await app.openFiles(nyuFrame(0));
    app.objects.getState().setTool('polygon');
    app.pointerDown(100, 300).pointerDown(200, 290).pointerDown(210, 400).pointerDown(90, 410);
    expect(app.currentGesture().poly).toEqual([100, 300, 200, 290, 210, 400, 90, 410]);
    // within width/80 = 8 px of the first corner: closes
    app.pointerDown(104, 303);
    await app.settle();
    const o = only();
    expect(o.bbox2d).toEqual([90, 290, 120, 120]);
    expect(app.currentGesture().poly).toEqual([]);
    app.keyDown('z', { ctrl: true });
    expect(app.objects.getState().objects).toEqual([]);
  });

  it('objects wait for a lift: without a photo, lifting them says what to do', async () => {
    await app.objects.getState().addDrawn([10, 10, 50, 50]);
    expect(app.objects.getState().objects).toEqual([]);
    expect(app.objects.getState().message?.text).toBe('Lift a scene first: objects are lifted with its depth and camera.');
  });
});
