// Several posed RGB-D photos of one item in one frame: each photo's depth back-projected with its
// own depth intrinsics, coloured from its photo, and carried by its camera-to-world pose into the
// frame of the reference camera (the photo lifted in the 3D view): P_ref⁻¹ · P_k. The item's marks
// are placed the same way, each on its own photo, so marks on different photos are measured
// against each other. Pure: pixels, depth and matrices in, typed arrays out.
import type { Intrinsics } from '../geometry/camera';
import { type Vec3, applyRigid, cameraToFirst } from '../geometry/rigid';
import type { RgbaImage } from '../qa/export/drawMarks';
import { type DepthImage, fitIntrinsics } from '../qa/audit/measureItem';
import { pointUnderMark } from '../qa/audit/markPoints';
import type { Mark, QAItem } from '../qa/types';
import { type EvidenceGeometry, quantitySegments } from './evidence';
import type { MarkEvidence, PlacedMark } from './markEvidence';

export interface PosedImage {
  rgba: RgbaImage;
  depth: DepthImage;
  /** Colour intrinsics (rescaled to the photo when given for another size). */
  K: Intrinsics;
  /** Depth intrinsics; the colour ones rescaled to the depth grid when absent. */
  Kdepth?: Intrinsics;
  /** Row-major 4×4 camera-to-world. */
  pose: number[];
}

export interface PosedCloud {
  image: number;
  /** Points in the reference camera's frame (OpenCV axes, metres), packed xyz. */
  xyz: Float32Array;
  rgb: Uint8Array;
  count: number;
}

export interface PosedMark {
  mark: Mark;
  /** In the reference camera's frame; null where the photo has no usable depth under it. */
  at: Vec3 | null;
  /** Depth along its own photo's optical axis. */
  depth: number | null;
}

export interface PosedLift {
  reference: number;
  clouds: PosedCloud[];
  marks: PosedMark[];
}

const cameras = (im: PosedImage) => {
  const K = fitIntrinsics(im.K, im.rgba.width, im.rgba.height);
  const Kd = fitIntrinsics(im.Kdepth ?? im.K, im.depth.width, im.depth.height);
  return { K, Kd };
};

/**
 * One photo's points in the reference frame: every `step`-th depth pixel with a value, coloured by
 * the photo pixel it projects to (colour and depth share the camera centre, as ScanNet registers them).
 */
export function posedCloud(im: PosedImage, toRef: readonly number[], image: number, step = 1): PosedCloud {
  const { K, Kd } = cameras(im);
  const { width, height, data } = im.depth;
  let n = 0;
  for (let v = 0; v < height; v += step) for (let u = 0; u < width; u += step) if (data[v * width + u] > 0) n++;
  const xyz = new Float32Array(n * 3);
  const rgb = new Uint8Array(n * 3);
  const src = im.rgba.data;
  let k = 0;
  for (let v = 0; v < height; v += step) {
    const yn = (v - Kd.cy) / Kd.fy;
    for (let u = 0; u < width; u += step) {
      const z = data[v * width + u];
      if (!(z > 0)) continue;
      const xn = (u - Kd.cx) / Kd.fx;
      const p = applyRigid(toRef, [xn * z, yn * z, z]);
      xyz[k * 3] = p[0];
      xyz[k * 3 + 1] = p[1];
      xyz[k * 3 + 2] = p[2];
      const uc = Math.min(im.rgba.width - 1, Math.max(0, Math.round(xn * K.fx + K.cx)));
      const vc = Math.min(im.rgba.height - 1, Math.max(0, Math.round(yn * K.fy + K.cy)));
      const s = (vc * im.rgba.width + uc) * 4;
      rgb[k * 3] = src[s];
      rgb[k * 3 + 1] = src[s + 1];
      rgb[k * 3 + 2] = src[s + 2];
      k++;
    }
  }
  return { image, xyz, rgb, count: k };
}

/** A mark on its own photo placed in the reference frame: the depth under it (as the audit reads it), through the poses. */
export function posedMarkPoint(mark: Mark, im: PosedImage, toRef: readonly number[]): PosedMark {
  const centre = mark.kind === 'point' ? mark.uv : mark.box ? ([(mark.box[0] + mark.box[2]) / 2 - 0.5, (mark.box[1] + mark.box[3]) / 2 - 0.5] as [number, number]) : undefined;
  const s = centre ? pointUnderMark(im.rgba, im.depth, im.K, im.Kdepth, centre) : null;
  return s ? { mark, at: applyRigid(toRef, s.cam), depth: s.cam[2] } : { mark, at: null, depth: null };
}

/** Every photo (but the reference, which the 3D view lifts itself) and every mark, in the reference camera's frame. */
export function liftPosed(marks: readonly Mark[], images: readonly PosedImage[], reference: number, step = 1): PosedLift {
  const toRef = images.map((im) => cameraToFirst(im.pose, images[reference].pose));
  const clouds = images.flatMap((im, k) => (k === reference ? [] : [posedCloud(im, toRef[k], k, step)]));
  const placed = marks.map((mk) => {
    const k = mk.image ?? 0;
    return images[k] ? posedMarkPoint(mk, images[k], toRef[k]) : { mark: mk, at: null, depth: null };
  });
  return { reference, clouds, marks: placed };
}

type Mat3 = readonly number[];
const toWorld = (R: Mat3, T: readonly number[], p: Vec3): Vec3 => [
  R[0] * p[0] + R[1] * p[1] + R[2] * p[2] + T[0],
  R[3] * p[0] + R[4] * p[1] + R[5] * p[2] + T[1],
  R[6] * p[0] + R[7] * p[1] + R[8] * p[2] + T[2],
];

/**
 * The item's evidence over all its posed photos, in the 3D view's world (world = R·p + T of the
 * lifted reference photo): every mark at its measured place, and the item's quantity between them.
 */
export function posedEvidence(item: QAItem, lift: Pick<PosedLift, 'marks' | 'reference'>, view: { R: Mat3; T: readonly number[] }): MarkEvidence {
  const camera: EvidenceGeometry['camera'] = { at: [view.T[0], view.T[1], view.T[2]], forward: norm([view.R[2], view.R[5], view.R[8]]) };
  const placed: PlacedMark[] = lift.marks.map((m) => ({ mark: m.mark, at: m.at ? toWorld(view.R, view.T, m.at) : null, depth: m.depth }));
  const found = placed.filter((p): p is PlacedMark & { at: Vec3 } => p.at !== null);
  const name = (p: PlacedMark) => `${p.mark.color} ${p.mark.kind} (image ${(p.mark.image ?? 0) + 1})`;
  const segments = found.length === placed.length ? quantitySegments(item, found.map((p) => p.at), camera) : [];
  const readings: string[] = [];
  for (const p of placed) if (!p.at) readings.push(`${name(p)}: no depth under it on its photo`);
  for (const s of segments) {
    const [a, b] = s.ends;
    if (a >= 0) readings.push(`${name(found[a])} → ${name(found[b])}: ${s.label}`);
    else readings.push(`${name(found[b])}: ${s.label} ${s.kind === 'distance' ? 'from' : 'in'} the camera of image ${lift.reference + 1}`);
  }
  return { points: found.map((p) => ({ at: p.at, colour: p.mark.color })), segments, camera, placed, elsewhere: 0, readings };
}

const norm = (v: number[]): Vec3 => {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
};
