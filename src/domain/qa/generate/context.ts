// What QA generation knows about one scene: its camera, a gravity-levelled viewer frame, and the
// objects that can be asked about (with every quantity the tasks need computed once). Objects
// that cannot be trusted are listed with the reason instead of silently disappearing.
import { UNNAMED } from '../../objects/categories';
import { UserError } from '../../errors';
import type { Box3D, SceneFile, SceneObject } from '../../scene/scene';
import type { Intrinsics } from '../../geometry/camera';
import { type Mat3, type Vec3, cross, dot, mat4ToRigid, norm, sub } from '../../geometry/linalg';
import { boxCorners } from '../../geometry/obb';

/** [x1, y1, x2, y2] in COCO continuous pixel coordinates. */
export type Rect = [number, number, number, number];

export interface QAObject {
  id: string;
  category: string;
  box: Box3D;
  /** Box centre, world frame. */
  world: Vec3;
  /** Box centre in the camera frame (OpenCV: x right, y down, z forward). */
  cam: Vec3;
  /** Box centre in the levelled viewer frame, from the camera centre: x right, y forward (horizontal), z up. */
  lev: Vec3;
  /** Distance camera centre → box centre. */
  distance: number;
  /** Projected centre (OpenCV pixel-centre coordinates) when it falls inside the image. */
  uv: [number, number] | null;
  /** The object's 2D box: its annotation, else its projected 3D box, clipped to the image. */
  rect: Rect | null;
  /** Horizontal sides (length ≥ width) and vertical extent, metres. */
  dims: { length: number; width: number; height: number };
  volume: number;
  /** Which way the object's front faces (world, horizontal unit vector), when an annotation or model gave it. */
  facing: Vec3 | null;
  index: number;
}

export interface Excluded {
  id: string;
  category: string;
  reason: string;
}

export interface QAContext {
  scene: SceneFile;
  width: number;
  height: number;
  K: Intrinsics;
  R: Mat3;
  /** Camera centre, world frame. */
  T: Vec3;
  /** Levelled viewer axes in the world frame. */
  right: Vec3;
  forward: Vec3;
  up: Vec3;
  objects: QAObject[];
  byId: Map<string, QAObject>;
  /** Every scene object by category, eligible or not: what a reader of the image sees. */
  seen: Map<string, SceneObject[]>;
  excluded: Excluded[];
  /** World-frame points of the lifted cloud, for pixel-level tasks. */
  points: Float32Array | null;
}

const finite = (a: readonly number[]) => a.every((x) => Number.isFinite(x));

/** Why a scene object cannot be asked about, or null when it can. */
export function exclusionReason(o: SceneObject): string | null {
  const b = o.box3d;
  if (!b) return 'it has no 3D box';
  if (!Array.isArray(b.center) || !Array.isArray(b.size) || b.center.length !== 3 || b.size.length !== 3) return 'its 3D box is malformed';
  if (!finite([...b.center, ...b.size, b.yaw ?? 0])) return 'its 3D box has non-finite values';
  if (b.size.some((s) => !(Math.abs(s) > 1e-6))) return 'its 3D box has zero size';
  if (o.quality?.fewPoints === true) return 'it was lifted from too few points';
  if (o.quality?.plausible === false) return `its size is implausible for a ${o.category}`;
  if (o.flagged === true) return 'it is flagged as badly lifted';
  // a question cannot name it: a drawn box keeps this placeholder until the user types a category
  if (o.category === UNNAMED) return 'it has no category yet (name it in the Objects panel)';
  return null;
}

function validateScene(scene: SceneFile): void {
  const c = scene.camera;
  if (!c || !finite([c.fx, c.fy, c.cx, c.cy]) || !(c.fx > 0) || !(c.fy > 0))
    throw new UserError(`Scene ${scene.id} has no usable camera (fx, fy, cx, cy must be finite, fx and fy positive).`, 'qa-camera');
  const M = scene.worldFromCamera;
  if (!Array.isArray(M) || M.length < 3 || M.slice(0, 3).some((r) => !Array.isArray(r) || r.length < 4 || !finite(r.slice(0, 4))))
    throw new UserError(`Scene ${scene.id} has no usable worldFromCamera (a 4×4 matrix of finite numbers).`, 'qa-pose');
  if (!(scene.image?.width > 0) || !(scene.image?.height > 0))
    throw new UserError(`Scene ${scene.id} does not give its image size.`, 'qa-image');
}

/** The camera's right axis made horizontal; up is world +z, forward = up × right. */
function levelledAxes(R: Mat3): { right: Vec3; forward: Vec3; up: Vec3 } {
  const up: Vec3 = [0, 0, 1];
  // Camera right (column 0) is horizontal unless the camera is rolled 90°; then its forward is used.
  let h: Vec3 = [R[0], R[3], 0];
  if (Math.hypot(h[0], h[1]) < 1e-3) {
    const f: Vec3 = [R[2], R[5], 0];
    h = [f[1], -f[0], 0];
  }
  const n = Math.hypot(h[0], h[1]);
  const right: Vec3 = [h[0] / n, h[1] / n, 0];
  return { right, forward: cross(up, right), up };
}

