// The sanity gate: hand-worked cases, then real frames of ../shared/data read at their own scale
// (never a warning) and at the wrong one (always a warning naming the right scale), and a street.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NYU_K, OPEN3D_K, SHARED_DATA, STREET, depthPngFromMetres, sharedDepthAt, streetDepth } from '../../test/depthScales';
import { decodeDepthPng } from '../formats/depthPng';
import type { Intrinsics } from '../geometry/camera';
import { runLiftJob } from './job';
import type { LiftMeasures } from './measures';
import { type PlausibilityReport, type SceneKindChoice, assessPlausibility, inferKind } from './plausibility';

const room = (cameraHeight: number | null, medianDepth: number, extent: number, topValid = 0.6): LiftMeasures => ({ cameraHeight, medianDepth, extent, topValid, restValid: 0.8 });

describe('plausibility, hand-worked', () => {
  // Indoor ranges: camera 0.3–3 m, median depth 0.8–8 m, extent 1–15 m, each ±2.5 σ in log space,
  // so σ = ln(hi/lo)/5 and the typical value is √(lo·hi): 0.9487 m, 2.5298 m, 3.8730 m.
  it('a room seen from 1.5 m is typical within the margin, and the factor is the weighted log mean', () => {
    const r = assessPlausibility({ measures: room(1.5, 3, 4.5), kind: 'indoor' });
    // camera: d = ln(0.9487/1.5) = −0.45815, σ = ln 10 / 5 = 0.46052 (weight 4.7153)
    // size: depth ln(2.5298/3) = −0.17046 and extent ln(3.8730/4.5) = −0.15005 → −0.16025,
    //       σ = (0.46052 + 0.54161)/2 = 0.50106 (weight 3.9830)
    // ln k = (4.7153·−0.45815 + 3.9830·−0.16025)/8.6983 = −0.32174 → k = 0.72489
    expect(r.typicalFactor).toBeCloseTo(0.72489, 4);
    expect(r.plausible).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(r.kindSource).toBe('user');
  });

  it('a camera 32 m above an indoor floor is implausible, and its message says so in numbers', () => {
    const r = assessPlausibility({ measures: room(32, 70, 90), kind: 'indoor', depthMap: { unitsPerMetre: 256 } });
    expect(r.plausible).toBe(false);
    expect(r.warnings[0].message).toMatch(/^Implausible for an indoor scene \(as set\): camera 32\.0 m above the floor \(indoor: 0\.3–3 m\), median depth 70\.0 m \(indoor: 0\.8–8 m\), 90\.0 m across \(indoor: 1–15 m\)/);
    // ×256/5000 = 0.0512 gives 1.64 m, 3.58 m, 4.61 m: typical; ×0.256 (millimetres) gives 8.2 m: not
    expect(r.proposal?.unitsPerMetre).toBe(5000);
    expect(r.warnings[0].proposedDepthScale).toBe(5000);
    expect(r.warnings[0].message).toMatch(/At 5000 per metre \(TUM\): camera 1\.64 m above the floor, median depth 3\.58 m, 4\.61 m across\./);
  });

  it('a depth map whose scale gives a 0.2 m room is implausible; the scale that makes it a room is proposed', () => {
    // NYU frame 00050 stored at 256 per metre and read at 5000: lengths × 0.0512
    const r = assessPlausibility({ measures: room(0.075, 0.16, 0.24), kind: 'indoor', depthMap: { unitsPerMetre: 5000 } });
    expect(r.plausible).toBe(false);
    expect(r.warnings[0].message).toMatch(/0\.24 m across/);
    expect(r.proposal?.unitsPerMetre).toBe(256);
    expect(r.proposal?.cameraHeight).toBeCloseTo(0.075 * (5000 / 256), 6);
    expect(r.candidates[0].unitsPerMetre).toBe(256);
    expect(r.candidates.map((c) => c.unitsPerMetre).sort((a, b) => a - b)).toEqual([1, 256, 1000, 5000]);
    expect(r.candidates.reduce((s, c) => s + c.probability, 0)).toBeCloseTo(1, 9);
  });

  it('one quantity twice beyond its range is implausible even when the others pull the factor back', () => {
    // camera 2 m, median depth 1 m, 32 m across: ln k = −0.6753 (k = 0.509, within 2.5×), but 32 m > 2 × 15 m
    const r = assessPlausibility({ measures: room(2, 1, 32), kind: 'indoor' });
    expect(r.typicalFactor).toBeCloseTo(0.50901, 4);
    expect(r.plausible).toBe(false);
    expect(r.warnings[0].message).toMatch(/32\.0 m across \(indoor: 1–15 m\)/);
    // no depth map: no scale to propose, the message says what to check
    expect(r.candidates).toEqual([]);
    expect(r.warnings[0].message).toMatch(/Check the intrinsics, the depth model and the scene kind\./);
  });

  it('a scale that came from an assumed camera height says so in its advice', () => {
    // depth from a relative model scaled to put the camera 1.5 m up: median 20 m, 24 m across
    const r = assessPlausibility({ measures: room(null, 20, 24), kind: 'indoor', assumedCameraHeight: 1.5 });
    expect(r.plausible).toBe(false);
    expect(r.advice).toBe('Its scale comes from the camera height assumed (1.5 m) and the depth model: check both, the intrinsics and the scene kind.');
    expect(r.warnings[0].message.endsWith(r.advice!)).toBe(true);
  });

  it('without a support plane, median depth and extent alone decide', () => {
    // size only: (−0.17046 + ln(3.8730/40) = −2.33485)/2 = −1.25266 → k = 0.28574 (3.5× too large)
    const r = assessPlausibility({ measures: room(null, 3, 40), kind: 'indoor', depthMap: { unitsPerMetre: 1000 } });
    expect(r.typicalFactor).toBeCloseTo(0.28574, 4);
    expect(r.plausible).toBe(false);
    expect(r.quantities.map((q) => q.name)).toEqual(['median depth', 'extent']);
  });

  it('raw values that are all multiples of 5 tip an even choice towards TUM, 10 : 1, without warning by themselves', () => {
    // built so that 1000 and 5000 are equally far from typical: every size is typical/√0.2
    const even = room(Math.sqrt(4.5), Math.sqrt(32), Math.sqrt(75));
    const plain = assessPlausibility({ measures: even, kind: 'indoor', depthMap: { unitsPerMetre: 1000 } });
    const p = (r: PlausibilityReport, s: number) => r.candidates.find((c) => c.unitsPerMetre === s)!.probability;
    expect(p(plain, 1000)).toBeCloseTo(0.5, 6);
    expect(p(plain, 5000)).toBeCloseTo(0.5, 6);
    const tum = assessPlausibility({ measures: even, kind: 'indoor', depthMap: { unitsPerMetre: 1000, raw: { count: 250_000, multiplesOf5: 1 } } });
    expect(p(tum, 5000)).toBeCloseTo(10 / 11, 6);
    expect(tum.plausible).toBe(true); // ln k = −0.8047, inside ln 2.5 = 0.9163
    expect(tum.warnings).toEqual([]);
  });

  it('ranks candidates even when every one is far off, and proposes none that is implausible', () => {
    // absurd on purpose: even at 5000 per metre the camera is 2·10⁸ m up, and every candidate's
    // Gaussian weight, e^(−z²/2) with z > 50, is below the smallest double: ranked in logs
    const r = assessPlausibility({ measures: room(1e12, 2e12, 3e12), kind: 'indoor', depthMap: { unitsPerMetre: 1 } });
    expect(r.candidates[0]).toMatchObject({ unitsPerMetre: 5000, plausible: false });
    expect(r.candidates[0].probability).toBeGreaterThan(0.999);
    expect(r.proposal).toBeUndefined();
    expect(r.warnings[0].message).toMatch(/No usual depth scale \(1000, 5000, 256, 1 per metre\) makes it plausible: check the depth map and the scene kind\./);
  });

  it('infers outdoor from the sky (no depth at the top) or from a camera low against the depth, else indoor; never tabletop', () => {
    expect(inferKind(room(1.65, 9.6, 17, 0)).kind).toBe('outdoor');
    // nothing at the top, but a view down at a floor (camera at half the median depth) is no street
    expect(inferKind(room(1.3, 2.56, 4.07, 0)).kind).toBe('indoor');
    expect(inferKind({ ...room(1.65, 15, 30), topValid: 0.5 }).kind).toBe('outdoor'); // 1.65/15 = 0.11
    expect(inferKind(room(1.49, 3.24, 4.2, 0.4)).kind).toBe('indoor');
    expect(inferKind(room(0.5, 0.64, 0.9, 0.9)).kind).toBe('indoor');
    expect(inferKind(room(null, 3, 4, 0.02)).kind).toBe('outdoor');
    // a raw LiDAR projection: 5 % of the pixels below the sky, none above
    expect(inferKind({ ...room(1.65, 11, 20, 0), restValid: 0.05 }).kind).toBe('outdoor');
    // inferred: the report says why, and names the kinds the scene would be plausible as
    const r = assessPlausibility({ measures: room(0.38, 0.83, 1.07, 0.4), depthMap: { unitsPerMetre: 1000 } });
    expect(r).toMatchObject({ kind: 'indoor', kindSource: 'inferred', plausible: false, alsoFits: ['tabletop'] });
    expect(r.proposal?.unitsPerMetre).toBe(256);
    expect(r.warnings[0].message).toMatch(/Or, if it is a tabletop scene, the scale in use is plausible: set the scene kind\./);
  });
});

