// The SPAR multi-view families on a hand-built room with three posed views (src/test/qaViews.ts,
// where the cameras and the table of which view sees which object are written out). Main camera:
// 1.5 m up at the origin looking along world +y, so world (x, y, z) sits at main-camera
// (x, 1.5 − z, y); fx = fy = 500, cx = 319.5, cy = 239.5, 640 × 480.
import { describe, expect, it } from 'vitest';
import type { SceneFile } from '../../scene/scene';
import type { Mat4 } from '../../geometry/linalg';
import { box, obj, qaScene } from '../../../test/qaScenes';
import { VIEW_FAR, VIEW_HIGH, VIEW_RIGHT, view, viewPose, viewsRoom } from '../../../test/qaViews';
import { auditItem } from '../audit/generated';
import { qaContext } from './context';
import { generateQA } from './generate';
import { makeItem, recompute } from './recompute';
import { parseViewChange, vciMetric } from '../eval/scoring';
import { toSpar7m } from '../export/sparLayout';
import { TASKS, TASK_BY_ID } from './tasks';
import { BOX_CLEAR_IOU, CAMERA_WRONG_APART, PERMILLE_NOTE, SPAR_MV_TASKS } from './tasks/sparMultiView';
import type { QAFormat, QAItem } from '../types';
import { iou2d, projectBox, sceneViews, sight, viewChange } from './views';

const room = viewsRoom();
const MAIN = 'views-room.jpg', RIGHT = 'views-room-right.jpg', FAR = 'views-room-far.jpg', HIGH = 'views-room-high.jpg';
const MV_IDS = SPAR_MV_TASKS.map((t) => t.id);

function ask(task: string, objects: string[], format: QAFormat = 'fill', extra: Record<string, unknown> = {}, scene: SceneFile = room): QAItem {
  const item = makeItem(scene, task, format, { objects, ...extra });
  if (typeof item === 'string') throw new Error(`${task} on ${objects.join(',')}: ${item}`);
  return item;
}
const skipReason = (task: string, objects: string[], extra: Record<string, unknown> = {}, scene: SceneFile = room, format: QAFormat = 'fill') => {
  const r = makeItem(scene, task, format, { objects, ...extra });
  return typeof r === 'string' ? r : null;
};
const optionTexts = (it: QAItem) => it.spatial_lens.options!.map((o) => o.slice(3));
const answerText = (it: QAItem) => optionTexts(it)['ABCD'.indexOf(it.answer)];

/**
 * An object centre in the camera of one of an item's images, computed here from the scene file
 * (not with views.ts): P_cam = Rᵀ(P − T) from the 4×4 row-major worldFromCamera.
 */
function inImage(scene: SceneFile, file: string, p: readonly number[]): { uv: [number, number]; z: number } {
  const cam = file === scene.image.file ? scene.camera : scene.views.find((v) => v.image.file === file)!.camera;
  const M: Mat4 = file === scene.image.file ? scene.worldFromCamera : scene.views.find((v) => v.image.file === file)!.worldFromCamera;
  const d = [p[0] - M[0][3], p[1] - M[1][3], p[2] - M[2][3]];
  const c = [0, 1, 2].map((k) => M[0][k] * d[0] + M[1][k] * d[1] + M[2][k] * d[2]);
  return { uv: [(cam.fx * c[0]) / c[2] + cam.cx, (cam.fy * c[1]) / c[2] + cam.cy], z: c[2] };
}
const centre = (scene: SceneFile, id: string) => scene.objects.find((o) => o.id === id)!.box3d!.center;

