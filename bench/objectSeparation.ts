// Box-only lifting before/after cutting the object from what lies behind it at depth jumps:
// the NYU frame 0 wardrobe (YOLOX-Nano's box; 0.97 m wide measured with the app's own tool) and
// the analytic boxes-only scenes (mean 3D IoU against the true boxes).
//   npx tsx bench/objectSeparation.ts
import fs from 'node:fs';
import path from 'node:path';
import { decodeDepthPng } from '../src/domain/formats/depthPng';
import { iou3d } from '../src/domain/geometry/obb';
import { mulberry32 } from '../src/domain/geometry/random';
import { liftImage } from '../src/domain/lifting/pipeline';
import { liftAnnotation } from '../src/domain/objects/liftObject';
import type { LiftedView } from '../src/domain/scene/liftedView';
import { TABLETOP, type TrueObject, liftObjectScene, standing } from '../src/test/objectScenes';

const DATA = process.env.SPATIAL_LENS_DATA ?? path.resolve(import.meta.dirname, '../../shared/data');
const K = { fx: 518.8579, fy: 519.46961, cx: 325.58245, cy: 253.73617 };
const d = decodeDepthPng(new Uint8Array(fs.readFileSync(`${DATA}/nyu/depth/sync_depth_00000.png`)), 1000);
const lift = liftImage({ id: 'nyu0', image: { file: 'rgb_00000.jpg', width: d.width, height: d.height }, rgba: new Uint8Array(d.width * d.height * 4), camera: { ...K, source: 'dataset' }, depth: { kind: 'metric', depth: d.data, source: 'dataset' } });
const ctx: LiftedView = { depth: lift.depth, keep: lift.keep, width: lift.width, height: lift.height, camera: K, R: lift.frame.R, T: lift.frame.T, stored: { width: d.width, height: d.height }, hasSupportPlane: lift.gravitySource !== 'none' };
// YOLOX-Nano's box on the wardrobe ("refrigerator 0.67" with onnxruntime-node)
const wardrobe = { id: 'wardrobe', category: 'refrigerator', bbox: [163.0, 103.8, 159.4, 263.8] as [number, number, number, number], source: 'detected' as const };
for (const separate of [false, true]) {
  const r = liftAnnotation(wardrobe, ctx, { separate });
  const s = r.box3d!.size;
  console.log(`NYU frame 0 wardrobe, box only, ${separate ? 'after ' : 'before'}: ${s.map((x) => x.toFixed(2)).join(' × ')} m (longer horizontal side ${Math.max(s[0], s[1]).toFixed(2)} m; measured 0.97 m), ${Math.round(100 * (r.quality.separatedShare ?? 1))} % of the box's points kept`);
}

// the hand-drawn boxes of the e2e fixture (test-models/e2e/nyu0-coco.json): the chairs stand in
// front of the table, the wardrobe against a cabinet
const HAND: [string, [number, number, number, number]][] = [
  ['dining table', [448, 178, 136, 72]],
  ['chair', [466, 168, 42, 88]],
  ['chair', [510, 168, 46, 88]],
  ['chair', [594, 336, 40, 138]],
  ['wardrobe', [170, 96, 186, 264]],
  ['storage bin', [36, 186, 66, 62]],
  ['storage bin', [64, 300, 86, 86]],
  ['cardboard box', [322, 342, 100, 60]],
];
for (const [category, bbox] of HAND) {
  const sizes = [false, true].map((separate) => liftAnnotation({ id: category, category, bbox, source: 'drawn' }, ctx, { separate }).box3d?.size.map((x) => x.toFixed(2)).join(' × ') ?? 'no box');
  console.log(`NYU frame 0 ${category.padEnd(13)} [${bbox.join(', ')}]: before ${sizes[0]} m, after ${sizes[1]} m`);
}

const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
const report = (name: string, objs: TrueObject[]) => {
  const s = liftObjectScene(640, 480, objs, false, 32, 1.6);
  for (const separate of [false, true]) {
    const ious = s.annotations.map((a) => {
      const b = liftAnnotation(a, s.ctx, { separate }).box3d;
      return b ? iou3d(b, objs[Number(a.id.slice(1))].box) : 0;
    });
    console.log(`${name}, boxes only, ${separate ? 'after ' : 'before'}: mean 3D IoU ${mean(ious).toFixed(3)} (${ious.map((x) => x.toFixed(2)).join(' ')})`);
  }
};
report('tabletop scene (src/test/objectScenes.ts), 6 objects', TABLETOP);
const rand = mulberry32(9);
const random: TrueObject[] = [];
for (let k = 0; k < 8; k++) random.push({ category: 'suitcase', box: standing(-1.6 + (k % 4) * 1.05 + 0.2 * rand(), 2.2 + Math.floor(k / 4) * 1.4 + 0.3 * rand(), 0.3 + 0.4 * rand(), 0.2 + 0.2 * rand(), 0.2 + 0.5 * rand(), 180 * rand()) });
report('random scene, 8 objects', random);