/** A depth PNG through the whole job (decoding included), as the app and the CLI lift it. */
async function liftPng(png: Uint8Array, unitsPerMetre: number, K: Intrinsics, kind?: SceneKindChoice): Promise<PlausibilityReport & { height: number }> {
  const map = decodeDepthPng(png, unitsPerMetre);
  const r = await runLiftJob(
    {
      id: 'f',
      image: { width: map.width, height: map.height, data: new Uint8Array(map.width * map.height * 4) },
      imageFile: 'f.png',
      storedSize: { width: map.width, height: map.height },
      intrinsicsJson: { name: 'K.json', text: JSON.stringify(K) },
      depthMap: { map, name: 'd.png', scale: { unitsPerMetre, source: 'user' } },
      models: {},
      sceneKind: kind,
    },
    null,
  );
  return { ...r.lift.plausibility, height: r.lift.frame.height };
}

const REAL: { name: string; file: string; K: Intrinsics; height: number }[] = [
  { name: 'NYU 00000', file: 'nyu/depth/sync_depth_00000.png', K: NYU_K, height: 1.49 },
  { name: 'NYU 00050', file: 'nyu/depth/sync_depth_00050.png', K: NYU_K, height: 1.46 },
  { name: 'Open3D 00000', file: 'open3d_redwood/depth/00000.png', K: OPEN3D_K, height: 0.44 },
  { name: 'Open3D 00003', file: 'open3d_redwood/depth/00003.png', K: OPEN3D_K, height: 0.52 },
  { name: 'Open3D 00004', file: 'open3d_redwood/depth/00004.png', K: OPEN3D_K, height: 0.54 },
];

