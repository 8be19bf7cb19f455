// A SPAR-7M-RGBD folder built from the real Open3D redwood frames (../shared/data/open3d_redwood):
// colour and depth under image_color/ and image_depth/, the camera as ScanNet exports it
// (intrinsic/intrinsic_color.txt, intrinsic_depth.txt, pose/<n>.txt camera-to-world), and a JSONL of
// SPAR-7M records, single-view and `_mv`, whose answers are computed here from the raw depth and
// the Redwood log's poses — some deliberately wrong. A second scene has no usable pose (ScanNet's
// -inf rows and a missing file). Node only.
import fs from 'node:fs';
import path from 'node:path';
import { decodeDepthPng } from '../domain/formats/depthPng';
import { mulberry32 } from '../domain/geometry/random';
import { SHARED_DATA } from './markedPhotos';

export const REDWOOD_K = { fx: 525, fy: 525, cx: 319.5, cy: 239.5 };
export const REDWOOD_SIZE = { width: 640, height: 480 };
/** The frames of the fixture, by their Redwood index (= the colour index n of image_color/<n>.jpg). */
export const REDWOOD_FRAMES = [0, 3, 4] as const;

/** Redwood's odometry.log: per frame a header line and a row-major 4×4 (camera-to-world, checked by reprojection in the tests). */
export function redwoodLog(): number[][] {
  const lines = fs.readFileSync(`${SHARED_DATA}/open3d_redwood/odometry.log`, 'utf8').trim().split(/\r?\n/);
  const out: number[][] = [];
  for (let i = 0; i + 5 <= lines.length; i += 5) out.push(lines.slice(i + 1, i + 5).flatMap((l) => l.trim().split(/\s+/).map(Number)));
  return out;
}

export interface RedwoodDepth {
  width: number;
  height: number;
  data: Float32Array;
}

export const redwoodDepth = (n: number): RedwoodDepth => decodeDepthPng(new Uint8Array(fs.readFileSync(`${SHARED_DATA}/open3d_redwood/depth/${String(n).padStart(5, '0')}.png`)), 1000);

type V3 = [number, number, number];
const apply = (T: readonly number[], p: readonly number[]): V3 => [0, 1, 2].map((i) => T[i * 4] * p[0] + T[i * 4 + 1] * p[1] + T[i * 4 + 2] * p[2] + T[i * 4 + 3]) as V3;
/** World to camera of a rigid camera-to-world T: Rᵀ(w − t). */
const applyInverse = (T: readonly number[], w: readonly number[]): V3 => {
  const d = [w[0] - T[3], w[1] - T[7], w[2] - T[11]];
  return [0, 1, 2].map((i) => T[i] * d[0] + T[4 + i] * d[1] + T[8 + i] * d[2]) as V3;
};
export const redwoodToCamera0 = (p: readonly number[], T: readonly number[], T0: readonly number[]): V3 => applyInverse(T0, apply(T, p));

/** The camera point of pixel (u, v) from the raw depth, when its 13×13 neighbourhood is flat (a face, not an edge). */
export function flatPoint(d: RedwoodDepth, u: number, v: number): V3 | null {
  const z = d.data[v * d.width + u];
  if (!(z > 0)) return null;
  for (let dy = -6; dy <= 6; dy++)
    for (let dx = -6; dx <= 6; dx++) {
      const x = u + dx,
        y = v + dy;
      if (x < 0 || y < 0 || x >= d.width || y >= d.height) return null;
      const n = d.data[y * d.width + x];
      if (!(n > 0) || Math.abs(n - z) > 0.02 * z) return null;
    }
  return [((u - REDWOOD_K.cx) / REDWOOD_K.fx) * z, ((v - REDWOOD_K.cy) / REDWOOD_K.fy) * z, z];
}

const matrixText = (m: readonly number[], crlf = false) =>
  [0, 1, 2, 3].map((r) => m.slice(r * 4, r * 4 + 4).map((x) => x.toFixed(6)).join(' ')).join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
