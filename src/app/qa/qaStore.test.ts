// Question generation through the whole app (TestApp, in-process lifting of a real NYU frame):
// questions about the objects drawn on the photo, kept with the scene, and in the review queue.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HAS_NYU, NYU_MISSING, nyuFrame } from '../testing/nyu';
import { type TestApp, createTestApp, resetStorage } from '../testing/TestApp';

let app: TestApp;
beforeEach(async () => {
  await resetStorage();
  app = createTestApp();
});
afterEach(() => app.dispose());

async function queueLength(n: number): Promise<void> {
  for (let i = 0; i < 200 && app.review.getState().rows.length !== n; i++) await new Promise((r) => setTimeout(r, 10));
  expect(app.review.getState().rows.length).toBe(n);
}

describe.skipIf(!HAS_NYU)(`questions into the review queue (${HAS_NYU ? 'NYU frame 0' : `skipped: ${NYU_MISSING}`})`, () => {
  it('without a lifted photo, says what to do first', async () => {
    await app.qa.getState().generate();
    expect(app.qa.getState().message?.text).toBe('Open and lift a photo first: questions are generated from its objects and points.');
  });

  it('generates questions about the drawn objects, stores them with the scene and queues them for review; generating again replaces them', async () => {
    await app.openFiles(nyuFrame(0));
    app.objects.getState().setTool('box');
    const boxes: [number, number, number, number][] = [
      [40, 260, 140, 180],
      [260, 250, 160, 130],
      [470, 200, 150, 220],
    ];
    for (const [cat, [x, y, w, h]] of [['chair', boxes[0]], ['cabinet', boxes[1]], ['table', boxes[2]]] as const) {
      app.objects.getState().setDrawCategory(cat);
      app.pointerDown(x, y).pointerMove(x + w, y + h).pointerUp();
      await app.settle();
    }
    const objects = app.objects.getState().objects;
    expect(objects.map((o) => o.bbox2d)).toEqual(boxes);
    expect(objects.filter((o) => o.box3d)).toHaveLength(3);

    app.qa.getState().setPerScene(40);
    await app.track(app.qa.getState().generate());
    await app.settle();
    const { items, report, message } = app.qa.getState();
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(40);
    expect(message?.text).toMatch(new RegExp(`^Generated ${items.length} questions? in \\d+ ms; they are in the review queue\\.`));
    expect(report!.scenes[0]).toBeDefined();
    const ids = new Set(objects.map((o) => o.id));
    for (const item of items) {
      expect(item.spatial_lens.scene).toBe('rgb_00000');
      expect(item.spatial_lens.objects.every((id) => ids.has(id))).toBe(true);
    }
    // kept with the scene, and queued in the project under review
    expect((await app.ports.storage.itemsOfScene('rgb_00000')).map((i) => i.id)).toEqual(items.map((i) => i.id));
    await queueLength(items.length);
    expect(new Set(app.review.getState().rows.map((r) => r.id))).toEqual(new Set(items.map((i) => i.id)));

    // another seed: the undecided questions of this scene are replaced, not added to
    app.qa.getState().setSeed(7);
    await app.track(app.qa.getState().generate());
    await app.settle();
    const again = app.qa.getState().items;
    expect(again.length).toBeGreaterThan(0);
    expect((await app.ports.storage.itemsOfScene('rgb_00000')).map((i) => i.id).sort()).toEqual(again.map((i) => i.id).sort());
    await queueLength(again.length);
  });

  it('exports the questions as a zip with their JSONL and the SPAR-7M layout', async () => {
    await app.openFiles(nyuFrame(0));
    app.objects.getState().setTool('box');
    app.pointerDown(40, 260).pointerMove(180, 440).pointerUp();
    await app.settle();
    app.pointerDown(470, 200).pointerMove(620, 420).pointerUp();
    await app.settle();
    await app.track(app.qa.getState().generate());
    await app.settle();
    const n = app.qa.getState().items.length;
    expect(n).toBeGreaterThan(0);
    await app.track(app.qa.getState().exportZip());
    await app.settle();
    expect(app.downloads.map((d) => d.name)).toEqual(['rgb_00000.qa.zip']);
    const { unzipSync } = await import('fflate');
    const zip = unzipSync(new Uint8Array(await app.downloads[0].blob.arrayBuffer()));
    const lines = new TextDecoder().decode(zip['qa.jsonl']).trim().split('\n');
    expect(lines).toHaveLength(n);
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(app.qa.getState().items.map((i) => i.id));
    expect(Object.keys(zip).some((k) => k.startsWith('spar7m/'))).toBe(true);
    // the photo the records name travels with them, byte for byte as opened
    expect(new Set(lines.flatMap((l) => JSON.parse(l).image as string[]))).toEqual(new Set(['rgb_00000.jpg']));
    expect(Buffer.compare(Buffer.from(zip['images/rgb_00000.jpg']), readFileSync(nyuFrame(0)[0]))).toBe(0);
  });
});
