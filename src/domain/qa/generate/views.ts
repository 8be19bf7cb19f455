// Geometry of a scene's posed images for the multi-view tasks: the main photo (view 0) and the
// scene's extra `views` (view k is `scene.views[k − 1]`). For each: world → camera coordinates
// (OpenCV: x right, y down, z forward), projection to pixels, whether an object's centre is seen,
// the projected 2D box of a 3D box, the 0–1000 scale SPAR prints positions on, and the relative
// pose between two views (how the camera moves from one to the other).
//
// "Seen" means the projected centre lies inside the image and in front of the camera. Nothing
// here tests occlusion: that needs a depth map per view, which scene files do not carry, so an
// object hidden behind another one counts as seen. Questions say where the mark is, so a reviewer
// can reject an item whose marked object is in fact hidden.
import type { Box3D, SceneView } from '../../scene/scene';
import type { Intrinsics } from '../../geometry/camera';
import { type Mat3, type Vec3, mat4ToRigid } from '../../geometry/linalg';
import { NEAR_PLANE, boxCorners } from '../../geometry/obb';
import type { QAContext, Rect } from './context';

/** A centre closer than this to a camera's image plane is not treated as seen (as for the main view). */
export const MIN_VIEW_DEPTH = 0.05;

export interface ViewCamera {
  /** 0: the scene's main photo; k ≥ 1: `scene.views[k − 1]`. */
  index: number;
  file: string;
  width: number;
  height: number;
  K: Intrinsics;
  /** worldFromCamera rotation (row-major) and camera centre (world). */
  R: Mat3;
  T: Vec3;
  /** Why the view cannot be used (bad camera, pose or size), else null. */
  problem: string | null;
}

const finite = (a: readonly unknown[]) => a.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Why a scene view cannot be used, or null. */
function viewProblem(v: SceneView | undefined): string | null {
  if (!v || typeof v !== 'object') return 'it is not an object';
  const c = v.camera;
  if (!c || !finite([c.fx, c.fy, c.cx, c.cy]) || !(c.fx > 0) || !(c.fy > 0)) return 'it has no usable camera';
  const M = v.worldFromCamera;
  if (!Array.isArray(M) || M.length < 3 || M.slice(0, 3).some((r) => !Array.isArray(r) || r.length < 4 || !finite(r.slice(0, 4)))) return 'it has no usable worldFromCamera';
  const { R } = mat4ToRigid(M);
  // a rotation: orthonormal columns, determinant +1 (a scaled or mirrored pose would distort every answer)
  const col = (j: number): Vec3 => [R[j], R[3 + j], R[6 + j]];
  const [a, b, cc] = [col(0), col(1), col(2)];
  const d = (p: Vec3, q: Vec3) => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
  const det = a[0] * (b[1] * cc[2] - b[2] * cc[1]) - a[1] * (b[0] * cc[2] - b[2] * cc[0]) + a[2] * (b[0] * cc[1] - b[1] * cc[0]);
  if (Math.abs(d(a, a) - 1) > 1e-3 || Math.abs(d(b, b) - 1) > 1e-3 || Math.abs(d(cc, cc) - 1) > 1e-3 || Math.abs(d(a, b)) > 1e-3 || Math.abs(d(a, cc)) > 1e-3 || Math.abs(d(b, cc)) > 1e-3 || !(det > 0))
    return 'its worldFromCamera rotation is not a rotation';
  if (!v.image || !(v.image.width > 0) || !(v.image.height > 0) || typeof v.image.file !== 'string') return 'it does not give its image file and size';
  return null;
}

const cache = new WeakMap<QAContext, ViewCamera[]>();

/** Every image of the scene, main photo first, each with its camera (computed once per context). */
export function sceneViews(ctx: QAContext): ViewCamera[] {
  let out = cache.get(ctx);
  if (out) return out;
  out = [{ index: 0, file: ctx.scene.image.file, width: ctx.width, height: ctx.height, K: ctx.K, R: ctx.R, T: ctx.T, problem: null }];
  (ctx.scene.views ?? []).forEach((v, i) => {
    const problem = viewProblem(v);
    if (problem) {
      out!.push({ index: i + 1, file: String(v?.image?.file ?? ''), width: 0, height: 0, K: { fx: 1, fy: 1, cx: 0, cy: 0 }, R: [1, 0, 0, 0, 1, 0, 0, 0, 1], T: [0, 0, 0], problem });
      return;
    }
    const { R, T } = mat4ToRigid(v.worldFromCamera);
    out!.push({ index: i + 1, file: v.image.file, width: v.image.width, height: v.image.height, K: { fx: v.camera.fx, fy: v.camera.fy, cx: v.camera.cx, cy: v.camera.cy }, R, T, problem: null });
  });
  cache.set(ctx, out);
  return out;
}

/** The usable views (problem-free), main photo included. */
export const usableViews = (ctx: QAContext): ViewCamera[] => sceneViews(ctx).filter((v) => !v.problem);

/** A world point in a view's camera frame: Rᵀ(p − T). */
export function toCamera(v: ViewCamera, p: Vec3): Vec3 {
  const { R, T } = v;
  const dx = p[0] - T[0], dy = p[1] - T[1], dz = p[2] - T[2];
  return [R[0] * dx + R[3] * dy + R[6] * dz, R[1] * dx + R[4] * dy + R[7] * dz, R[2] * dx + R[5] * dy + R[8] * dz];
}

/** Pixel (OpenCV pixel-centre coordinates) of a camera-frame point in front of the camera. */
export const projectCam = (v: ViewCamera, c: Vec3): [number, number] => [(v.K.fx * c[0]) / c[2] + v.K.cx, (v.K.fy * c[1]) / c[2] + v.K.cy];