const K4 = [REDWOOD_K.fx, 0, REDWOOD_K.cx, 0, 0, REDWOOD_K.fy, REDWOOD_K.cy, 0, 0, 0, 1, 0, 0, 0, 0, 1];
const I4 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

export interface FixtureItem {
  id: string;
  task: string;
  scene: string;
  /** The quantity from the raw depth and the log's poses (metres). */
  truth: number;
  answer: number;
  wrong: boolean;
  /** Whether the item can be measured (its scene has poses where it needs them). */
  measurable: boolean;
}

export interface Spar7mFixture {
  /** The `spar/` folder. */
  root: string;
  jsonl: string;
  items: FixtureItem[];
}

const SUFFIX = 'Calculate or judge based on the 3D center points of these objects. The unit is meter.';
const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Writes the fixture under `dir/spar/`. Scene `redwood_00` holds frames 0, 3, 4 with their poses;
 * scene `redwood_01` holds frames 0 and 3 with a -inf pose for 0 and no pose file for 3.
 */
export function writeSpar7mFixture(dir: string, seed = 5): Spar7mFixture {
  const root = path.join(dir, 'spar');
  const images = path.join(root, 'scannet', 'images');
  const log = redwoodLog();
  const write = (p: string, data: string | Buffer) => {
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
  };
  for (const scene of ['redwood_00', 'redwood_01']) {
    const s = path.join(images, scene);
    for (const n of scene === 'redwood_00' ? REDWOOD_FRAMES : [0, 3]) {
      const f = String(n).padStart(5, '0');
      write(path.join(s, 'image_color', `${n}.jpg`), fs.readFileSync(`${SHARED_DATA}/open3d_redwood/color/${f}.jpg`));
      write(path.join(s, 'image_depth', `${n}.png`), fs.readFileSync(`${SHARED_DATA}/open3d_redwood/depth/${f}.png`));
      if (scene === 'redwood_00') write(path.join(s, 'pose', `${n}.txt`), matrixText(log[n], n === 3));
    }
    write(path.join(s, 'intrinsic', 'intrinsic_color.txt'), matrixText(K4));
    write(path.join(s, 'intrinsic', 'intrinsic_depth.txt'), matrixText(K4, true));
    write(path.join(s, 'intrinsic', 'extrinsic_color.txt'), matrixText(I4));
    write(path.join(s, 'intrinsic', 'extrinsic_depth.txt'), matrixText(I4));
    write(path.join(s, 'video_idx.txt'), '0\n3\n4\n');
  }
  write(path.join(images, 'redwood_01', 'pose', '0.txt'), '-inf -inf -inf -inf\n-inf -inf -inf -inf\n-inf -inf -inf -inf\n-inf -inf -inf -inf\n');

  const rand = mulberry32(seed);
  const depth = new Map<number, RedwoodDepth>(REDWOOD_FRAMES.map((n) => [n, redwoodDepth(n)]));
  /** A flat pixel of frame n, as SPAR's 0–1000 integers, its drawn pixel and its camera point. */
  const pick = (n: number, avoid: [number, number][] = []) => {
    for (let t = 0; t < 500; t++) {
      const p: [number, number] = [40 + Math.floor(rand() * 920), 40 + Math.floor(rand() * 920)];
      // the importer puts a 0–1000 mark at the pixel SPAR's drawer paints: floor(p / 1000 · size)
      const u = Math.floor((p[0] / 1000) * REDWOOD_SIZE.width),
        v = Math.floor((p[1] / 1000) * REDWOOD_SIZE.height);
      if (avoid.some((a) => Math.hypot(a[0] - p[0], a[1] - p[1]) < 150)) continue;
      const cam = flatPoint(depth.get(n)!, u, v);
      if (cam) return { p, cam };
    }
    throw new Error(`no flat pixel found in frame ${n}`);
  };
  const items: FixtureItem[] = [];
  const records: Record<string, unknown>[] = [];
  const plan: { task: string; frames: number[]; wrong: boolean; scene?: string }[] = [
    { task: 'depth_prediction_oc', frames: [0], wrong: false },
    { task: 'depth_prediction_oc', frames: [3], wrong: true },
    { task: 'distance_prediction_oc', frames: [4], wrong: false },
    { task: 'distance_prediction_oo', frames: [0], wrong: false },
    { task: 'distance_prediction_oo', frames: [4], wrong: true },
    { task: 'distance_prediction_oo_mv', frames: [0, 4], wrong: false },
    { task: 'distance_prediction_oo_mv', frames: [0, 3], wrong: true },
    { task: 'distance_prediction_oo_mv', frames: [3, 4], wrong: false },
    { task: 'depth_prediction_oo_mv', frames: [0, 4], wrong: false },
    { task: 'distance_prediction_oo_mv', frames: [0, 3], wrong: false, scene: 'redwood_01' },
    { task: 'distance_prediction_oc', frames: [3], wrong: false, scene: 'redwood_01' },
  ];
  for (const [i, it] of plan.entries()) {
    const scene = it.scene ?? 'redwood_00';
    const mv = it.task.endsWith('_mv');
    const a = pick(it.frames[0]);
    const b = it.task.startsWith('distance_prediction_oc') ? null : pick(mv ? it.frames[1] : it.frames[0], mv ? [] : [a.p]);
    const T0 = log[it.frames[0]];
    // the blue point in the first camera's frame, through the log's camera-to-world poses
    const blue = b ? (mv ? redwoodToCamera0(b.cam, log[it.frames[1]], T0) : b.cam) : null;
    let truth: number, question: string;
    if (it.task === 'depth_prediction_oc') {
      truth = blue![2];
      question = `With the counter (red point) having a depth of ${r1(a.cam[2])} meters, determine the depth of towel (blue point) in the same frame.  ${SUFFIX}`;
    } else if (it.task === 'distance_prediction_oc') {
      truth = Math.hypot(...a.cam);
      question = `How far is the sofa (red point) from the camera? ${SUFFIX}`;
    } else if (it.task === 'depth_prediction_oo_mv') {
      truth = Math.abs(a.cam[2] - blue![2]);
      question = `What is the depth difference between the lamp (red point) in the first image and the chair (blue point) in the second image, measured from the first camera? ${SUFFIX}`;
    } else {
      truth = Math.hypot(a.cam[0] - blue![0], a.cam[1] - blue![1], a.cam[2] - blue![2]);
      question = `What is the distance between the cabinet (red point)${mv ? ' in the first image' : ''} and the table (blue point)${mv ? ' in the second image' : ''}? ${SUFFIX}`;
    }
    const answer = r1(it.wrong ? truth * (i % 2 ? 2.4 : 0.3) : truth);
    const id = `${scene}_${i}`;
    const rec: Record<string, unknown> = {
      id,
      conversations: [
        { from: 'human', value: question },
        { from: 'gpt', value: `It is about ${answer} meters.` },
      ],
      image: it.frames.map((n) => `${scene}/image_color/${n}.jpg`),
      type: it.task,
      depth: it.frames.map((n) => `${scene}/image_depth/${n}.png`),
      red_point: [a.p],
    };
    if (b) rec.blue_point = [b.p];
    if (mv) rec.point_img_idx = [[0, 1]];
    records.push(rec);
    items.push({ id, task: it.task, scene, truth, answer, wrong: it.wrong, measurable: scene === 'redwood_00' || !mv });
  }
  const jsonl = path.join(root, 'scannet', 'qa_jsonl', 'train', 'redwood', 'fill', 'redwood.jsonl');
  write(jsonl, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return { root, jsonl, items };
}
