// The scene store's per-photo settings against a real (in-memory) IndexedDB and a recording lifting
// client: what each lift request carries is what the photo's own files and the user's choices for
// that photo say, never what the previous photo used, unless the user asked to carry it over.
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { NYU_K, OPEN3D_K, SHARED_DATA, metric3dAnnotation, sharedDepthAt } from '../../test/depthScales';
import type { LiftedScene } from '../../domain/scene/liftedView';
import { db } from '../../adapters/browser/storage/db';
import { dexieLiftStorage } from '../../adapters/browser/storage/liftStorage';
import { loadScene } from '../../adapters/browser/storage/scenes';
import type { HeldLift } from '../lift/liftPhoto';
import type { ModelsStore } from '../models/modelsStore';
import type { ObjectsStore } from '../objects/objectsStore';
import type { Compute } from '../ports';
import { createProjectStore } from '../project/projectStore';
import { createSceneStore } from './sceneStore';
import type { ViewStore } from '../view/viewStore';
import { FakeMedia } from '../testing/reviewTestApp';

type Lift = Parameters<Compute['lift']>[0];
type Relift = Parameters<Compute['relift']>[1];

/** Records every request and answers with a scene whose camera height follows the scale, as a real lift's does. */
function recordingClient() {
  const lifts: Lift[] = [];
  const relifts: Relift[] = [];
  const payload = (name: string, camera: { fx: number; fy: number; cx: number; cy: number }, heightAt1000: number, unitsPerMetre: number | null): LiftedScene =>
    ({
      scene: {
        schema: 'spatial-lens/scene@1',
        id: name,
        image: { file: name, width: 640, height: 480 },
        camera: { ...camera, source: 'dataset' },
        worldFromCamera: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
        gravity: { source: 'plane-fit', supportPlane: null, cameraHeight: unitsPerMetre ? (heightAt1000 * 1000) / unitsPerMetre : heightAt1000 },
        depth: { source: 'dataset', calibration: 'none', scale: null },
        points: { file: `${name}.ply`, count: 0 },
        objects: [],
        views: [],
      },
      notes: [],
    }) as unknown as LiftedScene;
  let last: Lift | null = null;
  const client = {
    async lift(req: Lift) {
      lifts.push(req);
      last = req;
      return { scene: payload(req.image.name, req.manualCamera ?? { fx: 500, fy: 500, cx: 319.5, cy: 239.5 }, 1.5, req.depth?.scale.unitsPerMetre ?? null), held: {} as HeldLift };
    },
    async relift(_held: HeldLift, req: Relift) {
      relifts.push(req);
      return { scene: payload(last!.image.name, req.manualCamera ?? { fx: 500, fy: 500, cx: 319.5, cy: 239.5 }, 1.5, last!.depth?.scale.unitsPerMetre ?? null), held: {} as HeldLift };
    },
  };
  return { client: client as unknown as Compute, lifts, relifts };
}

function stores() {
  const { client, lifts, relifts } = recordingClient();
  const models = createStore(() => ({ choice: () => ({}), backend: 'auto' })) as unknown as ModelsStore;
  const view = createStore(() => ({ pointBudget: 1000, clearMeasure() {}, setHover() {} })) as unknown as ViewStore;
  const objects = createStore(() => ({ objects: [], pendingByImage: new Map(), async startScene() {}, async sceneMoved() {}, select() {} })) as unknown as ObjectsStore;
  const scene = createSceneStore({ compute: client, storage: dexieLiftStorage, files: { save() {}, asset: () => Promise.reject(new Error('no assets here')) }, media: new FakeMedia() }, models, view, objects);
  const project = createProjectStore(dexieLiftStorage, scene, objects);
  return { scene, project, lifts, relifts };
}

