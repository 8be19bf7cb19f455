// A hand-built scene with three posed extra views, for the multi-view QA tests. The main camera is
// the one of qaScenes.ts: 1.5 m up at the origin looking along world +y (an object at world
// (x, y, z) sits at main-camera (x, 1.5 − z, y)); fx = fy = 500, cx = 319.5, cy = 239.5, 640 × 480,
// so a centre is seen when |x/z| ≤ 0.64 and |y/z| ≤ 0.48 (camera frame).
//
//   view 1 "right":  1 m to the right of the main camera, same height, turned 30° to the left.
//                    camera (x, y, z) of world p, with d = p − (1, 0, 1.5):
//                    x = 0.866·dx + 0.5·dy,  y = −dz,  z = −0.5·dx + 0.866·dy
//   view 2 "far":    at the far end (−1, 7, 1.5), turned round to look back along −y.
//                    x = −(px + 1),  y = 1.5 − pz,  z = 7 − py
//   view 3 "high":   1 m forward and 1 m up (0, 1, 2.5), tilted 30° down.
//                    x = px,  y = −0.5·(py − 1) − 0.866·(pz − 2.5),  z = 0.866·(py − 1) − 0.5·(pz − 2.5)
//
// Which object each view sees (centre inside the image, in front; no occlusion test):
//   sofa (couch)        main, 1, 2, 3      table (dining table)  main, 1, 2, 3
//   chairL (chair)      1, 2               chairR (chair)        main, 2, 3
//   chairM (chair)      main, 1, 3         tv                    main, 1, 3 (behind view 2)
//   suitcase            1                  fridge (refrigerator) 2
// (multiview.test.ts checks this table against the projection.)
import type { Mat4 } from '../domain/geometry/linalg';
import type { SceneFile, SceneView } from '../domain/scene/scene';
import { CAMERA_HEIGHT, box, obj, qaScene } from './qaScenes';

const rad = (d: number) => (d * Math.PI) / 180;

/**
 * worldFromCamera of a camera at `at`, turned `left` degrees to the left of world +y (about +z),
 * then tilted `down` degrees downwards. Columns: camera right, down, forward in the world.
 */
export function viewPose(at: [number, number, number], left: number, down = 0): Mat4 {
  const s = Math.sin(rad(left)), c = Math.cos(rad(left)), sp = Math.sin(rad(down)), cp = Math.cos(rad(down));
  const right = [c, s, 0];
  const forward = [-s * cp, c * cp, -sp];
  const dn = [s * sp, -c * sp, -cp];
  return [
    [right[0], dn[0], forward[0], at[0]],
    [right[1], dn[1], forward[1], at[1]],
    [right[2], dn[2], forward[2], at[2]],
    [0, 0, 0, 1],
  ];
}

const camera = { fx: 500, fy: 500, cx: 319.5, cy: 239.5, source: 'manual' as const };

export function view(file: string, pose: Mat4): SceneView {
  return { image: { file, width: 640, height: 480 }, camera: { ...camera }, worldFromCamera: pose };
}

export const VIEW_RIGHT = viewPose([1, 0, CAMERA_HEIGHT], 30);
/** Looking back along −y, written out exactly (no sin(180°) rounding). */
export const VIEW_FAR: Mat4 = [
  [-1, 0, 0, -1],
  [0, 0, -1, 7],
  [0, -1, 0, CAMERA_HEIGHT],
  [0, 0, 0, 1],
];
export const VIEW_HIGH = viewPose([0, 1, 2.5], 0, 30);

/** A room seen from the main camera and three more views (see the table above). */
export function viewsRoom(): SceneFile {
  const scene = qaScene(
    [
      obj('sofa', 'couch', box([-1.5, 4, 0.45], [2.0, 0.9, 0.9])),
      obj('table', 'dining table', box([0.5, 3, 0.38], [1.2, 0.7, 0.76])),
      obj('chairL', 'chair', box([-3, 3, 0.45], [0.5, 0.5, 0.9])),
      obj('chairR', 'chair', box([1.2, 2.6, 0.45], [0.5, 0.5, 0.9])),
      obj('chairM', 'chair', box([-0.5, 5, 0.45], [0.5, 0.5, 0.9])),
      obj('tv', 'tv', box([0.2, 7.5, 1.2], [1.1, 0.1, 0.65])),
      obj('suitcase', 'suitcase', box([-3.2, 4.5, 0.33], [0.45, 0.25, 0.65])),
      obj('fridge', 'refrigerator', box([1.8, 2.0, 0.9], [0.7, 0.7, 1.8])),
    ],
    'views-room',
  );
  scene.views = [view('views-room-right.jpg', VIEW_RIGHT), view('views-room-far.jpg', VIEW_FAR), view('views-room-high.jpg', VIEW_HIGH)];
  return scene;
}
