// What the 3D view draws for an item under review, in the scene's world frame (z up): the objects
// it names, and the quantity it asks about — a distance as a labelled segment, a depth along the
// camera's optical axis, a relation as an arrow from the reference object to the other, and the
// imagined observer of perspective questions. Derived from the scene (not from the item's stored
// evidence, whose frames differ by task), so an edited box moves the drawing with it.
import type { SceneFile } from '../scene/scene';
import { type Vec3, add3, dot, mat3Column, mat4ToRigid, norm, normalize, scale, sub } from '../geometry/linalg';
import type { QAItem } from '../qa/types';

export interface EvidenceSegment {
  from: Vec3;
  to: Vec3;
  label: string;
  kind: 'distance' | 'depth' | 'relation';
  /** Draw an arrow head at `to`. */
  arrow?: boolean;
  /** Which of the named points the segment joins, in the item's order; -1 is the camera. */
  ends: [number, number];
}

export interface EvidenceGeometry {
  /** The points the item names, in its order, with the colour SPAR marks them in (and the object, when from a scene). */
  points: { at: Vec3; colour: string; object?: string }[];
  segments: EvidenceSegment[];
  observer?: { at: Vec3; forward: Vec3 };
  camera: { at: Vec3; forward: Vec3 };
}

const m = (x: number) => `${x.toFixed(2)} m`;

export function evidenceGeometry(item: QAItem, scene: SceneFile): EvidenceGeometry {
  const { R, T } = mat4ToRigid(scene.worldFromCamera);
  const camera = { at: T, forward: normalize(mat3Column(R, 2)) };
  const ids = item.spatial_lens.objects ?? [];
  const centre = new Map<string, Vec3>();
  for (const o of scene.objects) if (o.box3d) centre.set(o.id, [...o.box3d.center] as Vec3);
  const named = ids.filter((id) => centre.has(id));
  const cs = named.map((id) => centre.get(id)!);
  const viewpoint = (item.spatial_lens.evidence as { viewpoint?: { at?: unknown; forward?: unknown } } | undefined)?.viewpoint;
  let observer: EvidenceGeometry['observer'];
  if (viewpoint && isVec3(viewpoint.at) && isVec3(viewpoint.forward)) observer = { at: viewpoint.at, forward: normalize(viewpoint.forward) };
  return { points: named.map((object, i) => ({ at: cs[i], colour: MARK_COLOURS[i % MARK_COLOURS.length], object })), segments: quantitySegments(item, cs, camera, ids.length), observer, camera };
}

/** SPAR's mark colours, in the order it names objects. */
export const MARK_COLOURS = ['red', 'blue', 'green', 'yellow'] as const;

/**
 * The quantity an item asks about, drawn between the points it names (object centres, or the
 * points its marks pick on a lifted photo), in the order the item names them.
 */
export function quantitySegments(item: QAItem, cs: Vec3[], camera: EvidenceGeometry['camera'], named = cs.length): EvidenceSegment[] {
  const segments: EvidenceSegment[] = [];
  const task = item.task;
  const depthOf = (c: Vec3) => dot(sub(c, camera.at), camera.forward);
  if (/depth/.test(task) && !/order/.test(task)) {
    // depth is measured along the optical axis: from the camera to the plane through each centre
    cs.forEach((c, k) => {
      const d = depthOf(c);
      segments.push({ from: camera.at, to: add3(camera.at, scale(camera.forward, d)), label: `depth ${m(d)}`, kind: 'depth', ends: [-1, k] });
    });
  } else if (/distance/.test(task) && (/_oc(_mv)?$/.test(task) || named === 1)) {
    cs.forEach((c, k) => segments.push({ from: camera.at, to: c, label: m(norm(sub(c, camera.at))), kind: 'distance', ends: [-1, k] }));
  } else if (/distance_infer/.test(task) && cs.length >= 3) {
    cs.forEach((c, k) => k > 0 && segments.push({ from: cs[0], to: c, label: m(norm(sub(c, cs[0]))), kind: 'distance', ends: [0, k] }));
  } else if (/distance/.test(task) && cs.length >= 2) {
    segments.push({ from: cs[0], to: cs[1], label: m(norm(sub(cs[1], cs[0]))), kind: 'distance', ends: [0, 1] });
  } else if (/relation|direction|perspective|imagination/.test(task) && cs.length >= 2) {
    // the question asks where the last-named object is, seen from the first
    const last = cs.length - 1;
    segments.push({ from: cs[0], to: cs[last], label: item.answer.length <= 24 ? item.answer : 'relation', kind: 'relation', arrow: true, ends: [0, last] });
  }
  return segments;
}

const isVec3 = (v: unknown): v is Vec3 => Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/**
 * A view of the evidence from beside and above the photo's camera, looking at the middle of what
 * is drawn: the objects roughly as the photo shows them, with their depth visible.
 * Null when nothing is drawn.
 */
export function evidenceView(g: EvidenceGeometry): { position: Vec3; target: Vec3 } | null {
  const pts: Vec3[] = g.segments.flatMap((s) => [s.from, s.to]);
  // nothing measured (a task with no quantity to draw): look at the named points themselves
  if (!pts.length) pts.push(...g.points.map((p) => p.at));
  if (g.observer) pts.push(g.observer.at);
  if (!pts.length) return null;
  const target = scale(pts.reduce((a, p) => add3(a, p), [0, 0, 0] as Vec3), 1 / pts.length);
  const back = sub(g.camera.at, target);
  const d = norm(back) || 1;
  // from the camera's side and above: the photo's own view would hide depth, and the frustum's
  // image plane stands right behind the camera
  const side = normalize([-back[1], back[0], 0]);
  return { position: add3(add3(g.camera.at, scale(side, 0.6 * d)), [0, 0, 0.6 * d]), target };
}