describe('views.ts: per-view geometry', () => {
  const ctx = qaContext(room);
  const views = sceneViews(ctx);

  it('sees each object where the table in qaViews.ts says (centre in front and inside the image)', () => {
    const seen = Object.fromEntries(ctx.objects.map((o) => [o.id, views.filter((v) => sight(v, o.world)).map((v) => v.index)]));
    expect(seen).toEqual({ sofa: [0, 1, 2, 3], table: [0, 1, 2, 3], chairL: [1, 2], chairR: [0, 2, 3], chairM: [0, 1, 3], tv: [0, 1, 3], suitcase: [1], fridge: [2] });
    // chairL (−3, 3, 0.45) in view 1: d = (−4, 3, −1.05): x = 0.866·(−4) + 0.5·3 = −1.964, z = 2 + 2.598 = 4.598:
    // u = 500·(−0.4272) + 319.5 = 105.9, v = 500·(1.05/4.598) + 239.5 = 353.7
    const s = sight(views[1], [-3, 3, 0.45])!;
    expect(s.uv[0]).toBeCloseTo(105.92, 1);
    expect(s.uv[1]).toBeCloseTo(353.68, 1);
    // the TV (y = 7.5) is behind the far camera (y = 7, looking along −y): z = 7 − 7.5 < 0
    expect(sight(views[2], [0.2, 7.5, 1.2])).toBeNull();
  });

  it('projects a 3D box into a view (COCO continuous, clipped)', () => {
    // sofa x ∈ [−2.5, −0.5], y ∈ [3.55, 4.45], z ∈ [0, 0.9] in the far view: X = −(x + 1) ∈ [−0.5, 1.5], Y = 1.5 − z ∈ [0.6, 1.5],
    // Z = 7 − y ∈ [2.55, 3.45]. u from 500·(−0.5/2.55) + 319.5 = 221.46 to 500·(1.5/2.55) + 319.5 = 613.62; v from
    // 500·(0.6/3.45) + 239.5 = 326.46 to 533.6 (clipped to 480); +0.5 to COCO.
    const r = projectBox(views[2], { center: [-1.5, 4, 0.45], size: [2, 0.9, 0.9], yaw: 0 })!;
    expect(r[0]).toBeCloseTo(221.96, 2);
    expect(r[1]).toBeCloseTo(326.96, 2);
    expect(r[2]).toBeCloseTo(614.12, 2);
    expect(r[3]).toBe(480);
    // a box with corners behind the camera has no trustworthy projection
    expect(projectBox(views[0], { center: [0, 0.1, 1.5], size: [0.5, 0.5, 0.5], yaw: 0 })).toBeNull();
  });

  it('reads the relative pose of each view in the main camera frame', () => {
    // view 1: 1 m right, turned 30° left; view 3: 1 m forward and up, tilted 30° down; view 2: turned round
    const r = viewChange(views[0], views[1]);
    expect([r.right, r.up, r.forward, r.turnRight, r.turnUp, r.roll].map((x) => Math.round(x * 1e6) / 1e6 + 0)).toEqual([1, 0, 0, -30, 0, 0]);
    const h = viewChange(views[0], views[3]);
    expect([h.right, h.up, h.forward, h.turnRight, h.turnUp, h.roll].map((x) => Math.round(x * 1e6) / 1e6 + 0)).toEqual([0, 1, 1, 0, -30, 0]);
    const f = viewChange(views[0], views[2]);
    expect([f.right, f.forward, Math.abs(f.turnRight)]).toEqual([-1, 7, 180]);
  });

  it('keeps the fixed views of the other tests honest (poses as documented)', () => {
    // VIEW_FAR and VIEW_HIGH as written in qaViews.ts: columns are camera right, down, forward
    expect(VIEW_FAR.slice(0, 3).map((r) => r.slice(0, 3))).toEqual([
      [-1, 0, 0],
      [0, 0, -1],
      [0, -1, 0],
    ]);
    expect(VIEW_HIGH.slice(0, 3).map((r) => r.map((x) => Math.round(x * 1000) / 1000 + 0))).toEqual([
      [1, 0, 0, 0],
      [0, -0.5, 0.866, 1],
      [0, -0.866, -0.5, 2.5],
    ]);
  });

  it('refuses a view whose pose is not a rotation, and marks nothing in it', () => {
    const scaled = viewsRoom();
    scaled.views[0].worldFromCamera = VIEW_RIGHT.map((row, i) => (i < 3 ? [row[0] * 2, row[1] * 2, row[2] * 2, row[3]] : row));
    const vs = sceneViews(qaContext(scaled));
    expect(vs[1].problem).toBe('its worldFromCamera rotation is not a rotation');
    expect(sight(vs[1], [-3, 3, 0.45])).toBeNull();
    expect(skipReason('distance_prediction_oc_mv', ['chairL'], { views: [1] }, scaled)).toBe('view 1 cannot be used: its worldFromCamera rotation is not a rotation');
  });
});

