// Scene edits through the whole app (TestApp, in-process lifting of real NYU frames): a per-photo
// depth scale lifts the photo again at that scale, a camera set by hand re-lifts from the held lift
// (the lifting verbs keep no scene of their own), and a scene reopened from the project comes back
// with its settings and its edited objects.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HAS_NYU, NYU_MISSING, nyuFrame } from '../testing/nyu';
import { type TestApp, createTestApp, resetStorage } from '../testing/TestApp';

let app: TestApp;
beforeEach(async () => {
  await resetStorage();
  app = createTestApp();
});
afterEach(() => app.dispose());

const shown = () => app.scene.getState().scene!;
/** Waits for the debounced save of the scene's objects. */
async function savedObjects(id: string, n: number) {
  for (let i = 0; i < 200; i++) {
    const r = await app.ports.storage.loadScene(id);
    if (r?.objects?.length === n) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`${id}: ${n} objects were not saved`);
}

describe.skipIf(!HAS_NYU)(`scene edits (${HAS_NYU ? 'NYU frames 0 and 50' : `skipped: ${NYU_MISSING}`})`, () => {
  it("a photo's depth scale lifts it again at that scale: every depth halves at twice the units per metre", async () => {
    await app.openFiles(nyuFrame(0));
    const before = shown();
    expect(app.scene.getState().photo.depthScale).toEqual({ unitsPerMetre: 1000, source: 'default' });
    expect(before.depthScale).toEqual({ unitsPerMetre: 1000, source: 'default' });
    const d1 = before.depth.slice(), k1 = before.keep.slice(), h1 = before.scene.gravity.cameraHeight!;

    await app.track(app.scene.getState().setDepthScale(2000));
    await app.settle();
    const after = shown();
    expect(after).not.toBe(before);
    expect(after.depthScale).toEqual({ unitsPerMetre: 2000, source: 'user' });
    expect(app.scene.getState().photo.depthScale).toEqual({ unitsPerMetre: 2000, source: 'user' });
    // the same raw values read at 2000 per metre: exactly half the metres, pixel by pixel
    let n = 0, worst = 0;
    for (let i = 0; i < d1.length; i++) {
      if (!(k1[i] && after.keep[i] && d1[i] > 0)) continue;
      worst = Math.max(worst, Math.abs(after.depth[i] / d1[i] - 0.5));
      n++;
    }
    expect(n).toBeGreaterThan(100_000);
    expect(worst).toBeLessThan(1e-6);
    // a scene half the size: the camera stands half as high over the fitted floor
    expect(after.scene.gravity.cameraHeight! / h1).toBeCloseTo(0.5, 1);
    // the scale is kept with the photo in the project
    for (let i = 0; i < 200 && (await app.ports.storage.loadScene('rgb_00000.jpg'))?.lifting?.depthScale.unitsPerMetre !== 2000; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await app.ports.storage.loadScene('rgb_00000.jpg'))!.lifting!.depthScale).toEqual({ unitsPerMetre: 2000, source: 'user' });
  });

  it('a camera set by hand re-lifts the photo on screen from the lift the app holds, and stays with that photo', async () => {
    await app.openFiles(nyuFrame(0));
    const held = app.scene.getState().held!;
    expect(shown().camera.fx).toBeCloseTo(518.8579, 4);
    await app.track(app.scene.getState().update({ manualCamera: { fx: 400, fy: 400, cx: 320, cy: 240 } }));
    await app.settle();
    expect(shown().camera).toEqual({ fx: 400, fy: 400, cx: 320, cy: 240 });
    expect(shown().scene.camera).toMatchObject({ fx: 400, source: 'manual' });
    // a new lift is held; the photo's decoded pixels are the same ones (no second decode)
    expect(app.scene.getState().held).not.toBe(held);
    expect(app.scene.getState().held!.input.image).toBe(held.input.image);

    // the next photo is lifted with its own intrinsics file, not the camera set by hand
    await app.openFiles(nyuFrame(50));
    expect(shown().scene.image.file).toBe('rgb_00050.jpg');
    expect(shown().camera.fx).toBeCloseTo(518.8579, 4);
    expect(app.scene.getState().photo.manualCamera).toBeNull();
  });

  it('a scene reopened from the project is lifted with its own settings, its edited objects back and selected', async () => {
    await app.openFiles(nyuFrame(0));
    await app.track(app.scene.getState().setDepthScale(2000));
    await app.settle();
    app.objects.getState().setTool('box');
    app.pointerDown(260, 250).pointerMove(420, 380).pointerUp();
    await app.settle();
    const drawn = app.objects.getState().objects[0];
    expect(drawn.bbox2d).toEqual([260, 250, 160, 130]);
    await savedObjects('rgb_00000.jpg', 1);

    await app.openFiles(nyuFrame(50));
    expect(shown().scene.image.file).toBe('rgb_00050.jpg');
    expect(app.scene.getState().photo.depthScale.unitsPerMetre).toBe(1000);
    expect(app.objects.getState().objects).toEqual([]);

    await app.project.getState().refresh();
    expect(app.project.getState().scenes.map((s) => [s.id, s.objects, s.depthScale]).sort()).toEqual([
      ['rgb_00000.jpg', 1, 2000],
      ['rgb_00050.jpg', 0, 1000],
    ]);
    await app.track(app.project.getState().openScene('rgb_00000.jpg', drawn.id));
    await app.settle();
    expect(shown().scene.image.file).toBe('rgb_00000.jpg');
    expect(app.scene.getState().photo.depthScale).toEqual({ unitsPerMetre: 2000, source: 'user' });
    const back = app.objects.getState().objects;
    expect(back.map((o) => [o.id, o.category, o.bbox2d])).toEqual([[drawn.id, drawn.category, [260, 250, 160, 130]]]);
    expect(app.objects.getState().selectedId).toBe(drawn.id);
    // lifted again in the same frame and scale: the same 3D box
    expect(back[0].box3d!.center[0]).toBeCloseTo(drawn.box3d!.center[0], 3);
    expect(back[0].box3d!.center[1]).toBeCloseTo(drawn.box3d!.center[1], 3);
    expect(back[0].box3d!.center[2]).toBeCloseTo(drawn.box3d!.center[2], 3);
  });
});