describe('plausibility of real frames (NYU in millimetres, Open3D redwood in millimetres)', () => {
  it.each(REAL)('$name read as millimetres: indoor, no warning', async ({ file, K, height }) => {
    const r = await liftPng(new Uint8Array(fs.readFileSync(path.join(SHARED_DATA, file))), 1000, K);
    expect(r.height).toBeCloseTo(height, 1);
    expect(r).toMatchObject({ kind: 'indoor', kindSource: 'inferred', plausible: true, warnings: [] });
    expect(r.candidates[0]).toMatchObject({ unitsPerMetre: 1000, current: true });
  });

  // The same frames re-encoded as TUM (5000 per metre) and KITTI (256 per metre) store them.
  const cases = REAL.filter((f) => f.name === 'NYU 00050' || f.name === 'Open3D 00003').flatMap((f) =>
    [5000, 256].flatMap((stored) => [1000, 5000, 256].map((read) => ({ ...f, stored, read }))),
  );
  it.each(cases)('$name stored at $stored per metre, read at $read', async ({ file, K, height, stored, read }) => {
    const png = sharedDepthAt(file, stored);
    const r = await liftPng(png, read, K);
    // lengths scale with the unit; below a fifth, the plane fit's 1 cm floor on its inlier band
    // (sensor noise) starts to pick other planes, so the camera height is compared above that only
    if (stored / read >= 0.2) expect(Math.abs(r.height / ((height * stored) / read) - 1)).toBeLessThan(0.03);
    if (read === stored) {
      expect(r.warnings).toEqual([]);
      expect(r.candidates[0].unitsPerMetre).toBe(stored);
      return;
    }
    // 5000 read as 1000 (camera 7.3 m, or 2.6 m for Open3D's low camera with a 9 m median depth),
    // 256 read as 1000 (0.38 m, 0.13 m), and both read at the other: all implausible
    expect(r.plausible).toBe(false);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].proposedDepthScale).toBe(stored);
    // taking the proposal gives the frame's true camera height, and no warning
    const fixed = await liftPng(png, r.proposal!.unitsPerMetre, K);
    expect(fixed.height).toBeCloseTo(height, 1);
    expect(fixed.warnings).toEqual([]);
  });

  it('the issue\'s numbers: NYU 00050 at the 256 carried over from a KITTI frame is 5.70 m up, and says so', async () => {
    const r = await liftPng(new Uint8Array(fs.readFileSync(path.join(SHARED_DATA, REAL[1].file))), 256, NYU_K);
    expect(r.height).toBeCloseTo(5.7, 2);
    expect(r.warnings[0].message).toMatch(/camera 5\.70 m above the floor \(indoor: 0\.3–3 m\)/);
    expect(r.warnings[0].proposedDepthScale).toBe(1000);
  });

  it('what it cannot see: a millimetre Open3D frame read at 256 is a plausible 7 m living room seen from 2 m', async () => {
    // Its camera is only 0.52 m above the floor; 3.9× larger, every length is still a room's.
    const r = await liftPng(new Uint8Array(fs.readFileSync(path.join(SHARED_DATA, REAL[3].file))), 256, OPEN3D_K);
    expect(r.height).toBeCloseTo(2.02, 1);
    expect(r.warnings).toEqual([]);
    // the ranking still prefers millimetres
    expect(r.candidates[0].unitsPerMetre).toBe(1000);
  });
});