describe('object questions across views (hand-computed)', () => {
  it('depth_prediction_oc_mv: depth in the MAIN camera, marks in the images where they were drawn', () => {
    // sofa at main depth 4.0 (y), chairL at main depth 3.0, seen only in views 1 and 2
    const it = ask('depth_prediction_oc_mv', ['sofa', 'chairL'], 'fill', { views: [0, 1] });
    expect(it.answer).toBe('3.0');
    expect(it.question).toContain('couch (red point) is at a depth of 4.0 meters');
    expect(it.question).toContain('chair (blue point)');
    expect(it.question).toContain('Calculate or judge based on the 3D center points of these objects.');
    expect(it.question).toContain('We use the first image to reflect the main perspective');
    expect(it.image).toEqual([MAIN, RIGHT]);
    // sofa in the main image: u = 500·(−1.5/4) + 319.5 = 132.0, v = 500·(1.05/4) + 239.5 = 370.75 → 370.8
    expect(it.spatial_lens.marks).toEqual([
      { object: 'sofa', kind: 'point', color: 'red', uv: [132, 370.8], image: 0 },
      { object: 'chairL', kind: 'point', color: 'blue', uv: [105.9, 353.7], image: 1 },
    ]);
    expect(it.spatial_lens.generator.params).toMatchObject({ views: [0, 1] });
  });

  it('orders the images main first, then the views in order of first use', () => {
    // sofa marked in the far view (2), chairL in the right view (1): images [main, far, right]
    const it = ask('depth_prediction_oo_mv', ['sofa', 'chairL'], 'fill', { views: [2, 1] });
    expect(it.image).toEqual([MAIN, FAR, RIGHT]);
    expect(it.spatial_lens.marks.map((m) => [m.object, m.image])).toEqual([
      ['sofa', 1],
      ['chairL', 2],
    ]);
    // sofa in the far view: (−(−1.5 + 1), 1.05, 7 − 4) = (0.5, 1.05, 3): u = 500/6 + 319.5 = 402.8, v = 175 + 239.5 = 414.5
    expect(it.spatial_lens.marks[0].uv).toEqual([402.8, 414.5]);
  });

  it('depth_prediction_oo_mv: |Δz| in the main camera; too close is skipped', () => {
    // sofa 4.0 − table 3.0
    expect(ask('depth_prediction_oo_mv', ['sofa', 'table'], 'fill', { views: [0, 1] }).answer).toBe('1.0');
    // table and chairL both at depth 3.0
    expect(skipReason('depth_prediction_oo_mv', ['table', 'chairL'])).toBe('their depths are too close to tell apart');
  });

  it('distance_prediction_oc_mv and _oo_mv: Euclidean, from the main camera / between centres', () => {
    // chairL at main camera (−3, 1.05, 3): √(9 + 1.1025 + 9) = √19.1025 = 4.371
    const oc = ask('distance_prediction_oc_mv', ['chairL'], 'fill', { views: [2] });
    expect(oc.answer).toBe('4.4');
    expect(oc.question).toContain('"the camera" is the camera of the first image');
    expect(oc.image).toEqual([MAIN, FAR]);
    // sofa (−1.5, 4, 0.45) – chairL (−3, 3, 0.45): √(1.5² + 1²) = √3.25 = 1.803
    expect(ask('distance_prediction_oo_mv', ['sofa', 'chairL'], 'fill', { views: [0, 1] }).answer).toBe('1.8');
  });

  it('distance_infer_center_oo_mv: which of two is closer to / farther from a third', () => {
    // from the sofa: chairL 1.80 m; TV (0.2, 7.5, 1.2): √(1.7² + 3.5² + 0.75²) = √15.7025 = 3.963 m
    expect(ask('distance_infer_center_oo_mv', ['sofa', 'chairL', 'tv'], 'fill', { variant: 'closer', views: [0, 1, 0] }).answer).toBe('chair');
    expect(ask('distance_infer_center_oo_mv', ['sofa', 'chairL', 'tv'], 'fill', { variant: 'farther', views: [0, 1, 0] }).answer).toBe('TV');
    const s = ask('distance_infer_center_oo_mv', ['sofa', 'chairL', 'tv'], 'sentence', { variant: 'closer', views: [0, 1, 0] });
    expect(s.answer).toBe('The couch is 1.8 meters from the chair and 4.0 meters from the TV, so the chair is closer.');
  });

  it('obj_spatial_relation_oo_mv / _oc_mv: relations in the levelled main frame, boxes as marks', () => {
    // chairL − sofa: right −1.5 (left), up 0 (indistinguishable), forward 3 − 4 = −1 (nearer: front)
    const oo = ask('obj_spatial_relation_oo_mv', ['chairL', 'sofa'], 'fill', { views: [1, 0] });
    expect(oo.answer).toBe('left, , front');
    expect(oo.question).toContain('chair (red bbox)');
    expect(oo.question).toContain("We use the first image to reflect the main perspective, which aligns with the observer's viewpoint.");
    expect(oo.spatial_lens.marks[0]).toMatchObject({ object: 'chairL', kind: 'box', color: 'red', image: 1 });
    // the main image keeps the object's own 2D box (projected here: no annotation)
    expect(oo.spatial_lens.marks[1]).toMatchObject({ object: 'sofa', kind: 'box', color: 'blue', image: 0 });
    // chairL from the main camera: (−3 right, 3 forward, 0.45 − 1.5 = −1.05 up)
    expect(ask('obj_spatial_relation_oc_mv', ['chairL'], 'fill', { views: [2] }).answer).toBe('left, below, front');
  });

  it('spatial_imagination_oc_mv / _oo_mv: observer moved to A facing B (SPAR eq. 7–8)', () => {
    // A table (0.5, 3, 0.38), B TV (0.2, 7.5, 1.2): forward = (−0.3, 4.5, 0.82)/4.584 = (−0.0654, 0.9817, 0.1789), elevation 10.3°;
    // right = forward × z normalised = (0.9978, 0.0665, 0); up = right × forward = (0.0119, −0.1785, 0.9839).
    // C chairL − A = (−3.5, 0, 0.07): right −3.492 (left), forward 0.229 + 0.013 = 0.242 (front), up −0.042 + 0.069 = 0.027 (empty)
    expect(ask('spatial_imagination_oc_mv', ['table', 'tv', 'chairL'], 'fill', { views: [0, 0, 1] }).answer).toBe('left, , front');
    // chairL relative to the TV from there: TV at (0, 4.584, ≈0); chairL − TV = (−3.492, −4.342, 0.027): left, nearer (front), empty
    expect(ask('spatial_imagination_oo_mv', ['table', 'tv', 'chairL'], 'fill', { views: [0, 0, 1] }).answer).toBe('left, , front');
    const sel = ask('spatial_imagination_oc_mv', ['table', 'tv', 'chairL'], 'select', { views: [0, 0, 1] });
    expect(sel.question).toContain('Consider only the state after the move.');
  });

  it('needs one object marked outside the main image, else it is the single-view task', () => {
    expect(skipReason('depth_prediction_oo_mv', ['sofa', 'table'], { views: [0, 0] })).toBe('no object is marked outside the main image (that is the single-view task)');
    // a view looking back from the main camera sees none of the objects
    const back = { ...viewsRoom(), views: [view('back.jpg', viewPose([0, 0, 1.5], 180))] };
    expect(skipReason('depth_prediction_oo_mv', ['sofa', 'table'], {}, back)).toBe('no object of the question is seen outside the main image (that is the single-view task)');
    expect(skipReason('distance_prediction_oc_mv', ['fridge'], {}, back)).toBe('fridge (refrigerator) is not seen in any image');
  });

  it('never marks an object in a view that does not see it, even when asked to', () => {
    // chairL is not seen in the main image nor in view 3 (x/z = −3/2.757 = −1.09, off the left edge)
    expect(skipReason('depth_prediction_oc_mv', ['sofa', 'chairL'], { views: [0, 3] })).toBe('chairL (chair) is no longer seen in view 3');
    expect(skipReason('depth_prediction_oc_mv', ['sofa', 'chairL'], { views: [0, 0] })).toBe('chairL (chair) is no longer seen in the main image');
    expect(skipReason('depth_prediction_oc_mv', ['sofa', 'chairL'], { views: [0, 7] })).toBe('the stored view 7 is not in the scene (it has 3 extra views)');
  });

  it('recomputes after a box edit with the stored views: new answer, or why the mark no longer stands', () => {
    const it = ask('depth_prediction_oc_mv', ['sofa', 'chairL'], 'fill', { views: [0, 1] });
    // chairL moved back to y = 3.5: still seen in view 1 (x = −3.464 + 1.75 = −1.714, z = 2 + 3.031 = 5.031: −0.34), depth now 3.5
    const moved = viewsRoom();
    moved.objects.find((o) => o.id === 'chairL')!.box3d!.center = [-3, 3.5, 0.45];
    const r = recompute(it, moved);
    expect(r.status).toBe('changed');
    if (r.status === 'changed') {
      expect(r.item.answer).toBe('3.5');
      expect(r.item.image).toEqual([MAIN, RIGHT]);
      expect(r.item.spatial_lens.marks[1]).toMatchObject({ object: 'chairL', image: 1 });
    }
    // moved far left, view 1 no longer sees it (x = 0.866·(−7) + 1.5 = −4.56, z = 3.5 + 2.598 = 6.1: −0.75)
    moved.objects.find((o) => o.id === 'chairL')!.box3d!.center = [-6, 3, 0.45];
    expect(recompute(it, moved)).toEqual({ status: 'invalid', reason: 'chairL (chair) is no longer seen in view 1' });
  });

  it('skips overlapping boxes as the single-view tasks do', () => {
    const scene = { ...viewsRoom() };
    scene.objects = [...scene.objects, obj('pillow', 'pillow', box([-1.5, 4, 0.7], [0.5, 0.4, 0.3]))];
    expect(skipReason('distance_prediction_oo_mv', ['sofa', 'pillow'], {}, scene)).toBe('the boxes of sofa and pillow overlap');
  });
});

