// Hand-built scenes for QA tests: a level camera 1.5 m above the floor looking along world +y,
// and boxes placed where their answers are easy to work out by hand.
import type { Box3D, SceneFile, SceneObject } from '../domain/scene/scene';

export const CAMERA_HEIGHT = 1.5;

/** Camera frame → world: x right = world x, y down = world −z, z forward = world y. */
export const LEVEL_POSE = [
  [1, 0, 0, 0],
  [0, 0, 1, 0],
  [0, -1, 0, CAMERA_HEIGHT],
  [0, 0, 0, 1],
];

export function box(center: [number, number, number], size: [number, number, number], yaw = 0): Box3D {
  return { center, size, yaw };
}

export function obj(id: string, category: string, b: Box3D, extra: Partial<SceneObject> = {}): SceneObject {
  return { id, category, box3d: b, source: 'annotated', ...extra };
}

export function qaScene(objects: SceneObject[], id = 'test-scene', pose = LEVEL_POSE): SceneFile {
  return {
    schema: 'spatial-lens/scene@1',
    id,
    image: { file: `${id}.jpg`, width: 640, height: 480 },
    camera: { fx: 500, fy: 500, cx: 319.5, cy: 239.5, source: 'manual' },
    worldFromCamera: pose,
    gravity: { source: 'manual', supportPlane: [0, 0, 1, 0] },
    depth: { source: 'dataset', calibration: 'none', scale: 1 },
    points: { file: `${id}.ply`, count: 0 },
    objects,
    views: [],
  };
}

/** A living room: sofa, table, two chairs, lamp, TV, three cups, plant. */
export function livingRoom(): SceneFile {
  return qaScene([
    obj('sofa', 'couch', box([-1.2, 4.0, 0.45], [2.0, 0.9, 0.9])),
    obj('table', 'dining table', box([0.3, 3.0, 0.38], [1.2, 0.7, 0.76])),
    obj('chair1', 'chair', box([-0.6, 2.4, 0.45], [0.5, 0.5, 0.9])),
    obj('chair2', 'chair', box([1.3, 2.6, 0.45], [0.5, 0.5, 0.9])),
    obj('lamp', 'lamp', box([1.6, 4.5, 0.8], [0.4, 0.4, 1.6])),
    obj('tv', 'tv', box([0.2, 5.2, 1.2], [1.1, 0.1, 0.65])),
    obj('cup1', 'cup', box([0.0, 3.0, 0.81], [0.08, 0.08, 0.1])),
    obj('cup2', 'cup', box([0.6, 2.9, 0.81], [0.08, 0.08, 0.1])),
    obj('cup3', 'cup', box([0.5, 3.2, 0.82], [0.14, 0.14, 0.12])),
    obj('plant', 'potted plant', box([-2.2, 5.0, 0.5], [0.5, 0.5, 1.0])),
  ], 'living-room');
}

const FURNITURE: [string, [number, number, number]][] = [
  ['chair', [0.5, 0.5, 0.9]],
  ['couch', [2.0, 0.9, 0.85]],
  ['dining table', [1.4, 0.8, 0.75]],
  ['potted plant', [0.4, 0.4, 0.9]],
  ['tv', [1.2, 0.15, 0.7]],
  ['bed', [2.0, 1.6, 0.6]],
  ['refrigerator', [0.7, 0.7, 1.8]],
  ['suitcase', [0.45, 0.25, 0.65]],
  ['bench', [1.5, 0.4, 0.45]],
  ['clock', [0.3, 0.05, 0.3]],
];

/** n objects of mixed classes on the floor in front of the camera, footprints apart, random yaw. */
export function randomRoom(seed: number, n = 20, id = `room-${seed}`): SceneFile {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const placed: SceneObject[] = [];
  for (let tries = 0; placed.length < n && tries < 5000; tries++) {
    const [category, size] = FURNITURE[Math.floor(rand() * FURNITURE.length)];
    const scaleBy = 0.8 + rand() * 0.4;
    const sz: [number, number, number] = [size[0] * scaleBy, size[1] * scaleBy, size[2] * scaleBy];
    const y = 1.8 + rand() * 6;
    const x = (rand() - 0.5) * y * 1.1; // inside a ~60° field of view
    const z = category === 'clock' ? 1.5 + rand() : sz[2] / 2;
    const r = Math.hypot(sz[0], sz[1]) / 2;
    if (placed.some((o) => Math.hypot(o.box3d!.center[0] - x, o.box3d!.center[1] - y) < r + Math.hypot(o.box3d!.size[0], o.box3d!.size[1]) / 2 + 0.05)) continue;
    placed.push(obj(`o${placed.length + 1}`, category, box([x, y, z], sz, (rand() - 0.5) * Math.PI)));
  }
  return qaScene(placed, id);
}

/**
 * The cloud a level camera would lift from this scene's floor (z = 0) and a back wall at y = wallY,
 * one point per second pixel: world xyz.
 */
export function floorAndWallCloud(scene: SceneFile, wallY = 6): Float32Array {
  const { fx, fy, cx, cy } = scene.camera;
  const out: number[] = [];
  for (let v = 0; v < scene.image.height; v += 2)
    for (let u = 0; u < scene.image.width; u += 2) {
      // camera ray in the world: right = x, down = −z, forward = y
      const dx = (u - cx) / fx, dz = -(v - cy) / fy, dy = 1;
      const tWall = wallY / dy;
      const tFloor = dz < 0 ? CAMERA_HEIGHT / -dz : Infinity;
      const t = Math.min(tWall, tFloor);
      out.push(dx * t, dy * t, CAMERA_HEIGHT + dz * t);
    }
  return Float32Array.from(out);
}