const file = (p: string, name = path.basename(p)) => new File([new Uint8Array(fs.readFileSync(p))], name);
const bytes = (b: Uint8Array | string, name: string) => new File([typeof b === 'string' ? b : new Uint8Array(b)], name);
const NYU = () => [file(`${SHARED_DATA}/nyu/rgb/rgb_00000.jpg`), file(`${SHARED_DATA}/nyu/depth/sync_depth_00000.png`), bytes(JSON.stringify(NYU_K), 'nyu_K.json')];
const TUM = (ann: boolean) => [
  file(`${SHARED_DATA}/nyu/rgb/rgb_00050.jpg`, 'tum_00050.jpg'),
  bytes(sharedDepthAt('nyu/depth/sync_depth_00050.png', 5000), 'tum_00050_depth.png'),
  ann ? bytes(metric3dAnnotation('tum_00050.jpg', 'tum_00050_depth.png', NYU_K, 5000), 'tum_00050.json') : bytes(JSON.stringify(NYU_K), 'tum_K.json'),
];
const KITTI = (ann: boolean) => [
  file(`${SHARED_DATA}/open3d_redwood/color/00003.jpg`, 'kitti_00003.jpg'),
  bytes(sharedDepthAt('open3d_redwood/depth/00003.png', 256), 'kitti_00003_depth.png'),
  ann ? bytes(metric3dAnnotation('kitti_00003.jpg', 'kitti_00003_depth.png', OPEN3D_K, 256), 'kitti_00003.json') : bytes(JSON.stringify(OPEN3D_K), 'kitti_K.json'),
];
/** Waits for the scene store's background save of the scene record. */
const saved = async (id: string) => {
  for (let i = 0; i < 100; i++) {
    const r = await loadScene(id);
    if (r?.lifting) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`${id} was not saved`);
};

beforeEach(async () => {
  await db().delete();
  await db().open();
});

describe('each photo keeps its own depth scale', () => {
  it("the issue's sequence: KITTI with its annotation (256), 256 picked to check, then NYU and TUM without a scale file", async () => {
    const { scene, lifts } = stores();
    await scene.getState().openFiles(KITTI(true));
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 256, source: 'file', detail: 'kitti_00003.json' });
    // what the menu shows: the scale of the photo on screen
    expect(scene.getState().photo.depthScale.unitsPerMetre).toBe(256);
    await scene.getState().setDepthScale(256);
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 256, source: 'user' });
    await scene.getState().openFiles(NYU());
    // before: 256 carried over silently (camera 5.70 m)
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 1000, source: 'default' });
    expect(scene.getState().photo.depthScale).toEqual({ unitsPerMetre: 1000, source: 'default' });
    await scene.getState().openFiles(TUM(false));
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 1000, source: 'default' });
  });

  it("the user's choice wins over the annotation file for that photo (before: the menu did nothing)", async () => {
    const { scene, lifts } = stores();
    await scene.getState().openFiles(KITTI(true));
    await scene.getState().setDepthScale(1000);
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 1000, source: 'user' });
    expect(scene.getState().scene!.scene.gravity.cameraHeight).toBeCloseTo(1.5, 6);
    expect(scene.getState().photo.depthScale.unitsPerMetre).toBe(1000);
  });

  it('a refused scale changes nothing and says why', async () => {
    const { scene, lifts } = stores();
    await scene.getState().openFiles(TUM(true));
    const n = lifts.length;
    await scene.getState().setDepthScale(-3);
    expect(lifts.length).toBe(n);
    expect(scene.getState().message?.text).toMatch(/A depth scale must be a positive number of units per metre \(found -3\)/);
    expect(scene.getState().photo.depthScale.unitsPerMetre).toBe(5000);
  });

  it('a nonsense depth_scale in the annotation file is refused with its name, and the scene on screen stays', async () => {
    const { scene, lifts } = stores();
    await scene.getState().openFiles(NYU());
    const n = lifts.length;
    await scene.getState().openFiles([...TUM(false).slice(0, 2), bytes(JSON.stringify({ cam_in: [518, 519, 325, 253], depth_scale: 0 }), 'bad_scale.json')]);
    expect(lifts.length).toBe(n);
    expect(scene.getState().message?.text).toMatch(/bad_scale\.json gives depth_scale 0/);
    expect(scene.getState().scene!.scene.image.file).toBe('rgb_00000.jpg');
  });

  it('"use for the next photos too" carries the scale to photos without a scale file; a photo\'s own file still wins', async () => {
    const { scene, lifts } = stores();
    await scene.getState().openFiles(TUM(false));
    await scene.getState().setDepthScale(5000);
    scene.getState().setCarry('depthScale', true);
    await scene.getState().openFiles(TUM(false).map((f) => new File([f], f.name.replace('00050', '00051'))));
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 5000, source: 'carried' });
    await scene.getState().openFiles(KITTI(true));
    expect(lifts.at(-1)!.depth!.scale).toMatchObject({ unitsPerMetre: 256, source: 'file' });
    // a choice made while carrying is what is carried from then on; unticked, nothing is
    await scene.getState().setDepthScale(100);
    await scene.getState().openFiles(NYU());
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 100, source: 'carried' });
    scene.getState().setCarry('depthScale', false);
    await scene.getState().openFiles(TUM(false));
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 1000, source: 'default' });
  });
});