describe('view_change_infer', () => {
  it('answers in SPAR-Bench form: move right/up/forward in metres, rotate up/right in degrees, main camera axes', () => {
    // view 1: centre (1, 0, 1.5) → main camera (1, 0, 0): right 1.0, up 0, forward 0; optical axis turned 30° to the left
    const it = ask('view_change_infer', [], 'fill', { views: [1] });
    expect(it.answer).toBe('move_right:1.0,move_up:0.0,move_forward:0.0,rotate_up:0,rotate_left:30');
    expect(it.image).toEqual([MAIN, RIGHT]);
    expect(it.spatial_lens.marks).toEqual([]);
    // view 3: centre (0, 1, 2.5) → main camera (0, −1, 1): up 1.0, forward 1.0; tilted 30° down
    expect(ask('view_change_infer', [], 'fill', { views: [3] }).answer).toBe('move_right:0.0,move_up:1.0,move_forward:1.0,rotate_down:30,rotate_right:0');
    // SPAR's vci metric reads every key (scoring.ts): the answer scores 1 against itself, and left is the negative of right
    expect(vciMetric(it.answer, it.answer)).toBe(1);
    expect(parseViewChange(it.answer)).toEqual(new Map([['move_right', 1], ['move_up', 0], ['move_forward', 0], ['rotate_up', 0], ['rotate_left', 30]]));
  });

  it('says it in a sentence, following an object seen in both images', () => {
    // couch (largest box among the uniquely named objects both images see): main (132.0, 370.75) → 0–1000 (207, 773) bottom-left;
    // view 1 (301.99, 350.87) → (473, 732) bottom-center: moved right by 266, vertically 41 (< 100: no change)
    const it = ask('view_change_infer', [], 'sentence', { views: [1] });
    expect(it.answer).toBe(
      'In the first image, the couch is located in the bottom-left and moves right to the bottom-center in the second image. Observing these changes, the camera moves as follows to realign with the second image: Shift sideways by 1.0 meters right. Turn left by 30 degrees.',
    );
  });

  it('skips views it cannot describe: turned round, rolled, or sharing nothing with the main image', () => {
    expect(skipReason('view_change_infer', [], { views: [2] })).toBe('view 2 is turned about 180° from the main image, so a left and a right turn would be equally right');
    // view 1 rolled 20° about its own viewing axis: worldFromCamera · Rz(20°)
    const c = Math.cos((20 * Math.PI) / 180), s = Math.sin((20 * Math.PI) / 180);
    const rolled = viewsRoom();
    rolled.views[0].worldFromCamera = VIEW_RIGHT.map((row, i) => (i < 3 ? [row[0] * c + row[1] * s, -row[0] * s + row[1] * c, row[2], row[3]] : row));
    expect(skipReason('view_change_infer', [], { views: [1] }, rolled)).toMatch(/^view 1 is rolled by 20° against the main image/);
    const back = { ...viewsRoom(), views: [view('back.jpg', viewPose([0, 0, 1.5], 180))] };
    expect(skipReason('view_change_infer', [], {}, back)).toBe('no object is seen in both the main image and view 1, so the two may not overlap');
  });
});