function projectedRect(box: Box3D, K: Intrinsics, R: Mat3, T: Vec3, width: number, height: number): Rect | null {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const p of boxCorners(box)) {
    const d = sub(p, T);
    const z = R[2] * d[0] + R[5] * d[1] + R[8] * d[2];
    if (z < 0.01) continue;
    const x = R[0] * d[0] + R[3] * d[1] + R[6] * d[2], y = R[1] * d[0] + R[4] * d[1] + R[7] * d[2];
    // OpenCV pixel centre → COCO continuous coordinate
    const u = (K.fx * x) / z + K.cx + 0.5, v = (K.fy * y) / z + K.cy + 0.5;
    x1 = Math.min(x1, u);
    y1 = Math.min(y1, v);
    x2 = Math.max(x2, u);
    y2 = Math.max(y2, v);
  }
  return clipRect([x1, y1, x2, y2], width, height);
}

function clipRect(r: Rect, width: number, height: number): Rect | null {
  const c: Rect = [Math.max(0, r[0]), Math.max(0, r[1]), Math.min(width, r[2]), Math.min(height, r[3])];
  return c[2] - c[0] >= 1 && c[3] - c[1] >= 1 ? c : null;
}

/** Builds the context of one scene. `points` (world xyz) enables the pixel-level tasks. */
export function qaContext(scene: SceneFile, points: Float32Array | null = null): QAContext {
  validateScene(scene);
  const { R, T } = mat4ToRigid(scene.worldFromCamera);
  const K: Intrinsics = { fx: scene.camera.fx, fy: scene.camera.fy, cx: scene.camera.cx, cy: scene.camera.cy };
  const { width, height } = scene.image;
  const axes = levelledAxes(R);
  const objects: QAObject[] = [];
  const excluded: Excluded[] = [];
  const seen = new Map<string, SceneObject[]>();
  const ids = new Set<string>();
  for (const o of scene.objects ?? []) {
    const category = String(o.category ?? '').trim().toLowerCase();
    if (!seen.has(category)) seen.set(category, []);
    seen.get(category)!.push(o);
    let reason = exclusionReason(o);
    if (!reason && ids.has(o.id)) reason = `its id "${o.id}" is used by another object`;
    if (!reason && !category) reason = 'it has no category';
    ids.add(o.id);
    const box = o.box3d!;
    let cam: Vec3 = [0, 0, 0];
    if (!reason) {
      const d = sub(box.center, T);
      cam = [R[0] * d[0] + R[3] * d[1] + R[6] * d[2], R[1] * d[0] + R[4] * d[1] + R[7] * d[2], R[2] * d[0] + R[5] * d[1] + R[8] * d[2]];
      if (!(cam[2] > 0.05)) reason = 'its centre is not in front of the camera';
    }
    if (reason) {
      excluded.push({ id: o.id, category, reason });
      continue;
    }
    const d = sub(box.center, T);
    const u = (K.fx * cam[0]) / cam[2] + K.cx, v = (K.fy * cam[1]) / cam[2] + K.cy;
    const inside = u >= -0.5 && u <= width - 0.5 && v >= -0.5 && v <= height - 0.5;
    const a = Math.abs(box.size[0]), b = Math.abs(box.size[1]), h = Math.abs(box.size[2]);
    const given = o.bbox2d && finite(o.bbox2d) ? clipRect([o.bbox2d[0], o.bbox2d[1], o.bbox2d[0] + o.bbox2d[2], o.bbox2d[1] + o.bbox2d[3]], width, height) : null;
    const orient = (o as { orientation?: { source?: string } }).orientation;
    const yaw = box.yaw ?? 0;
    objects.push({
      id: o.id,
      category,
      box: { center: [...box.center], size: [...box.size], yaw },
      world: [...box.center],
      cam,
      lev: [dot(d, axes.right), dot(d, axes.forward), dot(d, axes.up)],
      distance: norm(cam),
      uv: inside ? [u, v] : null,
      rect: given ?? projectedRect(box, K, R, T, width, height),
      dims: { length: Math.max(a, b), width: Math.min(a, b), height: h },
      volume: a * b * h,
      facing: orient && (orient.source === 'annotated' || orient.source === 'model' || orient.source === 'manual') ? [Math.cos(yaw), Math.sin(yaw), 0] : null,
      index: objects.length,
    });
  }
  return { scene, width, height, K, R, T, ...axes, objects, byId: new Map(objects.map((o) => [o.id, o])), seen, excluded, points };
}
