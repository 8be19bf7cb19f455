// Qualitative relations between 3D centres (SPAR §7.5 "Obj spatial relation" and "Spatial
// imagination"): a difference under 0.1 m along an axis is "indistinguishable" (empty). Differences
// too close to that threshold to tell either way make the question unfit, so they are reported.
import { type Vec3, cross, dot, norm, sub } from '../geometry/linalg';

/** SPAR's threshold below which a relation is indistinguishable. */
export const RELATION_THRESHOLD = 0.1;
/** Half-width of the band around the threshold in which a relation is too close to tell. */
export const RELATION_MARGIN = 0.05;

export type LeftRight = 'left' | 'right' | '';
export type AboveBelow = 'above' | 'below' | '';
export type FrontBehind = 'front' | 'behind' | '';
export interface Relation {
  lr: LeftRight;
  ab: AboveBelow;
  fb: FrontBehind;
}

/** A viewer's frame: position and unit axes (world). */
export interface Viewpoint {
  at: Vec3;
  right: Vec3;
  forward: Vec3;
  up: Vec3;
}

/** Coordinates of p in the viewpoint's frame: [right, forward, up]. */
export const inView = (v: Viewpoint, p: Vec3): Vec3 => {
  const d = sub(p, v.at);
  return [dot(d, v.right), dot(d, v.forward), dot(d, v.up)];
};

const sign3 = <T extends string>(d: number, pos: T, neg: T): T | '' => (d > RELATION_THRESHOLD ? pos : d < -RELATION_THRESHOLD ? neg : '');

/** Whether a difference lies in the band where its relation cannot be told reliably. */
export const tooCloseToTell = (d: number) => Math.abs(Math.abs(d) - RELATION_THRESHOLD) < RELATION_MARGIN;

/**
 * Where a point lies relative to the viewer, from its viewer-frame offset [right, forward, up]:
 * in front of the viewer when ahead of it.
 */
export function relationToViewer(off: Vec3): Relation {
  return { lr: sign3(off[0], 'right', 'left'), ab: sign3(off[2], 'above', 'below'), fb: sign3(off[1], 'front', 'behind') };
}

/**
 * Where A lies relative to B as the viewer sees them, from both viewer-frame offsets: A is "in
 * front of" B when it is nearer to the viewer along the viewing direction.
 */
export function relationBetween(a: Vec3, b: Vec3): Relation {
  return { lr: sign3(a[0] - b[0], 'right', 'left'), ab: sign3(a[2] - b[2], 'above', 'below'), fb: sign3(b[1] - a[1], 'front', 'behind') };
}

/** The offsets' axes that are too close to the threshold to tell (names, for the skip reason). */
export function unclearAxes(d: Vec3): string[] {
  const names = ['left/right', 'front/behind', 'above/below'];
  return d.flatMap((x, i) => (tooCloseToTell(x) ? [names[i]] : []));
}

export const isEmptyRelation = (r: Relation) => !r.lr && !r.ab && !r.fb;

/** SPAR's option text: "left, above, front", an indistinguishable part left empty ("left, , behind"). */
export const relationText = (r: Relation) => `${r.lr}, ${r.ab}, ${r.fb}`;

export const sameRelation = (a: Relation, b: Relation) => a.lr === b.lr && a.ab === b.ab && a.fb === b.fb;

/** Every relation with at least one part set (26 of them). */
export const ALL_RELATIONS: Relation[] = (['left', 'right', ''] as LeftRight[]).flatMap((lr) =>
  (['above', 'below', ''] as AboveBelow[]).flatMap((ab) => (['front', 'behind', ''] as FrontBehind[]).map((fb) => ({ lr, ab, fb }))),
).filter((r) => !isEmptyRelation(r));

/** Vertical angle of a direction, radians (positive upwards). */
export const elevation = (d: Vec3) => Math.asin(Math.max(-1, Math.min(1, d[2] / norm(d))));

/**
 * The observer standing at `from` and facing `toward` (SPAR eq. 7–8): forward is the normalised
 * difference, right is horizontal (forward × up), up completes the frame. With `level`, forward is
 * first made horizontal (a person turning to face something). Null when the two coincide or the
 * direction is vertical.
 */
export function facingViewpoint(from: Vec3, toward: Vec3, level = false): Viewpoint | null {
  let f = sub(toward, from);
  if (level) f = [f[0], f[1], 0];
  const n = norm(f);
  if (!(n > 1e-6)) return null;
  f = [f[0] / n, f[1] / n, f[2] / n];
  const r = cross(f, [0, 0, 1]);
  const rn = norm(r);
  if (rn < 1e-6) return null;
  const right: Vec3 = [r[0] / rn, r[1] / rn, r[2] / rn];
  return { at: from, right, forward: f, up: cross(right, f) };
}

/** The viewpoint of an object whose front faces `facing` (horizontal unit vector), at its centre. */
export function objectViewpoint(at: Vec3, facing: Vec3): Viewpoint {
  const right = cross(facing, [0, 0, 1]);
  return { at, right, forward: facing, up: [0, 0, 1] };
}