describe('camera_motion_infer', () => {
  it('places the second camera in the first image (0–1000) with its depth, wrong options clearly elsewhere', () => {
    // far camera (−1, 7, 1.5) → main camera (−1, 0, 7): u = 500·(−1/7) + 319.5 = 248.07 → (248.57/640)·1000 = 388;
    // v = 239.5 → (240/480)·1000 = 500; depth 7.0
    const it = ask('camera_motion_infer', [], 'select', { views: [2] });
    expect(answerText(it)).toBe('(388, 500), depth 7.0 m');
    expect(it.question).toContain(PERMILLE_NOTE);
    expect(it.image).toEqual([MAIN, FAR]);
    expect(optionTexts(it)).toHaveLength(4);
    for (const o of optionTexts(it)) {
      if (o === answerText(it)) continue;
      const [x, y] = o.slice(1, o.indexOf(')')).split(', ').map(Number);
      expect(Math.hypot(x - 388, y - 500)).toBeGreaterThanOrEqual(CAMERA_WRONG_APART);
    }
    expect(ask('camera_motion_infer', [], 'sentence', { views: [2] }).answer).toBe('The camera of the second image lies at (388, 500) in the first image, 7.0 meters deep.');
  });

  it('skips a camera beside/behind the main one or outside its image', () => {
    // view 1 sits level with the main camera (main-camera z = 0); view 3 projects to v = 500·(−1/1) + 239.5 = −260.5
    expect(skipReason('camera_motion_infer', [], { views: [1] }, room, 'select')).toBe('the camera of view 1 is beside or behind the main camera');
    expect(skipReason('camera_motion_infer', [], { views: [3] }, room, 'select')).toBe('the camera of view 3 projects outside the main image');
  });
});