describe('plausibility outdoors (a KITTI-like street, rendered)', () => {
  const depth = streetDepth();
  const png = (perMetre: number) => depthPngFromMetres(depth, STREET.width, STREET.height, perMetre);
  it('at its own 256 per metre: outdoor (no depth in the sky), camera 1.65 m, no warning', async () => {
    const r = await liftPng(png(256), 256, STREET.K);
    expect(r.height).toBeCloseTo(1.65, 1);
    expect(r).toMatchObject({ kind: 'outdoor', kindSource: 'inferred', plausible: true, warnings: [] });
  });
  it('read as millimetres: a 0.42 m camera over a 4 m street, and 256 per metre proposed', async () => {
    const r = await liftPng(png(256), 1000, STREET.K);
    expect(r.height).toBeCloseTo(0.42, 1);
    expect(r.plausible).toBe(false);
    expect(r.proposal?.unitsPerMetre).toBe(256);
    expect(r.warnings[0].message).toMatch(/^Implausible for an outdoor scene \(inferred: no depth in the top fifth of the image \(0 %\), as under an open sky, camera height 0\.17 of the median depth\): camera 0\.42 m above the ground \(outdoor: 0\.5–10 m\)/);
    // at that size it would be a room: the message offers that reading too
    expect(r.alsoFits).toContain('indoor');
  });
  it('said to be indoor by the user, the street is implausible at any scale but its own ×3.9', async () => {
    const r = await liftPng(png(256), 256, STREET.K, 'indoor');
    expect(r).toMatchObject({ kind: 'indoor', kindSource: 'user', plausible: false, alsoFits: [] });
  });
});
