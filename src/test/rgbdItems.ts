// Synthetic SPAR-Bench-RGBD items made from the real RGB-D frames in ../shared/data (NYU, Open3D
// redwood with its poses): marks drawn by the project's SPAR drawer, JPEG-compressed, and answers
// computed here from the raw depth at the drawn pixel — some deliberately wrong. Node only.
import fs from 'node:fs';
import sharp from 'sharp';
import { decodeDepthPng } from '../domain/formats/depthPng';
import { mulberry32 } from '../domain/geometry/random';
import { drawMarks, type RgbaImage } from '../domain/qa/export/drawMarks';
import type { Mark, MarkColour } from '../domain/qa/types';
import { SHARED_DATA, SPAR_STYLE, readRgba, readRgbaBuffer } from './markedPhotos';

export interface RgbdFrame {
  name: string;
  rgba: RgbaImage;
  /** Metres, 0 = none. */
  depth: { width: number; height: number; data: Float32Array };
  /** Colour intrinsics, pixels of `rgba`. */
  K: { fx: number; fy: number; cx: number; cy: number };
  Kdepth: { fx: number; fy: number; cx: number; cy: number };
  /** Row-major camera-to-world, or undefined. */
  pose?: number[];
}

function odometry(): number[][] {
  const nums = fs
    .readFileSync(`${SHARED_DATA}/open3d_redwood/odometry.log`, 'utf8')
    .trim()
    .split('\n')
    .filter((_, i) => i % 5 !== 0)
    .map((l) => l.trim().split(/\s+/).map(Number));
  const out: number[][] = [];
  for (let i = 0; i + 4 <= nums.length; i += 4) out.push(nums.slice(i, i + 4).flat());
  // Redwood's world is a camera's (y down); SPAR's ScanNet world has z up, which the relation
  // tasks level by: turned so, (x, y, z) → (x, z, −y). Relative poses are unchanged.
  return out.map((T) => [...T.slice(0, 4), ...T.slice(8, 12), ...T.slice(4, 8).map((x) => -x), ...T.slice(12)]);
}

/** The five RGB-D frames; Open3D 00003 is upscaled 2× (depth kept at 640×480) like ScanNet's colour/depth pair. */
export async function rgbdFrames(): Promise<RgbdFrame[]> {
  const depth = (f: string) => decodeDepthPng(new Uint8Array(fs.readFileSync(`${SHARED_DATA}/${f}`)), 1000);
  const NYU = { fx: 518.8579, fy: 519.46961, cx: 325.58245, cy: 253.73617 };
  const O3D = { fx: 525, fy: 525, cx: 319.5, cy: 239.5 };
  const poses = odometry();
  const frames: RgbdFrame[] = [];
  for (const n of ['00000', '00050']) {
    const d = depth(`nyu/depth/sync_depth_${n}.png`);
    frames.push({ name: `nyu ${n}`, rgba: await readRgba(`nyu/rgb/rgb_${n}.jpg`), depth: d, K: NYU, Kdepth: NYU });
  }
  for (const n of [0, 3, 4]) {
    const f = String(n).padStart(5, '0');
    const d = depth(`open3d_redwood/depth/${f}.png`);
    let rgba = await readRgba(`open3d_redwood/color/${f}.jpg`);
    let K = O3D;
    if (n === 3) {
      const big = await sharp(`${SHARED_DATA}/open3d_redwood/color/${f}.jpg`).resize(1280, 960).png().toBuffer();
      rgba = await readRgbaBuffer(big);
      K = { fx: 1050, fy: 1050, cx: 639.5, cy: 479.5 };
    }
    frames.push({ name: `open3d ${f}`, rgba, depth: d, K, Kdepth: O3D, pose: poses[n] });
  }
  return frames;
}

export interface RgbdItem {
  id: number;
  task: string;
  question: string;
  answer: string;
  format: 'fill' | 'select';
  /** Indices into the frames. */
  frames: number[];
  /** The images with marks drawn, JPEG-compressed. */
  images: RgbaImage[];
  jpegs: Uint8Array[];
  marks: Mark[];
  /** The quantity from the raw depth at the drawn pixels (metres), or the right colour. */
  truth: number | MarkColour;
  wrong: boolean;
}