describe('position_matching', () => {
  it('gives the main-image box and offers real projected boxes of other objects in the view', () => {
    // sofa in the far view: [221.96, 326.96, 614.12, 480] (see views.ts test) → 0–1000: [347, 681, 960, 1000]
    const it = ask('position_matching', ['sofa'], 'select', { views: [0, 2] });
    expect(answerText(it)).toBe('[347, 681, 960, 1000]');
    expect(it.image).toEqual([MAIN, FAR]);
    expect(it.question).toContain('couch (red bbox)');
    expect(it.question).toContain(PERMILLE_NOTE);
    expect(it.spatial_lens.marks).toEqual([{ object: 'sofa', kind: 'box', color: 'red', box: expect.any(Array), image: 0 }]);
    // every option is the projected box of an object the far view sees, on the 0–1000 scale; any two clear of each other
    const ctx = qaContext(room);
    const far = sceneViews(ctx)[2];
    const boxes = new Map<string, { id: string; r: number[] }>(
      ctx.objects
        .filter((o) => sight(far, o.world))
        .map((o) => {
          const r = projectBox(far, o.box)!;
          return [`[${[r[0] / 640, r[1] / 480, r[2] / 640, r[3] / 480].map((x) => Math.round(x * 1000)).join(', ')}]`, { id: o.id, r }];
        }),
    );
    const sofaBox = boxes.get(answerText(it))!;
    expect(sofaBox.id).toBe('sofa');
    const offered = optionTexts(it).map((o) => boxes.get(o)!);
    expect(offered.every(Boolean), optionTexts(it).join('; ')).toBe(true);
    for (const a of offered) for (const b of offered) if (a !== b) expect(iou2d(a.r, b.r)).toBeLessThan(BOX_CLEAR_IOU);
    // the far view sees the table, both side chairs and the fridge besides the sofa; only the table and the
    // right chair are also seen whole in the main photo (objects the question could be about), and their
    // boxes in the far view overlap each other: the answer and one of them are offered
    expect(offered.map((b) => b.id).sort()).toEqual(expect.arrayContaining(['sofa']));
    expect(offered.every((b) => ['sofa', 'table', 'chairR'].includes(b.id))).toBe(true);
    expect(offered.length).toBeGreaterThanOrEqual(2);
  });

  it('needs the object seen in the main image and another object to offer', () => {
    expect(skipReason('position_matching', ['chairL'], {}, room, 'select')).toBe('chairL (chair) is not seen with a whole box in the main image');
    expect(skipReason('position_matching', ['tv'], { views: [0, 2] }, room, 'select')).toBe('tv (TV) is not seen with a whole box in view 2');
  });
});

