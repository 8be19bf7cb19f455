// Synthetic relation and imagination items (SPAR-Bench phrasing) over the real RGB-D frames: boxes
// (SPAR's marks for these tasks) or points (the project's generator's) drawn on flat patches,
// the truth taken from the raw depth at each mark's centre in the levelled first-camera frame, and
// some answers deliberately wrong by one flipped part. Node only.
import { mulberry32 } from '../domain/geometry/random';
import type { Vec3 } from '../domain/geometry/linalg';
import type { RgbaImage } from '../domain/qa/export/drawMarks';
import { levelFrameOf, levelled } from '../domain/qa/audit/levelFrame';
import { ALL_RELATIONS, type Relation, elevation, facingViewpoint, inView, isEmptyRelation, relationBetween, relationText, relationToViewer } from '../domain/qa/relations';
import type { Mark, MarkColour } from '../domain/qa/types';
import { type RgbdFrame, drawnPhotos, rgbdFrames } from './rgbdItems';

export interface RelationItem {
  id: number;
  task: string;
  question: string;
  answer: string;
  format: 'fill' | 'select';
  frames: number[];
  images: RgbaImage[];
  jpegs: Uint8Array[];
  marks: Mark[];
  /** The relation from the raw depth ("left, above, front"). */
  truth: string;
  /** Signed differences [lr, fb, ab] behind the truth (metres). */
  offsets: Vec3;
  wrong: boolean;
  /** The part flipped in a wrong answer. */
  flipped?: 'lr' | 'ab' | 'fb';
}

export const RELATION_ITEM_TASKS = ['obj_spatial_relation_oo', 'obj_spatial_relation_oc', 'spatial_imagination_oc', 'spatial_imagination_oo', 'obj_spatial_relation_oo_mv'] as const;

const NAMES = ['cabinet', 'chair', 'table', 'lamp', 'sofa', 'box', 'shelf', 'door', 'pillow', 'picture'];
const SUFFIX = 'Calculate or judge based on the 3D center points of these objects.';
const NOTE = 'The options describe the relation as left-right, above-below and front-behind, a part left empty when it cannot be told apart.';
const COLOURS: MarkColour[] = ['red', 'blue', 'green', 'yellow'];

/** Camera point of the depth pixel under colour pixel (u, v) (pixel centres), when the patch `half` depth pixels around it is flat and measured. */
function flatPoint(f: RgbdFrame, u: number, v: number, half: number): Vec3 | null {
  const xn = (u - f.K.cx) / f.K.fx,
    yn = (v - f.K.cy) / f.K.fy;
  const ud = Math.round(xn * f.Kdepth.fx + f.Kdepth.cx),
    vd = Math.round(yn * f.Kdepth.fy + f.Kdepth.cy);
  const z = f.depth.data[vd * f.depth.width + ud];
  if (!(z > 0)) return null;
  for (let dy = -half; dy <= half; dy++)
    for (let dx = -half; dx <= half; dx++) {
      const x = ud + dx,
        y = vd + dy;
      if (x < 0 || y < 0 || x >= f.depth.width || y >= f.depth.height) return null;
      const n = f.depth.data[y * f.depth.width + x];
      if (!(n > 0) || Math.abs(n - z) > 0.04 * z) return null;
    }
  // the depth pixel's own centre, seen from the colour camera's ray through it
  const xd = (ud - f.Kdepth.cx) / f.Kdepth.fx,
    yd = (vd - f.Kdepth.cy) / f.Kdepth.fy;
  return [xd * z, yd * z, z];
}

const toWorld = (p: Vec3, T: number[]): Vec3 => [0, 1, 2].map((i) => T[i * 4] * p[0] + T[i * 4 + 1] * p[1] + T[i * 4 + 2] * p[2] + T[i * 4 + 3]) as Vec3;
function toCam0(p: Vec3, T: number[], T0: number[]): Vec3 {
  const w = toWorld(p, T);
  const d = [w[0] - T0[3], w[1] - T0[7], w[2] - T0[11]];
  return [0, 1, 2].map((i) => T0[i] * d[0] + T0[4 + i] * d[1] + T0[8 + i] * d[2]) as Vec3;
}

