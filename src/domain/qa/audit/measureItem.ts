// A published item measured again from its own RGB-D data: its marks found in the pixels, depth
// read at them, the item's quantity computed as the generator defines it and compared with the
// answer under the task's success rule. Pure: images and depth come in as typed arrays.
import { type FoundMark, type WantedMark, findMarks } from '../../image/findMarks';
import type { Intrinsics } from '../../geometry/camera';
import type { RgbaImage } from '../export/drawMarks';
import type { MarkColour, QAItem } from '../types';
import { parseSparNumber } from '../eval/scoring';
import type { Finding } from './findings';
import { applyRigid, cameraToFirst } from '../../geometry/rigid';
import { measureRelation } from './measureRelation';
import { RELATION_TASKS } from './relationTasks';
import { measureVolume } from './measureVolume';
import { pointUnderMark } from './markPoints';
import { type MarkCorrection, applyCorrections, markKey } from '../../review/markCorrections';

export interface DepthImage {
  width: number;
  height: number;
  /** Metres along the optical axis; 0 = no measurement. */
  data: Float32Array;
}

export interface ItemImage {
  rgba: RgbaImage;
  depth?: DepthImage;
  /** Intrinsics of the colour image (at the size they were given for; rescaled to `rgba` here). */
  K?: Intrinsics;
  /** Intrinsics of the depth image; the colour ones rescaled when absent. */
  Kdepth?: Intrinsics;
  /** Row-major 4×4 camera-to-world (metres). */
  pose?: number[];
}

/** A found mark as the audit report gives it (the item's image pixels, pixel-centre convention). */
export interface MarkFoundReport {
  color: MarkColour;
  kind: 'point' | 'box';
  uv?: [number, number];
  box?: [number, number, number, number];
  image: number;
  confidence: number;
  /** Placed or moved by the reviewer (absent: found in the pixels). */
  source?: 'reviewer';
}

export interface Measured {
  value: number | string;
  unit: string;
  method: string;
  /** One standard deviation, where the value is a number. */
  uncertainty?: number;
}

export interface PixelAudit {
  marks_found: MarkFoundReport[];
  measured?: Measured;
  /** The item's answer as compared (a number in the unit of `measured`, or a colour). */
  answer?: number | string;
  /** "answer 2.3 m · measured 2.28 m ± 0.05 (depth at the red point)". */
  display?: string;
  /** True when the answer disagrees with the measurement under the task's rule. */
  mismatch?: boolean;
  findings: Finding[];
  /** Marks found in the pixels that the reviewer's corrections replaced (absent when none). */
  replaced?: MarkFoundReport[];
}

const COLOURS: readonly MarkColour[] = ['red', 'blue', 'green', 'yellow'];

/** The marks an item's question names ("the towel (red point)", "(blue box)"), in question order. */
export function marksNamed(question: string): WantedMark[] {
  const out: WantedMark[] = [];
  const re = /\b(red|blue|green|yellow)\s+(point|dot|box|bbox|bounding box)\b/gi;
  for (let m = re.exec(question); m; m = re.exec(question)) {
    const color = m[1].toLowerCase() as MarkColour;
    const kind = /point|dot/i.test(m[2]) ? 'point' : 'box';
    if (!out.some((w) => w.color === color && w.kind === kind)) out.push({ color, kind });
  }
  return out;
}

const STOP_WORDS = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'to', 'from', 'with', 'is', 'are', 'between', 'which', 'than', 'that', 'at', 'in', 'on', 'by', 'for', 'given', 'while']);