/** Camera point of colour pixel (u, v) from the raw depth at the matching depth pixel (no window). */
function rawPoint(f: RgbdFrame, u: number, v: number): [number, number, number] | null {
  const xn = (u - f.K.cx) / f.K.fx,
    yn = (v - f.K.cy) / f.K.fy;
  const ud = Math.round(xn * f.Kdepth.fx + f.Kdepth.cx),
    vd = Math.round(yn * f.Kdepth.fy + f.Kdepth.cy);
  if (ud < 0 || vd < 0 || ud >= f.depth.width || vd >= f.depth.height) return null;
  // a flat, measured neighbourhood: a mark SPAR would put on an object's face, not on its edge
  const z = f.depth.data[vd * f.depth.width + ud];
  if (!(z > 0)) return null;
  for (let dy = -6; dy <= 6; dy++)
    for (let dx = -6; dx <= 6; dx++) {
      const x = ud + dx,
        y = vd + dy;
      if (x < 0 || y < 0 || x >= f.depth.width || y >= f.depth.height) return null;
      const n = f.depth.data[y * f.depth.width + x];
      if (!(n > 0) || Math.abs(n - z) > 0.03 * z) return null;
    }
  return [xn * z, yn * z, z];
}

const toWorld = (p: number[], T: number[]) => [0, 1, 2].map((i) => T[i * 4] * p[0] + T[i * 4 + 1] * p[1] + T[i * 4 + 2] * p[2] + T[i * 4 + 3]);
function toCam0(p: number[], T: number[], T0: number[]) {
  const w = toWorld(p, T);
  const d = [w[0] - T0[3], w[1] - T0[7], w[2] - T0[11]];
  return [0, 1, 2].map((i) => T0[i] * d[0] + T0[4 + i] * d[1] + T0[8 + i] * d[2]);
}
const dist = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const r1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1);

const NAMES = ['cabinet', 'chair', 'table', 'lamp', 'sofa', 'box', 'shelf', 'door'];
const SUFFIX = 'Calculate or judge based on the 3D center points of these objects.';

/**
 * `count` items over the real frames, cycling through the measured tasks (and `_mv` variants on
 * the posed Open3D frames); every `wrongEvery`-th item gets a wrong answer (more than 70 % off, or
 * the other object).
 */