describe('appearance order and counting across the images (not in SPAR-Bench)', () => {
  it('appearance_order: objects by the first image that sees them', () => {
    // images: main, right, far, high. TV first in the main image, the suitcase in view 1 (right), the fridge in view 2 (far)
    const it = ask('appearance_order', ['fridge', 'tv', 'suitcase']);
    expect(it.answer).toBe('TV, suitcase, refrigerator');
    expect(it.image).toEqual([MAIN, RIGHT, FAR, HIGH]);
    expect(ask('appearance_order', ['fridge', 'tv', 'suitcase'], 'sentence').answer).toBe('The objects first appear in this order: the TV in image 1, the suitcase in image 2 and the refrigerator in image 3.');
    expect(skipReason('appearance_order', ['sofa', 'table', 'suitcase'])).toBe('the couch and the dining table first appear in the same image');
    expect(skipReason('appearance_order', ['chairL', 'table', 'suitcase'])).toBe('"the chair" names 3 objects, so its first appearance is ambiguous');
  });

  it('obj_count: each object seen in any image counted once', () => {
    // chairL (views 1, 2), chairR (main, 2, 3), chairM (main, 1, 3): 3 chairs, one of them not in the main image
    const it = ask('obj_count', [], 'fill', { target: 'chair' });
    expect(it.answer).toBe('3');
    expect(it.spatial_lens.value).toBe(3);
    expect(skipReason('obj_count', [], { target: 'couch' })).toBe('fewer than two couches are seen in the images');
    const noLeft = viewsRoom();
    noLeft.objects = noLeft.objects.filter((o) => o.id !== 'chairL');
    expect(skipReason('obj_count', [], { target: 'chair' }, noLeft)).toBe('every chair is seen in the main image (that is single-view counting)');
    const sel = ask('obj_count', [], 'select', { target: 'chair' });
    expect(optionTexts(sel).filter((o) => o !== '3').every((o) => Number(o) >= 1 && Number(o) !== 3)).toBe(true);
  });
});

