// Objects benchmark (issue: lifting 100 objects of a 1 MP scene ≤ 200 ms in Node; DBSCAN on 50k
// points ≤ 100 ms; accuracy on analytic scenes: mean 3D IoU ≥ 0.8, yaw error ≤ 5°).
//   npx tsx bench/objects.ts
import { dbscan } from '../src/domain/geometry/dbscan';
import { iou3d, yawDifference } from '../src/domain/geometry/obb';
import { mulberry32 } from '../src/domain/geometry/random';
import { liftAnnotation } from '../src/domain/objects/liftObject';
import { TABLETOP, type TrueObject, liftObjectScene, standing } from '../src/test/objectScenes';

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;

const scene = (W: number, H: number, objects: TrueObject[], pitchDeg = 32, masks = true) => liftObjectScene(W, H, objects, masks, pitchDeg, 1.6);

// 1. 100 objects in a 1 MP scene: a 10 × 10 field of boxes on the floor.
const field: TrueObject[] = [];
const rand = mulberry32(9);
for (let r = 0; r < 10; r++)
  for (let c = 0; c < 10; c++) field.push({ category: 'suitcase', box: standing(-2.2 + c * 0.5, 2 + r * 0.55, 0.25 + 0.1 * rand(), 0.2, 0.2 + 0.3 * rand(), 90 * rand()) });
const big = scene(1152, 868, field);
for (let w = 0; w < 3; w++) for (const a of big.annotations) liftAnnotation(a, big.ctx);
const times: number[] = [];
for (let r = 0; r < 7; r++) {
  const t0 = performance.now();
  for (const a of big.annotations) liftAnnotation(a, big.ctx);
  times.push(performance.now() - t0);
}
console.log(`lifting ${big.annotations.length} objects (masks) of a 1 MP scene: median ${median(times).toFixed(0)} ms over 7 runs (target ≤ 200)`);

// 2. DBSCAN on 50k points (five blobs and 2 % scatter).
const pts = new Float32Array(50_000 * 3);
for (let i = 0; i < 50_000; i++) {
  const blob = i % 5;
  const far = rand() < 0.02;
  pts[i * 3] = far ? 10 * rand() : blob * 2 + 0.3 * rand();
  pts[i * 3 + 1] = far ? 10 * rand() : 0.3 * rand();
  pts[i * 3 + 2] = far ? 10 * rand() : 0.3 * rand();
}
for (let w = 0; w < 3; w++) dbscan(pts, 50_000, 0.03, 10);
const dtimes: number[] = [];
for (let r = 0; r < 7; r++) {
  const t0 = performance.now();
  dbscan(pts, 50_000, 0.03, 10);
  dtimes.push(performance.now() - t0);
}
console.log(`DBSCAN on 50,000 points: median ${median(dtimes).toFixed(1)} ms (target ≤ 100)`);

// 3. Accuracy on analytic scenes: boxes on a floor, some occluding others, known camera.
const report = (name: string, objs: TrueObject[], masks: boolean) => {
  const s = scene(640, 480, objs, 32, masks);
  const ious: number[] = [], yaws: number[] = [];
  s.annotations.forEach((a) => {
    const k = Number(a.id.slice(1));
    const b = liftAnnotation(a, s.ctx).box3d;
    ious.push(b ? iou3d(b, objs[k].box) : 0);
    if (b) yaws.push((yawDifference(b, objs[k].box) * 180) / Math.PI);
  });
  console.log(`${name} (${masks ? 'masks' : 'boxes only'}): mean 3D IoU ${mean(ious).toFixed(3)} (min ${Math.min(...ious).toFixed(2)}), yaw error mean ${mean(yaws).toFixed(2)}° max ${Math.max(...yaws).toFixed(2)}°`);
};
report('tabletop scene, 6 objects', TABLETOP, true);
report('tabletop scene, 6 objects', TABLETOP, false);
const random: TrueObject[] = [];
for (let k = 0; k < 8; k++) random.push({ category: 'suitcase', box: standing(-1.6 + (k % 4) * 1.05 + 0.2 * rand(), 2.2 + Math.floor(k / 4) * 1.4 + 0.3 * rand(), 0.3 + 0.4 * rand(), 0.2 + 0.2 * rand(), 0.2 + 0.5 * rand(), 180 * rand()) });
report('random scene, 8 objects', random, true);
report('random scene, 8 objects', random, false);