export async function rgbdItems(count: number, seed = 1, wrongEvery = 3): Promise<{ frames: RgbdFrame[]; items: RgbdItem[] }> {
  const frames = await rgbdFrames();
  const rand = mulberry32(seed);
  const tasks = ['depth_prediction_oc', 'depth_prediction_oo', 'distance_prediction_oc', 'distance_prediction_oo', 'distance_infer_center_oo', 'distance_prediction_oo_mv', 'depth_prediction_oc_mv'];
  const items: RgbdItem[] = [];
  for (let id = 0, tries = 0; items.length < count && tries < count * 200; tries++) {
    const task = tasks[id % tasks.length];
    const mv = task.endsWith('_mv');
    const colours: MarkColour[] = task.startsWith('distance_prediction_oc') ? ['red'] : task.startsWith('distance_infer') ? ['red', 'blue', 'green'] : ['red', 'blue'];
    const fi = mv ? [2, 4] : [Math.floor(rand() * frames.length)];
    const marks: Mark[] = [];
    const pts: number[][] = [];
    let ok = true;
    for (const [k, c] of colours.entries()) {
      const im = mv ? k % 2 : 0;
      const f = frames[fi[im]];
      let placed = false;
      for (let t = 0; t < 80 && !placed; t++) {
        const uv: [number, number] = [30 + rand() * (f.rgba.width - 60), 30 + rand() * (f.rgba.height - 60)];
        if (marks.some((m) => (m.image ?? 0) === im && Math.hypot(m.uv![0] - uv[0], m.uv![1] - uv[1]) < 70)) continue;
        // the drawer puts the disc on the nearest pixel: the truth is read there
        const p = rawPoint(f, Math.floor(uv[0] + 0.5), Math.floor(uv[1] + 0.5));
        if (!p) continue;
        marks.push({ kind: 'point', color: c, uv, ...(mv ? { image: im } : {}) });
        pts.push(mv && im === 1 ? toCam0(p, f.pose!, frames[fi[0]].pose!) : p);
        placed = true;
      }
      if (!placed) ok = false;
    }
    if (!ok) continue;
    const names = NAMES.slice().sort(() => rand() - 0.5);
    const ref = (k: number) => `${names[k]} (${colours[k]} point)`;
    const wrong = (id + 1) % wrongEvery === 0;
    const off = rand() < 0.5 ? 0.25 + 0.15 * rand() : 1.8 + rand();
    let question: string, truth: number | MarkColour, answer: string;
    const base = task.replace(/_mv$/, '');
    if (base === 'depth_prediction_oc') {
      truth = pts[1][2];
      question = `The ${ref(0)} is at a depth of ${r1(pts[0][2])} meters. Estimate the depth of the ${ref(1)}. ${SUFFIX}`;
    } else if (base === 'depth_prediction_oo') {
      truth = Math.abs(pts[0][2] - pts[1][2]);
      if (truth < 0.6) continue;
      question = `What is the depth difference between the ${ref(0)} and the ${ref(1)}? ${SUFFIX}`;
    } else if (base === 'distance_prediction_oc') {
      truth = Math.hypot(pts[0][0], pts[0][1], pts[0][2]);
      question = `How far is the ${ref(0)} from the camera? ${SUFFIX}`;
    } else if (base === 'distance_prediction_oo') {
      truth = dist(pts[0], pts[1]);
      if (truth < 0.6) continue;
      question = `What is the distance between the ${ref(0)} and the ${ref(1)}? ${SUFFIX}`;
    } else {
      const dB = dist(pts[0], pts[1]),
        dC = dist(pts[0], pts[2]);
      if (Math.abs(dB - dC) < Math.max(0.3, 0.15 * Math.max(dB, dC))) continue;
      truth = dB < dC ? 'blue' : 'green';
      question = `Which is closer to the ${ref(0)}: the ${ref(1)} or the ${ref(2)}? ${SUFFIX} Answer with the name of one object only.`;
    }
    if (typeof truth === 'number') answer = r1(wrong ? truth * off : truth);
    else answer = names[(wrong ? truth === 'blue' : truth === 'green') ? 2 : 1];
    const { images, jpegs } = await drawnPhotos(frames, fi, marks, () => 75 + Math.floor(rand() * 21));
    items.push({ id, task, question, answer, format: 'fill', frames: fi, images, jpegs, marks, truth, wrong });
    id++;
  }
  return { frames, items };
}

/** The item's photos with its marks drawn at SPAR's settings, JPEG-compressed at `quality()` (asked once per photo, in order). */
export async function drawnPhotos(frames: readonly RgbdFrame[], frameIndices: readonly number[], marks: readonly Mark[], quality: () => number): Promise<{ images: RgbaImage[]; jpegs: Uint8Array[] }> {
  const images: RgbaImage[] = [],
    jpegs: Uint8Array[] = [];
  for (const [im, k] of frameIndices.entries()) {
    const f = frames[k];
    const drawn = drawMarks({ ...f.rgba, data: new Uint8Array(f.rgba.data) }, marks.filter((m) => (m.image ?? 0) === im), SPAR_STYLE);
    const jpg = await sharp(Buffer.from(drawn.data), { raw: { width: drawn.width, height: drawn.height, channels: 4 } })
      .jpeg({ quality: quality() })
      .toBuffer();
    jpegs.push(new Uint8Array(jpg));
    images.push(await readRgbaBuffer(jpg));
  }
  return { images, jpegs };
}
