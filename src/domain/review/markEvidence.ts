// The 3D evidence of an imported item, whose objects are known only by the marks drawn on its
// photo (SPAR's coloured points and boxes), once that photo has been lifted: each mark is placed
// in 3D from the lifted depth, and the quantity the item asks about is measured between them, so
// a reviewer can hold the item's answer against the photo's own geometry.
import { storedToWorking } from '../lifting/display';
import type { LiftedView } from '../scene/liftedView';
import { type Mat3, type Vec3, mat3Column, mat3MulVec, add3, normalize } from '../geometry/linalg';
import { median } from '../geometry/stats';
import { unprojectPixel } from '../geometry/unproject';
import type { Mark, QAItem } from '../qa/types';
import { type EvidenceGeometry, quantitySegments } from './evidence';

export interface PlacedMark {
  mark: Mark;
  /** World point, or null where the photo has no depth under the mark. */
  at: Vec3 | null;
  /** Depth along the optical axis, metres. */
  depth: number | null;
}

export interface MarkEvidence extends EvidenceGeometry {
  placed: PlacedMark[];
  /** Marks of the item drawn on its other photos (multi-view): not placed here. */
  elsewhere: number;
  /** One line per measured quantity, naming the marks by colour. */
  readings: string[];
}

/** How far (working pixels) a point mark looks around itself when the pixel under it was dropped. */
const SEARCH = 6;
/** Samples per side over a box's middle half. */
const BOX_SAMPLES = 32;

/**
 * The depth under a mark: at a point, its pixel's, or the median of the nearest ring of kept
 * pixels around it (edges and flying pixels are dropped in lifting, and a mark often sits on an
 * object's edge); in a box, the median over its middle half (a box's rim holds the background).
 * The 3D point is the mark's own pixel (a box's centre) at that depth.
 */
export function placeMark(mark: Mark, lift: LiftedView): PlacedMark {
  const depths: number[] = [];
  const take = (x: number, y: number) => {
    const u = Math.round(x), v = Math.round(y);
    if (u < 0 || v < 0 || u >= lift.width || v >= lift.height) return;
    const i = v * lift.width + u;
    if (lift.keep[i] && lift.depth[i] > 0) depths.push(lift.depth[i]);
  };
  let centre: [number, number] | null = null;
  if (mark.kind === 'point' && mark.uv) {
    centre = storedToWorking(mark.uv[0], mark.uv[1], lift.stored, lift);
    for (let r = 0; r <= SEARCH && !depths.length; r++)
      for (let dy = -r; dy <= r; dy++)
        for (let dx = -r; dx <= r; dx++) if (Math.max(Math.abs(dx), Math.abs(dy)) === r) take(centre[0] + dx, centre[1] + dy);
  } else if (mark.kind === 'box' && mark.box) {
    // COCO continuous corners to pixel-centre coordinates
    const [a, b] = storedToWorking(mark.box[0] - 0.5, mark.box[1] - 0.5, lift.stored, lift);
    const [c, d] = storedToWorking(mark.box[2] - 0.5, mark.box[3] - 0.5, lift.stored, lift);
    centre = [(a + c) / 2, (b + d) / 2];
    const w = (c - a) / 2, h = (d - b) / 2;
    for (let j = 0; j < BOX_SAMPLES; j++)
      for (let i = 0; i < BOX_SAMPLES; i++) take(centre[0] - w / 2 + (w * (i + 0.5)) / BOX_SAMPLES, centre[1] - h / 2 + (h * (j + 0.5)) / BOX_SAMPLES);
  }
  if (!centre || !depths.length) return { mark, at: null, depth: null };
  const z = median(depths);
  const p = unprojectPixel(centre[0], centre[1], z, lift.camera);
  return { mark, at: add3(mat3MulVec(lift.R, p), lift.T), depth: z };
}

/**
 * The evidence of an item on one of its photos, lifted: the marks drawn on that photo (`image`
 * index, 0 when the item has one) placed in 3D, in the item's order, and its quantity measured.
 */
export function markEvidence(item: QAItem, imageIndex: number, lift: LiftedView): MarkEvidence {
  const camera = { at: lift.T, forward: normalize(mat3Column(lift.R, 2)) };
  const all = item.spatial_lens.marks ?? [];
  const marks = all.filter((mk) => (mk.image ?? 0) === imageIndex);
  const placed = marks.map((mk) => placeMark(mk, lift));
  const found = placed.filter((p): p is PlacedMark & { at: Vec3 } => p.at !== null);
  const name = (p: PlacedMark) => `${p.mark.color} ${p.mark.kind}`;
  const segments = found.length === placed.length ? quantitySegments(item, found.map((p) => p.at), camera) : [];
  const readings: string[] = [];
  for (const p of placed) if (!p.at) readings.push(`${name(p)}: no depth under it on the lifted photo`);
  // name the marks a segment joins, so each reading stands alone beside the item's answer
  for (const s of segments) {
    const [a, b] = s.ends;
    if (a >= 0) readings.push(`${name(found[a])} → ${name(found[b])}: ${s.label}`);
    else readings.push(`${name(found[b])}: ${s.label}${s.kind === 'distance' ? ' from the camera' : ''}`);
  }
  return { points: found.map((p) => ({ at: p.at, colour: p.mark.color })), segments, camera, placed, elsewhere: all.length - marks.length, readings };
}
