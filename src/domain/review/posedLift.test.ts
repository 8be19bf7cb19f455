// Several posed photos in one frame, on the real Open3D redwood frames and their logged poses: the
// log's convention checked by reprojecting depth (camera-to-world, not its inverse), another
// frame's points landing on frame 0's own depth, and one static point marked on two photos
// placed at the same spot.
import fs from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { applyRigid, cameraToFirst, composeRigid, invertRigid } from '../geometry/rigid';
import { HAVE_SHARED_DATA, SHARED_DATA } from '../../test/markedPhotos';
import { REDWOOD_K, flatPoint, redwoodDepth, redwoodLog } from '../../test/spar7mLayout';
import type { QAItem } from '../qa/types';
import { type PosedImage, liftPosed, posedCloud, posedEvidence } from './posedLift';

describe('rigid transforms', () => {
  const c = Math.cos(0.4), s = Math.sin(0.4);
  const A = [c, -s, 0, 1, s, c, 0, -2, 0, 0, 1, 0.5, 0, 0, 0, 1];
  it('a transform and its inverse compose to the identity', () => {
    composeRigid(A, invertRigid(A)).forEach((x, i) => expect(x).toBeCloseTo([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1][i], 12));
  });
  it('camera k to camera 0, by hand: camera 0 at the origin, camera k one metre along x and turned 90° about z', () => {
    const P0 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    const Pk = [0, -1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    // camera k's point (2, 0, 0) is at world (1, 2, 0)
    expect(applyRigid(cameraToFirst(Pk, P0), [2, 0, 0]).map((x) => +x.toFixed(12))).toEqual([1, 2, 0]);
    // and seen from camera k itself, camera 0's origin is at (0, 1, 0)
    expect(applyRigid(cameraToFirst(P0, Pk), [0, 0, 0]).map((x) => +x.toFixed(12))).toEqual([0, 1, 0]);
  });
});

async function frame(n: number, pose: number[]): Promise<PosedImage> {
  const { data, info } = await sharp(fs.readFileSync(`${SHARED_DATA}/open3d_redwood/color/${String(n).padStart(5, '0')}.jpg`)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { rgba: { width: info.width, height: info.height, data: new Uint8Array(data) }, depth: redwoodDepth(n), K: REDWOOD_K, pose };
}

/** Median |z − depth₀| of points (frame-0 camera coordinates) projected into frame 0, over pixels where frame 0 has depth. */
function reprojectionError(xyz: Float32Array, count: number): { median: number; n: number } {
  const d0 = redwoodDepth(0);
  const errs: number[] = [];
  for (let i = 0; i < count; i++) {
    const [x, y, z] = [xyz[i * 3], xyz[i * 3 + 1], xyz[i * 3 + 2]];
    const u = Math.round((x / z) * REDWOOD_K.fx + REDWOOD_K.cx), v = Math.round((y / z) * REDWOOD_K.fy + REDWOOD_K.cy);
    if (u < 0 || v < 0 || u >= d0.width || v >= d0.height) continue;
    const z0 = d0.data[v * d0.width + u];
    if (z0 > 0) errs.push(Math.abs(z - z0));
  }
  errs.sort((a, b) => a - b);
  return { median: errs[errs.length >> 1], n: errs.length };
}

describe.skipIf(!HAVE_SHARED_DATA)('posed photos in one frame (real redwood frames)', () => {
  const log = HAVE_SHARED_DATA ? redwoodLog() : [];

  it('the log’s matrices are camera-to-world: frame 4’s depth lands on frame 0’s within a centimetre; read as world-to-camera it does not', async () => {
    const f4 = await frame(4, log[4]);
    const right = posedCloud(f4, cameraToFirst(log[4], log[0]), 4, 2);
    const wrong = posedCloud(f4, cameraToFirst(invertRigid(log[4]), invertRigid(log[0])), 4, 2);
    const r = reprojectionError(right.xyz, right.count), w = reprojectionError(wrong.xyz, wrong.count);
    expect(r.n).toBeGreaterThan(30000);
    expect(r.median).toBeLessThan(0.01);
    expect(w.median).toBeGreaterThan(3 * r.median);
    // and with no pose at all (identity) the frames disagree too: the test can tell
    const none = posedCloud(f4, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], 4, 2);
    expect(reprojectionError(none.xyz, none.count).median).toBeGreaterThan(3 * r.median);
  });

  it('lifts every other photo into the reference camera’s frame, coloured from its photo', async () => {
    const images = [await frame(0, log[0]), await frame(3, log[3]), await frame(4, log[4])];
    const lift = liftPosed([], images, 0, 2);
    expect(lift.clouds.map((c) => c.image)).toEqual([1, 2]);
    for (const c of lift.clouds) {
      expect(reprojectionError(c.xyz, c.count).median).toBeLessThan(0.01);
      // colours are the photo's (a living room, not black)
      let sum = 0;
      for (let i = 0; i < c.count * 3; i++) sum += c.rgb[i];
      expect(sum / (c.count * 3)).toBeGreaterThan(40);
    }
  });

  it('a static point marked on two photos is placed at the same spot, within 3 cm', async () => {
    const images = [await frame(0, log[0]), await frame(4, log[4])];
    const d0 = redwoodDepth(0), d4 = redwoodDepth(4);
    let checked = 0;
    for (let v = 60; v < 420; v += 45)
      for (let u = 60; u < 580; u += 45) {
        const p0 = flatPoint(d0, u, v);
        if (!p0) continue;
        // where frame 4 sees the same world point (through the log, independently of posedLift)
        const q = applyRigid(invertRigid(log[4]), applyRigid(log[0], p0));
        const u4 = (q[0] / q[2]) * REDWOOD_K.fx + REDWOOD_K.cx, v4 = (q[1] / q[2]) * REDWOOD_K.fy + REDWOOD_K.cy;
        if (!flatPoint(d4, Math.round(u4), Math.round(v4))) continue;
        const lift = liftPosed(
          [
            { kind: 'point', color: 'red', uv: [u, v], image: 0 },
            { kind: 'point', color: 'blue', uv: [u4, v4], image: 1 },
          ],
          images,
          0,
          8,
        );
        const [a, b] = lift.marks.map((m) => m.at!);
        expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]), `pixel ${u}, ${v}`).toBeLessThan(0.03);
        checked++;
      }
    expect(checked).toBeGreaterThan(20);
  });

  it('the evidence joins marks on different photos with the measured segment, in the view’s world', async () => {
    const images = [await frame(0, log[0]), await frame(4, log[4])];
    const item = { task: 'distance_prediction_oo_mv', answer: '1.0', question: '' } as unknown as QAItem;
    const lift = liftPosed(
      [
        { kind: 'point', color: 'red', uv: [200, 300], image: 0 },
        { kind: 'point', color: 'blue', uv: [450, 200], image: 1 },
      ],
      images,
      0,
      8,
    );
    // a view whose world is the camera turned upright (z up) and lifted 1.5 m
    const view = { R: [1, 0, 0, 0, 0, 1, 0, -1, 0], T: [0, 0, 1.5] };
    const g = posedEvidence(item, lift, view);
    const [a, b] = lift.marks.map((m) => m.at!);
    const d = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    expect(g.segments).toHaveLength(1);
    expect(g.segments[0].label).toBe(`${d.toFixed(2)} m`);
    expect(g.points.map((p) => p.colour)).toEqual(['red', 'blue']);
    // red's camera point (x, y, z) is at world (x, z, 1.5 − y)
    expect(g.points[0].at.map((x) => +x.toFixed(9))).toEqual([a[0], a[2], 1.5 - a[1]].map((x) => +x.toFixed(9)));
    expect(g.readings).toEqual([`red point (image 1) → blue point (image 2): ${d.toFixed(2)} m`]);
    expect(g.elsewhere).toBe(0);
  });
});