/** The object name the question gives each colour ("the towel (red point)" → towel). */
export function namesByColour(question: string): Map<MarkColour, string> {
  const out = new Map<MarkColour, string>();
  const re = /(?:the\s+)?([A-Za-z][\w' -]{0,40}?)\s*\(\s*(red|blue|green|yellow)\s+(?:point|dot|box|bbox|bounding box)\s*\)/gi;
  for (let m = re.exec(question); m; m = re.exec(question)) {
    const c = m[2].toLowerCase() as MarkColour;
    const words = m[1].trim().split(/\s+/);
    // "… the depth of towel (red point)": the noun phrase right before the mark, after the last small word
    let cut = -1;
    words.forEach((w, i) => {
      if (STOP_WORDS.has(w.toLowerCase())) cut = i;
    });
    const name = words.slice(Math.max(cut + 1, words.length - 3)).join(' ').toLowerCase();
    if (name && !out.has(c)) out.set(c, name);
  }
  return out;
}

/** Intrinsics given for another size of the same image, rescaled (a principal point off centre by > 10 % means another size). */
export function fitIntrinsics(K: Intrinsics, width: number, height: number): Intrinsics {
  const sx = width / (2 * K.cx + 1),
    sy = height / (2 * K.cy + 1);
  if (Math.abs(sx - 1) < 0.1 && Math.abs(sy - 1) < 0.1) return K;
  return { fx: K.fx * sx, fy: K.fy * sy, cx: (K.cx + 0.5) * sx - 0.5, cy: (K.cy + 0.5) * sy - 0.5 };
}

export interface DepthSample {
  /** Median depth (m) of the valid, smooth pixels in the window. */
  z: number;
  /** Robust spread (1.4826 · MAD, m). */
  sigma: number;
  /** Pixels used. */
  n: number;
}

/** A depth jump larger than this share of the depth is an object edge, where a window mixes two surfaces. */
const EDGE_JUMP = 0.05;

/**
 * The depth at depth-image pixel (u, v): the median of a (2r+1)² window, skipping pixels with no
 * measurement and pixels at a depth edge (a 4-neighbour differs by more than 5 %). Null when fewer
 * than a quarter of the window is usable.
 */
export function depthAt(d: DepthImage, u: number, v: number, r: number): DepthSample | null {
  const cu = Math.round(u),
    cv = Math.round(v);
  const vals: number[] = [];
  let total = 0;
  for (let y = cv - r; y <= cv + r; y++) {
    for (let x = cu - r; x <= cu + r; x++) {
      total++;
      if (x < 0 || y < 0 || x >= d.width || y >= d.height) continue;
      const z = d.data[y * d.width + x];
      if (!(z > 0)) continue;
      let edge = false;
      for (const [dx, dy] of [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ]) {
        const xx = x + dx,
          yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= d.width || yy >= d.height) continue;
        const n = d.data[yy * d.width + xx];
        if (!(n > 0) || Math.abs(n - z) > EDGE_JUMP * z) {
          edge = true;
          break;
        }
      }
      if (!edge) vals.push(z);
    }
  }
  if (vals.length < Math.max(3, total / 4)) return null;
  vals.sort((a, b) => a - b);
  const z = vals[vals.length >> 1];
  const dev = vals.map((x) => Math.abs(x - z)).sort((a, b) => a - b);
  return { z, sigma: 1.4826 * dev[dev.length >> 1], n: vals.length };
}

type Vec3 = [number, number, number];

interface MarkPoint {
  colour: MarkColour;
  image: number;
  /** Camera coordinates of its own image (OpenCV axes, metres). */
  cam: Vec3;
  sigma: number;
}

/** A camera point in the frame of image 0's camera, through the poses (identity for image 0). */
export function toFirstCamera(p: Vec3, pose: number[] | undefined, pose0: number[] | undefined): Vec3 | null {
  if (!pose || !pose0) return null;
  return applyRigid(cameraToFirst(pose, pose0), p);
}

const norm3 = (a: Vec3) => Math.hypot(a[0], a[1], a[2]);
const sub3 = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/** The SPAR tasks measured here (their `_mv` variants too), by what the answer is. */
const NUMERIC = new Set(['depth_prediction_oc', 'depth_prediction_oo', 'distance_prediction_oc', 'distance_prediction_oo']);
const CHOICE = new Set(['distance_infer_center_oo']);
export const MEASURED_TASKS: readonly string[] = [...NUMERIC, ...CHOICE, ...RELATION_TASKS, 'spatial_volume_infer'];

/** Relative error beyond which SPAR's MRA gives no credit at all (its loosest band is 50 %). */
export const NO_CREDIT = 0.5;
/** Beyond this the answer loses at least half of MRA's bands: worth a look, not proof. */
export const HALF_CREDIT = 0.25;

/**
 * How far `answer` is from the measurement, relatively, at the measurement's most favourable
 * point within two standard deviations (the measurement's own noise is not held against the item).
 */
export function relativeGap(answer: number, measured: number, sigma: number): number {
  const lo = Math.max(1e-6, measured - 2 * sigma),
    hi = measured + 2 * sigma;
  const m = Math.min(hi, Math.max(lo, answer));
  return Math.abs(answer - m) / m;
}

/** Finds the named marks in every image and reports them; a colour on several images is ambiguous. */
function locateMarks(item: QAItem, images: readonly ItemImage[], wanted: readonly WantedMark[], corrected: ReadonlySet<string> = new Set()): { found: (FoundMark & { image: number })[]; findings: Finding[] } {
  const found: (FoundMark & { image: number })[] = [];
  for (const [k, im] of images.entries()) for (const f of findMarks(im.rgba, wanted).found) found.push({ ...f, image: k });
  const findings: Finding[] = [];
  for (const w of wanted) {
    if (corrected.has(markKey(w))) continue;
    const hits = found.filter((f) => f.color === w.color && f.kind === w.kind);
    const noun = w.kind === 'point' ? 'point' : 'box';
    if (!hits.length)
      findings.push({ code: 'mark-not-found', severity: 'warn', message: `the question names a ${w.color} ${noun}, but none was found in the image${images.length > 1 ? 's' : ''}` });
    else if (hits.length > 1)
      findings.push({
        code: 'mark-ambiguous',
        severity: 'warn',
        message: `the question names one ${w.color} ${noun}, but ${hits.length} were found (${hits.map((h) => `image ${h.image + 1} at ${h.uv ? h.uv.map((x) => Math.round(x)).join(', ') : h.box!.map((x) => Math.round(x)).join(', ')}`).join('; ')}); not measured`,
      });
  }
  void item;
  return { found, findings };
}

/**
 * Marks found, the quantity measured and compared. Items of other tasks, or without depth and
 * intrinsics, get their marks found only.
 */
export function measureItem(item: QAItem, images: readonly ItemImage[], corrections: readonly MarkCorrection[] = []): PixelAudit {
  const wanted = marksNamed(item.question);
  // SPAR-7M records give their marks as coordinates on unmarked photos (drawn at training time):
  // those are used as they are, and nothing is looked for in the pixels
  const given = item.spatial_lens.marks ?? [];
  const sizes = images.map((im) => ({ width: im.rgba.width, height: im.rgba.height }));
  const fixed = applyCorrections([], corrections, sizes);
  const corrected = new Set(fixed.marks.map(markKey));
  const located = given.length
    ? { found: given.map((m): FoundMark & { image: number } => ({ color: m.color, kind: m.kind, ...(m.uv ? { uv: m.uv } : {}), ...(m.box ? { box: m.box } : {}), radius: 20, confidence: 1, image: m.image ?? 0 })), findings: [] as Finding[] }
    : locateMarks(item, images, wanted, corrected);
  const findings = located.findings;
  for (const r of fixed.refused) findings.push({ code: 'mark-correction-refused', severity: 'warn', message: r });
  // the reviewer's marks stand in for every candidate of their colour and kind
  const replacedMarks = located.found.filter((f) => corrected.has(markKey(f)));
  const found: (FoundMark & { image: number; source?: 'reviewer' })[] = [
    ...located.found.filter((f) => !corrected.has(markKey(f))),
    ...fixed.marks.map((c) => ({ ...c, radius: located.found.find((f) => markKey(f) === markKey(c))?.radius ?? 20, confidence: 1 })),
  ];
  const report = (f: FoundMark & { image: number; source?: 'reviewer' }): MarkFoundReport => ({
    color: f.color,
    kind: f.kind,
    ...(f.uv ? { uv: [round(f.uv[0]), round(f.uv[1])] as [number, number] } : {}),
    ...(f.box ? { box: f.box.map((x) => round(x)) as [number, number, number, number] } : {}),
    image: f.image,
    confidence: f.confidence,
    ...(f.source ? { source: f.source } : {}),
  });
  const marks_found: MarkFoundReport[] = (given.length ? found.filter((f) => f.source) : found).map(report);
  const out: PixelAudit = { marks_found, findings };
  if (!given.length && replacedMarks.length) out.replaced = replacedMarks.map(report);
  // "(depth at the red point, placed by reviewer)": the line says which of its marks are the reviewer's
  const byReviewer = (used: readonly MarkColour[]) => {
    const mine = used.filter((c) => fixed.marks.some((m) => m.color === c && m.kind === 'point'));
    if (!mine.length) return '';
    return mine.length === used.length && used.length === 1 ? ', placed by reviewer' : `, ${mine.join(' and ')} placed by reviewer`;
  };
  const base = item.task.replace(/_mv$/, '');
  const multiView = item.task.endsWith('_mv');
  if (RELATION_TASKS.includes(base)) return measureRelation(item, images, found, out), out;
  if (base === 'spatial_volume_infer') return measureVolume(item, images, found, out), out;
  if (!NUMERIC.has(base) && !CHOICE.has(base)) return out;
  // One point per named colour, in 3D
  const points = new Map<MarkColour, MarkPoint>();
  for (const w of wanted) {
    if (w.kind !== 'point') continue;
    const hits = found.filter((f) => f.color === w.color && f.kind === 'point');
    if (hits.length !== 1) return out;
    const f = hits[0];
    const im = images[f.image];
    if (!im.depth || !im.K) {
      findings.push({ code: 'not-measured', severity: 'info', message: `image ${f.image + 1} has no ${im.depth ? 'intrinsics' : 'depth'}, so the ${w.color} point is not measured` });
      return out;
    }
    const [u, v] = f.uv!;
    const s = pointUnderMark(im.rgba, im.depth, im.K, im.Kdepth, [u, v], f.radius ?? 20);
    if (!s) {
      findings.push({ code: 'not-measured', severity: 'info', message: `no usable depth at the ${w.color} point (image ${f.image + 1}, pixel ${Math.round(u)}, ${Math.round(v)})` });
      return out;
    }
    let cam: Vec3 = s.cam;
    if (f.image !== 0) {
      const c0 = toFirstCamera(cam, im.pose, images[0]?.pose);
      if (!c0) {
        findings.push({ code: 'not-measured', severity: 'info', message: `the ${w.color} point is on image ${f.image + 1}, and the images have no poses to relate it to image 1` });
        return out;
      }
      cam = c0;
    }
    points.set(w.color, { colour: w.color, image: f.image, cam, sigma: Math.max(0.01, s.sigma) });
  }
  const P = (c: MarkColour) => points.get(c);
  const red = P('red'),
    blue = P('blue'),
    green = P('green');
  const frame = multiView ? ' (in the first camera)' : '';
  if (NUMERIC.has(base)) {
    let value: number, sigma: number, method: string;
    if (base === 'depth_prediction_oc' && red && blue) {
      [value, sigma, method] = [blue.cam[2], blue.sigma, `depth at the blue point${frame}${byReviewer(['blue'])}`];
      // The question states the reference's depth: that is data too
      const given = /(\d+(?:\.\d+)?)\s*(?:m\b|meters?|metres?)/i.exec(item.question);
      if (given) {
        const g = Number(given[1]);
        if (relativeGap(g, red.cam[2], red.sigma) > NO_CREDIT)
          findings.push({ code: 'measured-mismatch', severity: 'error', message: `the question gives the red point a depth of ${g} m; measured ${fmt(red.cam[2])} m ± ${fmt(2 * red.sigma)}` });
      }
    } else if (base === 'depth_prediction_oo' && red && blue) {
      [value, sigma, method] = [Math.abs(red.cam[2] - blue.cam[2]), Math.hypot(red.sigma, blue.sigma), `depth difference of the red and blue points${frame}${byReviewer(['red', 'blue'])}`];
    } else if (base === 'distance_prediction_oc' && red) {
      [value, sigma, method] = [norm3(red.cam), red.sigma, `distance from the camera to the red point${frame}${byReviewer(['red'])}`];
    } else if (base === 'distance_prediction_oo' && red && blue) {
      [value, sigma, method] = [norm3(sub3(red.cam, blue.cam)), Math.hypot(red.sigma, blue.sigma), `distance between the red and blue points${byReviewer(['red', 'blue'])}`];
    } else return out;
    out.measured = { value: round(value, 3), unit: 'm', method, uncertainty: round(sigma, 3) };
    const answer = parseSparNumber(item.answer, multiView);
    if (answer === null) {
      findings.push({ code: 'answer-unreadable', severity: 'warn', message: `the answer "${item.answer}" holds no number to compare with the measured ${fmt(value)} m` });
      return out;
    }
    out.answer = answer;
    const gap = relativeGap(answer, value, sigma);
    const text = `answer ${answer} m · measured ${fmt(value)} m ± ${fmt(2 * sigma)} (${method})`;
    out.display = text;
    if (gap > NO_CREDIT) {
      out.mismatch = true;
      findings.push({ code: 'measured-mismatch', severity: 'error', message: `${text}: ${Math.round(gap * 100)} % off, beyond every MRA band` });
    } else if (gap > HALF_CREDIT) findings.push({ code: 'measured-differs', severity: 'warn', message: `${text}: ${Math.round(gap * 100)} % off, outside half of the MRA bands` });
    else findings.push({ code: 'measured-agrees', severity: 'info', message: text });
    return out;
  }
  // distance_infer_center_oo: which of blue and green is closer to (or farther from) red
  if (!red || !blue || !green) return out;
  const farther = /\b(farther|further|more distant|greater distance|longer)\b/i.test(item.question);
  const dB = norm3(sub3(red.cam, blue.cam)),
    dC = norm3(sub3(red.cam, green.cam));
  const sigma = Math.hypot(red.sigma, blue.sigma, green.sigma);
  const winner: MarkColour = (farther ? dB > dC : dB < dC) ? 'blue' : 'green';
  const names = namesByColour(item.question);
  const method = `distances red–blue ${fmt(dB)} m, red–green ${fmt(dC)} m${frame}${byReviewer(['red', 'blue', 'green'])}`;
  out.measured = { value: names.get(winner) ?? winner, unit: 'object', method };
  const ans = answerColour(item, names);
  out.answer = ans ?? item.answer;
  const text = `answer ${ans ? `${names.get(ans) ?? ans} (${ans})` : `"${item.answer}"`} · measured ${names.get(winner) ?? winner} (${winner}) ${farther ? 'farther' : 'closer'}: ${method}`;
  out.display = text;
  if (Math.abs(dB - dC) < 2 * sigma + 0.05) findings.push({ code: 'measured-undecided', severity: 'info', message: `${text}; too close to call` });
  else if (!ans) findings.push({ code: 'answer-unreadable', severity: 'warn', message: `the answer "${item.answer}" names neither the blue nor the green object (${text})` });
  else if (ans !== winner) {
    out.mismatch = true;
    findings.push({ code: 'measured-mismatch', severity: 'error', message: text });
  } else findings.push({ code: 'measured-agrees', severity: 'info', message: text });
  return out;
}

/** The colour an answer names: an option letter, the object's name, or the colour itself. */
function answerColour(item: QAItem, names: Map<MarkColour, string>): MarkColour | null {
  let text = item.answer.trim().toLowerCase();
  const options = item.spatial_lens.options;
  const letter = /^\(?([a-d])\)?[.):]?$/i.exec(text);
  if (letter && options) {
    const o = options[letter[1].toLowerCase().charCodeAt(0) - 97];
    if (o) text = o.replace(/^[A-D][.)]\s*/i, '').toLowerCase();
  }
  for (const c of COLOURS) if (new RegExp(`\\b${c}\\b`).test(text)) return c;
  let best: MarkColour | null = null;
  for (const [c, n] of names) if (n && (text === n || text.includes(n))) best = best ? null : c;
  return best;
}
