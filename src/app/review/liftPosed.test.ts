// A SPAR-7M-RGBD folder imported through the review store (the real review worker in-process,
// fake-indexeddb): each item carries its images' cameras from the text files, the item on screen is
// measured, and a multi-view item's photos are put in one frame from what the project stored.
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../adapters/browser/storage/db';
import { getImage } from '../../adapters/browser/storage/review';
import { decodeDepthPng } from '../../domain/formats/depthPng';
import { type ItemImage, measureItem } from '../../domain/qa/audit/measureItem';
import { imageCamera } from '../../domain/review/import/rgbdColumns';
import { type PosedImage, liftPosed } from '../../domain/review/posedLift';
import { folderFiles } from '../../test/folderFiles';
import { HAVE_SHARED_DATA } from '../../test/markedPhotos';
import { REDWOOD_K, redwoodDepth, redwoodLog, writeSpar7mFixture } from '../../test/spar7mLayout';
import { inProcessClient } from '../../test/workerClient';
import { TestBrowser, createReviewTestApp } from '../testing/reviewTestApp';
import { createTestApp } from '../testing/TestApp';
import { liftPosedPhotos, posedLiftBlocker } from './liftPosed';
import { measureCurrent } from './measureCurrent';

beforeEach(async () => {
  await db().delete();
  await db().open();
});

const rgbaOf = async (blob: Blob) => {
  const { data, info } = await sharp(new Uint8Array(await blob.arrayBuffer())).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
};

describe.skipIf(!HAVE_SHARED_DATA)('a SPAR-7M-RGBD folder imported in the review workspace', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-spar7m-app-'));
  const fx = writeSpar7mFixture(dir);

  it('stores each image’s camera with the item; the multi-view item is measured and its photos lift into one frame', async () => {
    const client = await inProcessClient();
    const s = createReviewTestApp({ compute: client }).review;
    await s.getState().open('default');
    await s.getState().importFiles(folderFiles(fx.root));
    expect(s.getState().rows).toHaveLength(fx.items.length);
    expect(s.getState().lastImport?.problems).toEqual([]);

    const row = s.getState().rows.find((r) => r.id.endsWith('#redwood_00_5'))!;
    await s.getState().show(row.id);
    const cur = s.getState().current!;
    const item = cur.stored.item;
    const log = redwoodLog();
    const cam = imageCamera(item as unknown as Record<string, unknown>, 1);
    expect(cam.K).toEqual(REDWOOD_K);
    cam.pose!.forEach((x, i) => expect(x).toBeCloseTo(log[4][i], 5));

    // what the page's ports do, over the project's stored images: Node decoding in place of the workers
    const project = s.getState().project;
    const stored = async (p: string) => (await getImage(project, p))!.blob;
    const target = { item, imagePaths: cur.stored.imagePaths, images: cur.images.map((im, k) => ({ path: im.path, url: cur.stored.imagePaths![k] })) };
    const audit = await measureCurrent(
      {
        fetchBlob: stored,
        projectImage: getImage,
        measure: async (it, images) => {
          const ins: ItemImage[] = [];
          for (const im of images) ins.push({ rgba: await rgbaOf(im.image), depth: decodeDepthPng(new Uint8Array(await im.depth!.arrayBuffer()), 1000), K: im.K, Kdepth: im.Kdepth, pose: im.pose });
          return measureItem(it, ins);
        },
      },
      project,
      target,
    );
    const truth = fx.items.find((i) => i.id === 'redwood_00_5')!;
    expect(audit!.display).toMatch(/^answer [\d.]+ m · measured [\d.]+ m ± [\d.]+ \(distance between the red and blue points\)$/);
    expect(Math.abs((audit!.measured!.value as number) - truth.truth)).toBeLessThan(0.05 * truth.truth);

    expect(posedLiftBlocker(target)).toBeNull();
    const lift = await liftPosedPhotos(
      {
        fetchBlob: stored,
        projectImage: getImage,
        liftPosed: async (marks, images, reference, step) => {
          const ins: PosedImage[] = [];
          for (const im of images) ins.push({ rgba: await rgbaOf(im.image), depth: decodeDepthPng(new Uint8Array(await im.depth.arrayBuffer()), 1000), K: im.K, Kdepth: im.Kdepth, pose: im.pose });
          return liftPosed(marks, ins, reference, step);
        },
      },
      project,
      target,
      0,
      item.spatial_lens.marks,
    );
    // image 2's points land on image 1's own depth
    const d0 = redwoodDepth(0);
    const c = lift.clouds[0];
    const errs: number[] = [];
    for (let i = 0; i < c.count; i++) {
      const [x, y, z] = [c.xyz[i * 3], c.xyz[i * 3 + 1], c.xyz[i * 3 + 2]];
      const u = Math.round((x / z) * REDWOOD_K.fx + REDWOOD_K.cx), v = Math.round((y / z) * REDWOOD_K.fy + REDWOOD_K.cy);
      if (u >= 0 && v >= 0 && u < 640 && v < 480 && d0.data[v * 640 + u] > 0) errs.push(Math.abs(z - d0.data[v * 640 + u]));
    }
    errs.sort((a, b) => a - b);
    expect(errs[errs.length >> 1]).toBeLessThan(0.01);
    // the marks of both photos, measured against each other as the audit measured them
    const [a, b] = lift.marks.map((m) => m.at!);
    expect(lift.marks.map((m) => [m.mark.color, m.mark.image])).toEqual([['red', 0], ['blue', 1]]);
    expect(Math.abs(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) - (audit!.measured!.value as number))).toBeLessThan(0.02);
  });

  it('an item whose photos have no pose says why it cannot be put in one frame', async () => {
    const client = await inProcessClient();
    const s = createReviewTestApp({ compute: client }).review;
    await s.getState().open('default');
    await s.getState().importFiles(folderFiles(fx.root));
    const row = s.getState().rows.find((r) => r.id.endsWith('#redwood_01_9'))!;
    await s.getState().show(row.id);
    const cur = s.getState().current!;
    expect(posedLiftBlocker({ item: cur.stored.item, imagePaths: cur.stored.imagePaths, images: cur.images })).toBe('image 1 lacks a pose');
  });
});