describe('generation on a scene with views', () => {
  const { items, report } = generateQA([{ scene: room }], { tasks: MV_IDS, perScene: 1500, seed: 5 });

  it('produces every multi-view task in every format it has', () => {
    // obj_count's wrong options are other classes' counts, and this room has one class to count
    // (the chairs): its multiple choice cannot be made and says why
    const impossible = (t: string, f: string) => t === 'obj_count' && f === 'select';
    for (const t of SPAR_MV_TASKS) for (const f of t.formats) if (!impossible(t.id, f)) expect(items.some((i) => i.task === t.id && i.spatial_lens.format === f), `${t.id} ${f}`).toBe(true);
    expect(items.some((i) => i.task === 'obj_count' && i.spatial_lens.format === 'select')).toBe(false);
    expect(Object.keys(report.tasks.obj_count.skipped)).toContain("other tuples' answers were not distinct from it and each other");
  });

  it('marks every object in an image whose camera sees its centre (checked with an independent projection)', () => {
    let checked = 0;
    for (const it of items) {
      expect(it.image[0], it.id).toBe(MAIN);
      const used = new Set<number>();
      for (const m of it.spatial_lens.marks) {
        expect(m.image, it.id).toBeDefined();
        expect(m.image!).toBeLessThan(it.image.length);
        used.add(m.image!);
        const p = inImage(room, it.image[m.image!], centre(room, m.object!));
        expect(p.z, `${it.id} ${m.object}`).toBeGreaterThan(0.05);
        expect(p.uv[0]).toBeGreaterThanOrEqual(-0.5);
        expect(p.uv[0]).toBeLessThanOrEqual(639.5);
        expect(p.uv[1]).toBeGreaterThanOrEqual(-0.5);
        expect(p.uv[1]).toBeLessThanOrEqual(479.5);
        if (m.kind === 'point') {
          expect(Math.abs(m.uv![0] - p.uv[0])).toBeLessThanOrEqual(0.05 + 1e-9);
          expect(Math.abs(m.uv![1] - p.uv[1])).toBeLessThanOrEqual(0.05 + 1e-9);
        }
        checked++;
      }
      // object questions: some mark outside the main image, and no extra image left unmarked
      const objectTask = it.spatial_lens.marks.length && it.task !== 'position_matching';
      if (objectTask) {
        expect([...used].some((i) => i > 0), it.id).toBe(true);
        for (let i = 1; i < it.image.length; i++) expect(used.has(i), `${it.id} image ${i}`).toBe(true);
        expect(it.image.length).toBeLessThanOrEqual(3);
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('passes the independent audit and recomputes to itself', () => {
    const ctx = qaContext(room);
    const bad = items.map((it) => ({ it, a: auditItem(it, room, ctx) })).filter((x) => x.a.problems.length);
    expect(bad.map((x) => `${x.it.id}: ${x.a.problems.join('; ')}`)).toEqual([]);
    for (const it of items) {
      const r = recompute(it, room);
      expect(r.status, `${it.id}: ${'reason' in r ? r.reason : ''}`).toBe('unchanged');
    }
  });

  it('is deterministic for a seed', () => {
    const again = generateQA([{ scene: room }], { tasks: MV_IDS, perScene: 1500, seed: 5 });
    expect(JSON.stringify(again.items)).toBe(JSON.stringify(items));
    expect(report.items).toBe(items.length);
  });

  it('writes SPAR-7M image indices for the marks (point_img_idx, red–green–blue for distance_infer_center_oo_mv)', () => {
    const it = ask('distance_infer_center_oo_mv', ['sofa', 'chairL', 'tv'], 'fill', { variant: 'closer', views: [0, 1, 0] });
    const rec = toSpar7m(it, it.image.map(() => ({ width: 640, height: 480 })));
    // red sofa on image 0, blue chairL on image 1, green TV on image 0; SPAR indexes this task red, green, blue
    expect(rec.point_img_idx).toEqual([[0, 0, 1]]);
  });
});

describe('a scene without views', () => {
  it('runs no multi-view task and says why', () => {
    const flat = qaScene([obj('a', 'chair', box([0, 3, 0.45], [0.5, 0.5, 0.9])), obj('b', 'couch', box([-1.5, 4, 0.45], [2, 0.9, 0.9])), obj('c', 'tv', box([0.2, 5, 1.2], [1.1, 0.1, 0.65]))], 'flat');
    const { items, report } = generateQA([{ scene: flat }], { tasks: MV_IDS, perScene: 50 });
    expect(items).toEqual([]);
    for (const id of MV_IDS) expect(report.scenes[0].notes).toContain(`${id}: needs posed extra views of the scene`);
  });
});