/** Whether a pixel (OpenCV pixel centres) lies on the image: pixel i spans [i − 0.5, i + 0.5). */
export const onImage = (v: ViewCamera, uv: readonly [number, number]) => uv[0] >= -0.5 && uv[0] <= v.width - 0.5 && uv[1] >= -0.5 && uv[1] <= v.height - 0.5;

export interface Sighting {
  /** Camera-frame coordinates in that view. */
  cam: Vec3;
  /** Projected pixel (OpenCV pixel centres). */
  uv: [number, number];
}

/** Where a world point is seen in a view: in front of the camera and inside the image; else null. */
export function sight(v: ViewCamera, p: Vec3): Sighting | null {
  if (v.problem) return null;
  const cam = toCamera(v, p);
  if (!(cam[2] > MIN_VIEW_DEPTH)) return null;
  const uv = projectCam(v, cam);
  return onImage(v, uv) ? { cam, uv } : null;
}

/**
 * The 2D box (COCO continuous [x1, y1, x2, y2]) of a 3D box's projected corners, clipped to the
 * image; null when a corner lies behind the camera's near plane (the projection would be wrong)
 * or less than a pixel of it is on the image.
 */
export function projectBox(v: ViewCamera, box: Box3D): Rect | null {
  if (v.problem) return null;
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const p of boxCorners(box)) {
    const c = toCamera(v, p);
    if (!(c[2] > NEAR_PLANE)) return null;
    const [u, w] = projectCam(v, c);
    // OpenCV pixel centre → COCO continuous coordinate
    x1 = Math.min(x1, u + 0.5);
    y1 = Math.min(y1, w + 0.5);
    x2 = Math.max(x2, u + 0.5);
    y2 = Math.max(y2, w + 0.5);
  }
  const r: Rect = [Math.max(0, x1), Math.max(0, y1), Math.min(v.width, x2), Math.min(v.height, y2)];
  return r[2] - r[0] >= 1 && r[3] - r[1] >= 1 ? r : null;
}

/** A COCO continuous coordinate on the 0–1000 scale of an image side (SPAR's marks and positions). */
export const permille = (x: number, size: number) => Math.round((x / size) * 1000);

/** An OpenCV pixel on the 0–1000 scale, top-left origin. */
export const uvPermille = (v: ViewCamera, uv: readonly [number, number]): [number, number] => [permille(uv[0] + 0.5, v.width), permille(uv[1] + 0.5, v.height)];

/** A COCO box on the 0–1000 scale. */
export const rectPermille = (v: ViewCamera, r: Rect): [number, number, number, number] => [
  permille(r[0], v.width),
  permille(r[1], v.height),
  permille(r[2], v.width),
  permille(r[3], v.height),
];

/** Intersection over union of two 2D boxes. */
export function iou2d(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (!(w > 0 && h > 0)) return 0;
  const inter = w * h;
  return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
}

/**
 * How camera `b` sits relative to camera `a`, in `a`'s camera frame: `t` is b's centre
 * (Rₐᵀ(T_b − Tₐ)), `R` has b's axes as columns (Rₐᵀ·R_b), i.e. SPAR's T_rel = Tₐ⁻¹·T_b.
 */
export function relativePose(a: ViewCamera, b: ViewCamera): { R: Mat3; t: Vec3 } {
  const t = toCamera(a, b.T);
  const Ra = a.R, Rb = b.R;
  const R: Mat3 = new Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) R[r * 3 + c] = Ra[r] * Rb[c] + Ra[3 + r] * Rb[3 + c] + Ra[6 + r] * Rb[6 + c];
  return { R, t };
}

const DEG = 180 / Math.PI;

export interface ViewChange {
  /** Camera movement from `a` to `b` along a's axes, metres: right (+x), up (−y), forward (+z). */
  right: number;
  up: number;
  forward: number;
  /** How b's viewing direction is turned from a's, degrees: to the right (yaw), upwards (pitch). */
  turnRight: number;
  turnUp: number;
  /** Rotation left over about b's viewing direction (roll), degrees: clockwise as b sees it. */
  roll: number;
}

/**
 * The view change from `a` to `b` in a's camera frame. Rotation is read from b's optical axis f
 * (in a's frame): yaw = atan2(f.x, f.z) (positive = turn right), pitch = atan2(−f.y, √(f.x² + f.z²))
 * (positive = tilt up, since y points down); roll is what remains about f, measured against the
 * right axis a camera turned by that yaw and pitch alone would have.
 */
export function viewChange(a: ViewCamera, b: ViewCamera): ViewChange {
  const { R, t } = relativePose(a, b);
  const f: Vec3 = [R[2], R[5], R[8]];
  const r: Vec3 = [R[0], R[3], R[6]];
  const turnRight = Math.atan2(f[0], f[2]) * DEG;
  const turnUp = Math.atan2(-f[1], Math.hypot(f[0], f[2])) * DEG;
  // right axis without roll: horizontal in a's frame (perpendicular to f and to a's up, −y)
  const h = Math.hypot(f[0], f[2]);
  let roll = 0;
  if (h > 1e-9) {
    const r0: Vec3 = [f[2] / h, 0, -f[0] / h];
    const c: Vec3 = [r0[1] * r[2] - r0[2] * r[1], r0[2] * r[0] - r0[0] * r[2], r0[0] * r[1] - r0[1] * r[0]];
    roll = Math.atan2(c[0] * f[0] + c[1] * f[1] + c[2] * f[2], r0[0] * r[0] + r0[1] * r[1] + r0[2] * r[2]) * DEG;
  }
  return { right: t[0], up: -t[1], forward: t[2], turnRight, turnUp, roll };
}