describe.skipIf(!HAVE_SHARED_DATA)('liftReviewPosed through the whole app', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-spar7m-app2-'));
  const fx = writeSpar7mFixture(dir);

  it('fills the posed-lift store for a posed multi-view item, and leaves it empty for one without poses', async () => {
    const client = await inProcessClient();
    let project = '';
    // the test's media port makes URLs that are only names: a shown photo is fetched by its stored path
    const app = createTestApp({
      ports: {
        review: new TestBrowser().tabPorts({ compute: client }).ports,
        fetchBlob: async (url) => {
          const cur = app.review.getState().current!;
          const k = cur.images.findIndex((im) => im.url === url);
          return (await getImage(project, cur.stored.imagePaths![k]!))!.blob;
        },
        liftPosed: async (marks, images, reference, step) => {
          const ins: PosedImage[] = [];
          for (const im of images) ins.push({ rgba: await rgbaOf(im.image), depth: decodeDepthPng(new Uint8Array(await im.depth.arrayBuffer()), 1000), K: im.K, Kdepth: im.Kdepth, pose: im.pose });
          return liftPosed(marks, ins, reference, step);
        },
      },
    });
    const s = app.review;
    await s.getState().open('default');
    project = s.getState().project;
    await s.getState().importFiles(folderFiles(fx.root));
    const show = async (id: string) => s.getState().show(s.getState().rows.find((r) => r.id.endsWith(`#${id}`))!.id);

    await show('redwood_00_7');
    expect(s.getState().current!.images.every((im) => im.url)).toBe(true);
    const pending = app.liftReviewPosed(1);
    expect(app.posedLift.getState()).toMatchObject({ itemId: s.getState().current!.row.id, working: true, lift: null });
    await pending;
    const st = app.posedLift.getState();
    expect(st.working).toBe(false);
    expect(st.error).toBeNull();
    // lifted around image 2: image 1 is the other cloud, and both marks are placed
    expect(st.lift!.reference).toBe(1);
    expect(st.lift!.clouds.map((c) => c.image)).toEqual([0]);
    expect(st.lift!.clouds[0].count).toBeGreaterThan(30000);
    expect(st.lift!.marks.every((m) => m.at !== null)).toBe(true);

    await show('redwood_01_9');
    await app.liftReviewPosed(0);
    expect(app.posedLift.getState()).toMatchObject({ itemId: s.getState().current!.row.id, working: false, lift: null, error: null, unposed: 'image 1 lacks a pose' });
    app.dispose();
  });
});