/** A part is set clearly (beyond 0.22 m) or empty clearly (under 0.04 m); anything between is not a fair test. */
const fair = (d: number) => Math.abs(d) > 0.22 || Math.abs(d) < 0.04;

const FLIP: Record<string, string> = { left: 'right', right: 'left', above: 'below', below: 'above', front: 'behind', behind: 'front' };

/**
 * `count` items cycling through the relation tasks over the real frames; every `wrongEvery`-th
 * has one set part flipped. About a third of the items mark their objects with points, the rest with boxes.
 */
export async function rgbdRelationItems(count: number, seed = 1, wrongEvery = 3): Promise<{ frames: RgbdFrame[]; items: RelationItem[] }> {
  const frames = await rgbdFrames();
  const rand = mulberry32(seed);
  const levels = frames.map((f) => levelFrameOf({ pose: f.pose, depth: f.depth, Kdepth: f.Kdepth }));
  const items: RelationItem[] = [];
  for (let id = 0, tries = 0; items.length < count && tries < count * 400; tries++) {
    const task = RELATION_ITEM_TASKS[id % RELATION_ITEM_TASKS.length];
    const mv = task.endsWith('_mv');
    const four = task === 'spatial_imagination_oo' && rand() < 0.5;
    const n = task.startsWith('obj_spatial_relation_oc') ? 1 : task.startsWith('obj_spatial_relation_oo') ? 2 : four ? 4 : 3;
    const boxes = rand() < 0.67;
    const fi = mv ? [2, 4] : [Math.floor(rand() * frames.length)];
    const marks: Mark[] = [];
    const pts: Vec3[] = [];
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const im = mv ? k % 2 : 0;
      const f = frames[fi[im]];
      const scale = f.rgba.width / 640;
      let placed = false;
      for (let t = 0; t < 60 && !placed; t++) {
        const size = (50 + rand() * 50) * scale;
        const cu = 40 * scale + size / 2 + rand() * (f.rgba.width - 80 * scale - size),
          cv = 40 * scale + size / 2 + rand() * (f.rgba.height - 80 * scale - size);
        const clash = marks.some((m) => (m.image ?? 0) === im && (m.box ? Math.max(Math.abs((m.box[0] + m.box[2]) / 2 - cu), Math.abs((m.box[1] + m.box[3]) / 2 - cv)) < size + 60 * scale : Math.hypot(m.uv![0] - cu, m.uv![1] - cv) < 80 * scale));
        if (clash) continue;
        if (boxes) {
          // the inner half of the box is flat: its median is the centre's point
          const halfDepthPx = Math.ceil(((size / 4) * f.Kdepth.fx) / f.K.fx) + 1;
          const p = flatPoint(f, cu - 0.5, cv - 0.5, halfDepthPx);
          if (!p) continue;
          marks.push({ kind: 'box', color: COLOURS[k], box: [cu - size / 2, cv - size / 2, cu + size / 2, cv + size / 2], ...(mv ? { image: im } : {}) });
          pts.push(mv && im === 1 ? toCam0(p, f.pose!, frames[fi[0]].pose!) : p);
        } else {
          const p = flatPoint(f, Math.floor(cu + 0.5), Math.floor(cv + 0.5), 6);
          if (!p) continue;
          marks.push({ kind: 'point', color: COLOURS[k], uv: [cu, cv], ...(mv ? { image: im } : {}) });
          pts.push(mv && im === 1 ? toCam0(p, f.pose!, frames[fi[0]].pose!) : p);
        }
        placed = true;
      }
      if (!placed) ok = false;
    }
    if (!ok) continue;
    const L = pts.map((p) => levelled(levels[fi[0]], p));
    const base = task.replace(/_mv$/, '');
    let truth: Relation, d: Vec3;
    if (base === 'obj_spatial_relation_oc') {
      d = [L[0][0], L[0][1], L[0][2]];
      truth = relationToViewer(L[0]);
    } else if (base === 'obj_spatial_relation_oo') {
      d = [L[0][0] - L[1][0], L[1][1] - L[0][1], L[0][2] - L[1][2]];
      truth = relationBetween(L[0], L[1]);
    } else {
      const vp = facingViewpoint(L[0], L[1]);
      if (!vp || Math.abs(elevation(vp.forward)) > (30 * Math.PI) / 180) continue;
      // the observer's frame turns with any error in A and B: keep B well away from A
      if (Math.hypot(L[1][0] - L[0][0], L[1][1] - L[0][1]) < 0.6) continue;
      const oc = inView(vp, L[2]);
      if (base === 'spatial_imagination_oc') {
        d = [oc[0], oc[1], oc[2]];
        truth = relationToViewer(oc);
      } else {
        const od = inView(vp, L[four ? 3 : 1]);
        d = [oc[0] - od[0], od[1] - oc[1], oc[2] - od[2]];
        truth = relationBetween(oc, od);
      }
    }
    if (isEmptyRelation(truth) || !d.every(fair)) continue;
    const wrong = (id + 1) % wrongEvery === 0;
    let answerRel = truth;
    let flipped: RelationItem['flipped'];
    if (wrong) {
      // a part the photo can settle: well past the threshold, beyond what the marks' spread could blur
      const idx = { lr: 0, fb: 1, ab: 2 } as const;
      const set = (['lr', 'ab', 'fb'] as const).filter((p) => truth[p] && Math.abs(d[idx[p]]) >= 0.35);
      if (!set.length) continue;
      flipped = set[Math.floor(rand() * set.length)];
      answerRel = { ...truth, [flipped]: FLIP[truth[flipped]] } as Relation;
    }
    const names = NAMES.slice().sort(() => rand() - 0.5);
    const ref = (k: number) => `${names[k]} (${COLOURS[k]} ${boxes ? 'bbox' : 'point'})`;
    let question: string;
    if (base === 'obj_spatial_relation_oc') question = `Where is the ${ref(0)} relative to the observer (the camera)?`;
    else if (base === 'obj_spatial_relation_oo') question = `Where is the ${ref(0)} relative to the ${ref(1)}, as seen from the camera?`;
    else if (base === 'spatial_imagination_oc') question = `Imagine the observer moves to the center of the ${ref(0)} and faces the ${ref(1)}. Where is the ${ref(2)} relative to the observer then?`;
    else question = `Suppose the observer stands at the ${ref(0)} and faces the ${ref(1)}. From there, where is the ${ref(2)} relative to the ${four ? ref(3) : ref(1)}?`;
    question += ` ${SUFFIX}`;
    const format: 'fill' | 'select' = rand() < 0.5 ? 'select' : 'fill';
    let answer = relationText(answerRel);
    if (format === 'select') {
      const others = ALL_RELATIONS.filter((r) => relationText(r) !== relationText(answerRel) && relationText(r) !== relationText(truth))
        .sort(() => rand() - 0.5)
        .slice(0, 3)
        .map(relationText);
      const at = Math.floor(rand() * 4);
      const opts = [...others.slice(0, at), answer, ...others.slice(at)];
      question += ` ${NOTE} Options: ${opts.map((o, k) => `${'ABCD'[k]}. ${o}`).join(' ')}`;
      answer = 'ABCD'[at];
    } else question += ' Answer in the form "left-right, above-below, front-behind".';
    const { images, jpegs } = await drawnPhotos(frames, fi, marks, () => 75 + Math.floor(rand() * 21));
    items.push({ id, task, question, answer, format, frames: fi, images, jpegs, marks, truth: relationText(truth), offsets: d, wrong, ...(flipped ? { flipped } : {}) });
    id++;
  }
  return { frames, items };
}