describe('each photo keeps its own intrinsics and gravity', () => {
  it('intrinsics and gravity set by hand stay with their photo (before: they were used for the next one)', async () => {
    const { scene, lifts, relifts } = stores();
    await scene.getState().openFiles(NYU());
    await scene.getState().update({ manualCamera: { fx: 400, fy: 400, cx: 320, cy: 240 }, gravity: { pitch: 0.2 } });
    expect(relifts.at(-1)!.manualCamera).toEqual({ fx: 400, fy: 400, cx: 320, cy: 240 });
    expect(relifts.at(-1)!.options.gravity).toEqual({ pitch: 0.2 });
    await scene.getState().openFiles(TUM(true));
    expect(lifts.at(-1)!.manualCamera).toBeUndefined();
    expect(lifts.at(-1)!.carriedCamera).toBeUndefined();
    expect(lifts.at(-1)!.options.gravity).toEqual({});
  });

  it('"use for the next photos too" on intrinsics sends them as carried, for the job to use when a photo has no intrinsics file', async () => {
    const { scene, lifts } = stores();
    await scene.getState().openFiles(NYU());
    await scene.getState().update({ manualCamera: { fx: 400, fy: 400, cx: 320, cy: 240 } });
    scene.getState().setCarry('camera', true);
    await scene.getState().openFiles(TUM(true));
    expect(lifts.at(-1)!.manualCamera).toBeUndefined();
    expect(lifts.at(-1)!.carriedCamera).toEqual({ K: { fx: 400, fy: 400, cx: 320, cy: 240 }, width: 640, height: 480 });
    scene.getState().setCarry('camera', false);
    await scene.getState().openFiles(NYU());
    expect(lifts.at(-1)!.carriedCamera).toBeUndefined();
  });
});

describe('a scene reopened from the project', () => {
  it('is lifted with the settings it had, and a new depth scale lifts it again (before: the menu did nothing)', async () => {
    const { scene, project, lifts } = stores();
    await scene.getState().openFiles(KITTI(true));
    await scene.getState().setDepthScale(256);
    await scene.getState().update({ sceneKind: 'tabletop' });
    expect((await saved('kitti_00003.jpg')).lifting).toMatchObject({ depthScale: { unitsPerMetre: 256, source: 'user' }, sceneKind: 'tabletop' });
    await scene.getState().openFiles(TUM(false));
    await scene.getState().setDepthScale(5000);
    await saved('tum_00050.jpg');

    await project.getState().openScene('kitti_00003.jpg');
    expect(lifts.at(-1)!.image.name).toBe('kitti_00003.jpg');
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 256, source: 'user' });
    expect(lifts.at(-1)!.sceneKind).toBe('tabletop');
    expect(scene.getState().photo.depthScale.unitsPerMetre).toBe(256);
    await scene.getState().setDepthScale(1000);
    expect(lifts.at(-1)!.image.name).toBe('kitti_00003.jpg');
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 1000, source: 'user' });
    expect(scene.getState().scene!.scene.gravity.cameraHeight).toBeCloseTo(1.5, 6);
    for (let i = 0; i < 100 && (await loadScene('kitti_00003.jpg'))?.lifting?.depthScale.unitsPerMetre !== 1000; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await loadScene('kitti_00003.jpg'))!.lifting!.depthScale.unitsPerMetre).toBe(1000);

    await project.getState().openScene('tum_00050.jpg');
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 5000, source: 'user' });
  });

  it('a scene stored before photos kept their settings reopens at its annotation file\'s scale, else at the scale it was saved with', async () => {
    const { scene, project, lifts } = stores();
    const k = KITTI(true), t = TUM(false);
    await db().scenes.put({ id: 'kitti_00003.jpg', image: k[0], depth: k[1], intrinsics: { name: k[2].name, text: await k[2].text() }, depthUnitsPerMetre: 1000, updatedAt: '2026-01-01' });
    await db().scenes.put({ id: 'tum_00050.jpg', image: t[0], depth: t[1], depthUnitsPerMetre: 5000, updatedAt: '2026-01-01' });
    await project.getState().openScene('kitti_00003.jpg');
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 256, source: 'file', detail: 'kitti_00003.json' });
    await project.getState().openScene('tum_00050.jpg');
    expect(lifts.at(-1)!.depth!.scale).toEqual({ unitsPerMetre: 5000, source: 'user' });
    expect(scene.getState().photo.depthScale.unitsPerMetre).toBe(5000);
  });
});
