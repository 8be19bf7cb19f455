// Several posed photos in one frame, on the real Open3D redwood frames and their logged poses:
//  - reprojection: each other frame's depth carried into frame 0 (or 3) and compared with that
//    frame's own depth, for the log read as camera-to-world, as its inverse, and with no pose;
//  - one static point marked on two photos: how far apart the two placements land;
//  - import cost of the camera files: a SPAR-7M-RGBD drop of N frames (N pose files, N records),
//    with and without its camera files.
//   npx tsx bench/posedLift.ts [--frames N]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { applyRigid, cameraToFirst, invertRigid } from '../src/domain/geometry/rigid';
import { importAll } from '../src/domain/review/import';
import { type PosedImage, liftPosed, posedCloud } from '../src/domain/review/posedLift';
import { SHARED_DATA } from '../src/test/markedPhotos';
import { REDWOOD_K, flatPoint, redwoodDepth, redwoodLog } from '../src/test/spar7mLayout';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '2000' } } });
const log = redwoodLog();
const I = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const cm = (x: number) => `${(x * 100).toFixed(2)} cm`;

async function frame(n: number): Promise<PosedImage> {
  const { data, info } = await sharp(fs.readFileSync(`${SHARED_DATA}/open3d_redwood/color/${String(n).padStart(5, '0')}.jpg`)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { rgba: { width: info.width, height: info.height, data: new Uint8Array(data) }, depth: redwoodDepth(n), K: REDWOOD_K, pose: log[n] };
}

function reproject(xyz: Float32Array, count: number, ref: number) {
  const d = redwoodDepth(ref);
  const errs: number[] = [];
  for (let i = 0; i < count; i++) {
    const [x, y, z] = [xyz[i * 3], xyz[i * 3 + 1], xyz[i * 3 + 2]];
    const u = Math.round((x / z) * REDWOOD_K.fx + REDWOOD_K.cx), v = Math.round((y / z) * REDWOOD_K.fy + REDWOOD_K.cy);
    if (u < 0 || v < 0 || u >= d.width || v >= d.height) continue;
    const z0 = d.data[v * d.width + u];
    if (z0 > 0) errs.push(Math.abs(z - z0));
  }
  errs.sort((a, b) => a - b);
  return `median ${cm(q(errs, 0.5))}, p90 ${cm(q(errs, 0.9))} (n ${errs.length})`;
}

console.log('Reprojection |z − z_ref| of one frame’s depth carried into another’s camera:');
for (const [k, ref] of [
  [3, 0],
  [4, 0],
  [4, 3],
]) {
  const f = await frame(k);
  const right = posedCloud(f, cameraToFirst(log[k], log[ref]), 1);
  const inv = posedCloud(f, cameraToFirst(invertRigid(log[k]), invertRigid(log[ref])), 1);
  const none = posedCloud(f, I, 1);
  console.log(`  frame ${k} → ${ref}: camera-to-world ${reproject(right.xyz, right.count, ref)}`);
  console.log(`               as world-to-camera ${reproject(inv.xyz, inv.count, ref)}`);
  console.log(`               no pose            ${reproject(none.xyz, none.count, ref)}`);
}

console.log('One static point marked on two photos, placed from each (flat pixels on a 20-px grid):');
for (const k of [3, 4]) {
  const images = [await frame(0), await frame(k)];
  const d0 = redwoodDepth(0), dk = redwoodDepth(k);
  const gaps: number[] = [];
  for (let v = 30; v < 450; v += 20)
    for (let u = 30; u < 610; u += 20) {
      const p0 = flatPoint(d0, u, v);
      if (!p0) continue;
      const c = applyRigid(invertRigid(log[k]), applyRigid(log[0], p0));
      const uk = (c[0] / c[2]) * REDWOOD_K.fx + REDWOOD_K.cx, vk = (c[1] / c[2]) * REDWOOD_K.fy + REDWOOD_K.cy;
      if (!flatPoint(dk, Math.round(uk), Math.round(vk))) continue;
      const lift = liftPosed(
        [
          { kind: 'point', color: 'red', uv: [u, v], image: 0 },
          { kind: 'point', color: 'blue', uv: [uk, vk], image: 1 },
        ],
        images,
        0,
        16,
      );
      const [a, b] = lift.marks.map((m) => m.at!);
      gaps.push(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
    }
  gaps.sort((a, b) => a - b);
  console.log(`  frames 0 and ${k}: ${gaps.length} points, gap median ${cm(q(gaps, 0.5))}, p95 ${cm(q(gaps, 0.95))}, max ${cm(gaps[gaps.length - 1])}`);
}

const N = Number(values.frames);
const jpg = new Blob([fs.readFileSync(`${SHARED_DATA}/open3d_redwood/color/00000.jpg`)]);
const poseText = (n: number) => new Blob([log[n % 5].map((x) => x.toFixed(6)).join(' ').replace(/((?:\S+ ){3}\S+) /g, '$1\n')]);
const files = [{ path: 's/images/sc/intrinsic/intrinsic_color.txt', blob: new Blob(['525 0 319.5\n0 525 239.5\n0 0 1\n']) }];
const lines: string[] = [];
for (let n = 0; n < N; n++) {
  files.push({ path: `s/images/sc/image_color/${n}.jpg`, blob: jpg }, { path: `s/images/sc/pose/${n}.txt`, blob: poseText(n) });
  lines.push(JSON.stringify({ id: `sc_${n}`, conversations: [{ from: 'human', value: 'How far is the lamp (red point)?' }, { from: 'gpt', value: '2.0' }], image: [`sc/image_color/${n}.jpg`], type: 'distance_prediction_oc', red_point: [[500, 500]] }));
}
const items = { path: 's/qa_jsonl/train/t/fill/a.jsonl', blob: new Blob([lines.join('\n')]) };
for (const [label, drop] of [
  ['without camera files', files.filter((f) => !f.path.endsWith('.txt')).concat(items)],
  ['with camera files   ', [...files, items]],
] as const) {
  const t0 = performance.now();
  const r = await importAll(drop);
  const ms = performance.now() - t0;
  const posed = r.items.filter((i) => Array.isArray((i.item as unknown as { pose?: unknown[] }).pose)).length;
  console.log(`Import of ${N} frames and records ${label}: ${(ms / 1000).toFixed(2)} s, ${posed} items posed, ${r.problems.length} problems`);
}
