// The HiSpatial hierarchy (HiSpatial §3.1–3.2): L0 geometry of pixels, L1 single objects, L2
// relations between objects, L3 reasoning from other viewpoints and counting under a relation.
// Objects are named by label, a spatial reference or a highlighted box (see references.ts).
// Quantities use SpatialRGPT's rule: a wrong option or a false claim is more than 25 % off. Wrong
// options and false claims are other tuples' answers wherever the answer space is shared (drafts.ts).
import { type Vec3, dot, norm, sub } from '../../../geometry/linalg';
import type { QAObject } from '../context';
import { type Common, type Quantity, type QuantityUnit, choiceDraft, quantityDraft, singleUnit } from '../drafts';
import { countDistractors, fixed } from '../../numbers';
import { drawPixel, pointAt } from '../pixels';
import type { References, SpatialKind } from '../references';
import { type Viewpoint, facingViewpoint, inView, objectViewpoint, tooCloseToTell, RELATION_THRESHOLD } from '../../relations';
import { type Made, type MakeInput, type TaskDef, cap, pick } from '../task';
import type { Mark } from '../../types';
import { m2, overlapping, plural, refsFor, storedChoices } from './common';

/** SpatialRGPT's success rule for quantities. */
const HS_THRESHOLD = 0.25;
/** Directions within this angle count as right; wrong ones lie beyond `DIRECTION_WRONG`. */
export const DIRECTION_THRESHOLD_DEG = 30;
const DIRECTION_WRONG_DEG = 45;
/** A qualitative relation needs an offset this clear of the indistinguishable band. */
const CLEAR = RELATION_THRESHOLD + 0.05;

const CAMERA_AXES = 'x points right, y down and z forward from the camera, in meters';
const HS_FORMATS = ['fill', 'select', 'sentence', 'judge'] as const;

const round3 = (v: Vec3) => v.map((x) => Math.round(x * 1000) / 1000) as Vec3;
const vecText = (v: Vec3, d = 2) => `(${v.map((x) => fixed(x, d)).join(', ')})`;
const deg = (r: number) => (r * 180) / Math.PI;
const angleBetween = (a: Vec3, b: Vec3) => deg(Math.acos(Math.max(-1, Math.min(1, dot(a, b) / (norm(a) * norm(b))))));

const METRES_2: QuantityUnit = { unit: 'm', words: 'meters', symbol: 'm', factor: 1, show: m2 };
const CENTIMETRES: QuantityUnit = { unit: 'cm', words: 'centimeters', symbol: 'cm', factor: 100, show: (v) => fixed(v, 0) };
const metresQ = (value: number): Quantity => singleUnit(value, HS_THRESHOLD, METRES_2);
/** Lengths under a metre in whole centimetres, longer ones in metres. */
const lengthQ = (metres: number): Quantity => ({ value: metres, threshold: HS_THRESHOLD, units: [CENTIMETRES, METRES_2], unitFor: (v) => (v < 1 ? CENTIMETRES : METRES_2) });

const parseVecText = (s: string) => s.slice(1, -1).split(', ').map(Number) as Vec3;
/**
 * Two printed points each clearly wrong for the other: apart by more than 25 % of the longer one
 * (and a centimetre more, for the rounding of the printed coordinates).
 */
const pointsApart = (a: string, b: string) => {
  const p = parseVecText(a), q = parseVecText(b);
  return norm(sub(p, q)) > HS_THRESHOLD * Math.max(norm(p), norm(q)) + 0.01;
};
/** Two printed unit directions each clearly wrong for the other (a degree of slack for rounding). */
const directionsApart = (a: string, b: string) => angleBetween(parseVecText(a), parseVecText(b)) > DIRECTION_WRONG_DEG + 1;

function refs(input: MakeInput, avoid: readonly SpatialKind[] = []): References | string {
  return refsFor(input, 'hispatial', avoid);
}
const BY_DISTANCE: SpatialKind[] = ['closest', 'farthest', 'second-closest'];
const BY_SIZE: SpatialKind[] = ['largest', 'smallest'];
const common = (r: References, evidence: Record<string, unknown>, marks: Mark[] = r.marks): Common => ({ evidence, marks, chosen: { refs: r.kinds } });

/** Wrong 3D points: the answer scaled in depth and shifted sideways, each clearly off and apart. */
function pointDistractors(p: Vec3, rand: () => number): string[] | null {
  const r = norm(p);
  const shown = vecText(p);
  const out: Vec3[] = [];
  for (let t = 0; t < 200 && out.length < 3; t++) {
    const s = rand() < 0.5 ? 0.45 + rand() * 0.25 : 1.4 + rand() * 0.8;
    const c: Vec3 = [p[0] * (0.5 + rand()) + (rand() - 0.5) * 0.4 * r, p[1] * (0.5 + rand()) + (rand() - 0.5) * 0.3 * r, p[2] * s];
    const cs = vecText(c);
    const cv = cs.slice(1, -1).split(', ').map(Number) as Vec3;
    if (cs === shown || !(cv[2] > 0)) continue;
    if (norm(sub(cv, p)) <= HS_THRESHOLD * r) continue;
    if (out.some((o) => norm(sub(o, cv)) <= 0.15 * r)) continue;
    out.push(cv);
  }
  return out.length === 3 ? out.map((v) => vecText(v)) : null;
}

/** Wrong unit directions: more than 45° from the answer and 30° from each other. */
function directionDistractors(u: Vec3, rand: () => number): string[] | null {
  const out: Vec3[] = [];
  for (let t = 0; t < 300 && out.length < 3; t++) {
    const z = 2 * rand() - 1, phi = 2 * Math.PI * rand(), s = Math.sqrt(1 - z * z);
    const c: Vec3 = [s * Math.cos(phi), s * Math.sin(phi), z];
    const shown = vecText(c).slice(1, -1).split(', ').map(Number) as Vec3;
    if (angleBetween(shown, u) <= DIRECTION_WRONG_DEG || angleBetween(c, u) > 150) continue;
    if (out.some((o) => angleBetween(o, shown) <= DIRECTION_THRESHOLD_DEG)) continue;
    out.push(shown);
  }
  return out.length === 3 ? out.map((v) => vecText(v)) : null;
}

/** A camera-frame point question (L0 pixel point, L1 object position). */
function pointQuestion(input: MakeInput, p: Vec3, what: string, stems: string[], evidence: Record<string, unknown>, c: Common): Made {
  const shown = vecText(p);
  const side = (x: number, pos: string, neg: string) => `${m2(Math.abs(x))} m ${x >= 0 ? pos : neg}`;
  const sentence = `${cap(what)} lies about ${m2(p[2])} m in front of the camera, ${side(p[0], 'to the right of', 'to the left of')} and ${side(p[1], 'below', 'above')} its optical axis: ${shown} in camera coordinates.`;
  if (input.format === 'judge')
    return quantityDraft(
      input,
      metresQ(p[2]),
      {
        stems: [],
        sentences: () => [],
        more: (t) => [`${cap(what)} is more than ${t} deep along the camera's viewing axis.`, `The depth of ${what} exceeds ${t}.`, `${cap(what)} lies farther than ${t} in front of the camera plane.`],
        less: (t) => [`${cap(what)} is less than ${t} deep along the camera's viewing axis.`, `The depth of ${what} is under ${t}.`, `${cap(what)} lies closer than ${t} to the camera plane.`],
      },
      { ...c, evidence: { ...evidence, point: round3(p) } },
    );
  const made = choiceDraft(
    input,
    {
      stem: `${pick(stems, input.p.phrasing)} (${CAMERA_AXES}.)`,
      fill: 'Answer as (x, y, z) with two decimals.',
      correct: shown,
      // other pixels' or objects' points; fixed offsets from the answer only when recomputing
      wrong: () => pointDistractors(p, input.rand) ?? [],
      siblings: { apart: pointsApart },
      sentence,
      statement: (x) => `${cap(what)} is at ${x}.`,
      value: round3(p),
    },
    { ...c, evidence: { ...evidence, point: round3(p) } },
  );
  // the judge form is about the depth: a sibling's depth is what its claims are placed against
  return typeof made === 'string' ? made : { ...made, quantity: p[2] };
}

function pixelPoint(input: MakeInput): Made {
  const { ctx, p } = input;
  let pixel = p.pixels?.[0];
  let cam: Vec3 | null;
  if (pixel) cam = pointAt(ctx, pixel);
  else {
    const drawn = drawPixel(ctx, storedChoices(p));
    if (!drawn) return 'no pixel on a smooth surface was found';
    pixel = drawn.pixel;
    cam = drawn.cam;
  }
  if (!cam) return `no point is seen at pixel (${pixel[0]}, ${pixel[1]}) any more`;
  const [u, v] = pixel;
  const marks: Mark[] = [{ kind: 'point', color: 'red', uv: [u, v] }];
  return pointQuestion(
    input,
    cam,
    `the point at pixel (${u}, ${v})`,
    [
      `What are the 3D coordinates, in the camera frame, of the point seen at pixel (${u}, ${v}), marked in red?`,
      `Estimate the metric 3D position of the surface point at pixel (${u}, ${v}) (the red point) in camera coordinates.`,
      `The red point marks pixel (${u}, ${v}). Where is that point in 3D relative to the camera?`,
    ],
    { pixel: [u, v], frame: 'camera (OpenCV)' },
    { evidence: {}, marks, chosen: { pixels: [[u, v]] } },
  );
}

function depthOrder(input: MakeInput): Made {
  const { ctx, p } = input;
  const got: { pixel: [number, number]; cam: Vec3 }[] = [];
  if (p.pixels?.length === 2) {
    for (const px of p.pixels) {
      const cam = pointAt(ctx, px);
      if (!cam) return `no point is seen at pixel (${px[0]}, ${px[1]}) any more`;
      got.push({ pixel: px, cam });
    }
  } else {
    const rand = storedChoices(p);
    for (let k = 0; k < 2; k++) {
      const d = drawPixel(ctx, rand);
      if (!d) return 'no pixel on a smooth surface was found';
      got.push(d);
    }
  }
  const [r, b] = got;
  const zr = r.cam[2], zb = b.cam[2];
  if (Math.abs(zr - zb) < Math.max(RELATION_THRESHOLD, 0.1 * Math.max(zr, zb))) return 'the two depths are too close to tell apart';
  if (zr < zb !== norm(r.cam) < norm(b.cam)) return 'depth and distance order disagree';
  const closer = p.variant !== 'farther';
  const redWins = closer ? zr < zb : zr > zb;
  const word = closer ? 'closer to' : 'farther from';
  const marks: Mark[] = [
    { kind: 'point', color: 'red', uv: r.pixel },
    { kind: 'point', color: 'blue', uv: b.pixel },
  ];
  const where = `the red point at pixel (${r.pixel[0]}, ${r.pixel[1]}) and the blue point at pixel (${b.pixel[0]}, ${b.pixel[1]})`;
  const stem = pick(
    [`Of ${where}, which is ${word} the camera in depth?`, `Two pixels are marked: ${where}. Which one shows a surface ${word} the camera?`, `Compare the depths of ${where}. Which is ${word} the camera?`],
    p.phrasing,
  );
  return choiceDraft(
    input,
    {
      stem,
      fill: 'Answer "the red point" or "the blue point".',
      correct: redWins ? 'the red point' : 'the blue point',
      wrong: [redWins ? 'the blue point' : 'the red point'],
      options: 2,
      sentence: `The red point is about ${m2(zr)} m deep and the blue point about ${m2(zb)} m, so the ${redWins ? 'red' : 'blue'} point is ${word} the camera.`,
      statement: (x) => `${cap(x)} is ${word} the camera than ${x === 'the red point' ? 'the blue point' : 'the red point'}.`,
    },
    { evidence: { depthRed: zr, depthBlue: zb, pixels: [r.pixel, b.pixel] }, marks, chosen: { pixels: [r.pixel, b.pixel] } },
  );
}

function position(input: MakeInput): Made {
  const [A] = input.objs;
  const r = refs(input);
  if (typeof r === 'string') return r;
  const a = r.texts[0];
  return pointQuestion(
    input,
    A.cam,
    `the center of ${a}`,
    [`What are the 3D coordinates of the center of ${a} in the camera frame?`, `Where is the center of ${a} relative to the camera, in 3D?`, `Give the camera-frame position of the center of ${a}.`],
    { frame: 'camera (OpenCV)' },
    common(r, {}),
  );
}

const SIZE_TEXT: Record<string, { stems: (a: string) => string[]; noun: string; adj: [string, string] }> = {
  height: { stems: (a) => [`How tall is ${a}?`, `What is the height of ${a}?`, `Estimate the vertical extent of ${a}.`], noun: 'height', adj: ['taller', 'shorter'] },
  length: {
    stems: (a) => [`How long is ${a} along its longer horizontal side?`, `What is the length of ${a}, measured along its longest horizontal side?`, `Estimate the length of ${a} (its longer horizontal extent).`],
    noun: 'length',
    adj: ['longer', 'shorter'],
  },
  width: {
    stems: (a) => [`How wide is ${a} across its shorter horizontal side?`, `What is the width of ${a}, measured along its shorter horizontal side?`, `Estimate the width of ${a} (its shorter horizontal extent).`],
    noun: 'width',
    adj: ['wider', 'narrower'],
  },
};

function size(input: MakeInput): Made {
  const [A] = input.objs;
  const which = (input.p.variant ?? 'height') as 'height' | 'length' | 'width';
  const r = refs(input, BY_SIZE);
  if (typeof r === 'string') return r;
  const a = r.texts[0];
  const t = SIZE_TEXT[which];
  const v = A.dims[which];
  return quantityDraft(
    input,
    lengthQ(v),
    {
      stems: t.stems(a),
      fill: (w) => [`Answer with a number in ${w}.`, `Give one number, in ${w}.`, `Reply with the measurement in ${w} only.`],
      sentences: (s) => [`${cap(a)} is about ${s} in ${t.noun}.`, `The ${t.noun} of ${a} is roughly ${s}.`, `${cap(a)} measures about ${s} in ${t.noun}.`],
      more: (s) => [`${cap(a)} is more than ${s} in ${t.noun}.`, `The ${t.noun} of ${a} exceeds ${s}.`, `${cap(a)} measures over ${s} in ${t.noun}.`],
      less: (s) => [`${cap(a)} is less than ${s} in ${t.noun}.`, `The ${t.noun} of ${a} is under ${s}.`, `${cap(a)} measures under ${s} in ${t.noun}.`],
    },
    common(r, { dims: A.dims, measured: which }),
  );
}

type Facing = 'toward the camera' | 'away from the camera' | 'to the left' | 'to the right';
const FACINGS: Facing[] = ['toward the camera', 'away from the camera', 'to the left', 'to the right'];
/** Facing directions within this many degrees of a quadrant boundary are too close to call. */
const FACING_MARGIN_DEG = 15;

function orientation(input: MakeInput): Made {
  const [A] = input.objs;
  if (!A.facing) return 'its facing direction is not known';
  const { ctx } = input;
  // facing in the levelled viewer frame; the camera looks along +forward
  const fx = dot(A.facing, ctx.right), fy = dot(A.facing, ctx.forward);
  const ang = deg(Math.atan2(fx, -fy)); // 0: toward the camera, ±180: away, +90: to the right
  const a0 = Math.abs(ang);
  if (Math.min(Math.abs(a0 - 45), Math.abs(a0 - 135)) < FACING_MARGIN_DEG) return 'it faces too close to a diagonal to say';
  const facing: Facing = a0 < 45 ? 'toward the camera' : a0 > 135 ? 'away from the camera' : ang > 0 ? 'to the right' : 'to the left';
  const r = refs(input);
  if (typeof r === 'string') return r;
  const a = r.texts[0];
  return choiceDraft(
    input,
    {
      stem: pick([`Which way is ${a} facing, as seen from the camera?`, `In which direction does the front of ${a} point, relative to the camera?`, `Seen from the camera, where does ${a} face?`], input.p.phrasing),
      fill: 'Answer with one of: toward the camera, away from the camera, to the left, to the right.',
      correct: facing,
      // multiple choice offers all four facings; the generator keeps each facing right no more
      // often than its share, so the scene's favourite facing is no clue (a few objects with a
      // known front are too few to draw other answers from)
      wrong: FACINGS.filter((f) => f !== facing),
      sentence: `${cap(a)} faces ${facing}.`,
      statement: (x) => `${cap(a)} faces ${x}.`,
    },
    common(r, { facingAngleDeg: Math.round(ang * 10) / 10, convention: '0° toward the camera, +90° to the camera’s right' }),
  );
}

const AXIS_WORDS = {
  lr: { pos: 'to the right of', neg: 'to the left of', q: (a: string, b: string) => [`Is ${a} to the left or to the right of ${b}?`, `Seen from the camera, is ${a} on the left or the right side of ${b}?`, `From the camera's viewpoint, does ${a} lie left or right of ${b}?`] },
  ab: { pos: 'above', neg: 'below', q: (a: string, b: string) => [`Is ${a} above or below ${b}?`, `Is the center of ${a} higher or lower than that of ${b}?`, `Does ${a} sit above or below ${b}?`] },
  fb: {
    pos: 'behind',
    neg: 'in front of',
    q: (a: string, b: string) => [`Is ${a} in front of or behind ${b}, as seen from the camera?`, `Seen from the camera, is ${a} in front of ${b} (nearer) or behind it (farther)?`, `Seen from the camera, does ${a} stand in front of or behind ${b}?`],
  },
};

/** Offset along a levelled axis: right, up, and away from the viewer. */
function axisOffset(d: Vec3, axis: 'lr' | 'ab' | 'fb'): number {
  return axis === 'lr' ? d[0] : axis === 'ab' ? d[2] : d[1];
}

function direction(input: MakeInput): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const axis = (input.p.variant ?? 'lr') as 'lr' | 'ab' | 'fb';
  const d = axisOffset(sub(A.lev, B.lev), axis);
  if (Math.abs(d) < CLEAR) return 'the offset along that axis is too small to tell';
  const r = refs(input);
  if (typeof r === 'string') return r;
  const [a, b] = r.texts;
  const w = AXIS_WORDS[axis];
  const correct = d > 0 ? w.pos : w.neg;
  const wrong = d > 0 ? w.neg : w.pos;
  // answers as single words where the question offers them
  const word = (x: string) => (axis === 'lr' ? x.replace(/^to the (\w+) of$/, '$1') : axis === 'fb' ? x.replace(/ of$/, '') : x);
  return choiceDraft(
    input,
    {
      stem: pick(w.q(a, b), input.p.phrasing),
      fill: axis === 'lr' ? 'Answer left or right.' : axis === 'ab' ? 'Answer above or below.' : 'Answer "in front" or "behind".',
      correct: word(correct),
      wrong: [word(wrong)],
      options: 2,
      // a sibling's answer must differ: which of the two words is right is then a coin toss
      siblings: {},
      sentence: `${cap(a)} is ${correct} ${b}.`,
      statement: (x) => `${cap(a)} is ${x === word(correct) ? correct : wrong} ${b}.`,
    },
    common(r, { offset: round3(sub(A.lev, B.lev)), axis, frame: 'levelled camera (x right, y forward, z up)' }),
  );
}

function directionVector(input: MakeInput): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const d = sub(B.cam, A.cam);
  const n = norm(d);
  if (n < 0.2) return 'the centres are too close for a stable direction';
  const u: Vec3 = [d[0] / n, d[1] / n, d[2] / n];
  const r = refs(input);
  if (typeof r === 'string') return r;
  const [a, b] = r.texts;
  const shown = vecText(u);
  return choiceDraft(
    input,
    {
      stem: `${pick([`What is the unit vector pointing from the center of ${a} to the center of ${b}, in the camera frame?`, `Give the 3D direction from ${a} to ${b} as a unit vector in camera coordinates.`, `In which 3D direction does ${b} lie from ${a}? Give a unit vector in the camera frame.`], input.p.phrasing)} (${CAMERA_AXES}.)`,
      fill: 'Answer as (x, y, z) with two decimals.',
      correct: shown,
      // other pairs' directions (mostly level, as the answer is); random ones only when recomputing
      wrong: () => directionDistractors(u, input.rand) ?? [],
      siblings: { apart: directionsApart },
      sentence: `From ${a}, ${b} lies along the direction ${shown} in camera coordinates.`,
      statement: (x) => `The direction from ${a} to ${b} is roughly ${x} in camera coordinates (${CAMERA_AXES}).`,
      value: round3(u),
    },
    common(r, { direction: round3(u), distance: n, thresholdDeg: DIRECTION_THRESHOLD_DEG, frame: 'camera (OpenCV)' }),
  );
}

const DISTANCE_TEXT: Record<string, { value: (A: QAObject, B: QAObject) => number; stems: (a: string, b: string) => string[]; noun: string; how: string }> = {
  euclidean: {
    value: (A, B) => norm(sub(A.world, B.world)),
    stems: (a, b) => [`What is the straight-line distance between the centers of ${a} and ${b}?`, `How far apart are ${a} and ${b}?`, `Measure the distance from ${a} to ${b}.`],
    noun: 'distance',
    how: '',
  },
  horizontal: {
    value: (A, B) => Math.hypot(A.world[0] - B.world[0], A.world[1] - B.world[1]),
    stems: (a, b) => [`How far apart are ${a} and ${b} horizontally, ignoring any difference in height?`, `What is the horizontal distance between ${a} and ${b}?`, `Measured along the floor, how far is ${a} from ${b}?`],
    noun: 'horizontal distance',
    how: ' horizontally',
  },
  vertical: {
    value: (A, B) => Math.abs(A.world[2] - B.world[2]),
    stems: (a, b) => [`What is the vertical distance between the centers of ${a} and ${b}?`, `How far apart are the centers of ${a} and ${b} vertically?`, `What is the difference in height between the centers of ${a} and ${b}?`],
    noun: 'vertical distance',
    how: ' vertically',
  },
  depth: {
    value: (A, B) => Math.abs(A.cam[2] - B.cam[2]),
    stems: (a, b) => [`How far apart are ${a} and ${b} in depth, along the camera's viewing direction?`, `What is the depth-wise distance between ${a} and ${b}?`, `Along the camera's viewing axis, how far is ${a} from ${b}?`],
    noun: 'depth difference',
    how: ' in depth',
  },
};

function distance(input: MakeInput): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const which = input.p.variant ?? 'euclidean';
  const t = DISTANCE_TEXT[which];
  const v = t.value(A, B);
  if (v < RELATION_THRESHOLD) return `the ${t.noun} is too small to tell`;
  const r = refs(input);
  if (typeof r === 'string') return r;
  const [a, b] = r.texts;
  return quantityDraft(
    input,
    metresQ(v),
    {
      stems: t.stems(a, b),
      fill: (w) => [`Answer with a number in ${w}.`, `Give one number, in ${w}.`, `Reply with the distance in ${w} only.`],
      sentences: (s) => [`The ${t.noun} between ${a} and ${b} is about ${s}.`, `${cap(a)} and ${b} are roughly ${s} apart${t.how}.`, `About ${s} separate ${a} from ${b}${t.how}.`],
      more: (s) => [`The ${t.noun} between ${a} and ${b} is more than ${s}.`, `${cap(a)} and ${b} are over ${s} apart${t.how}.`, `More than ${s} separate ${a} from ${b}${t.how}.`],
      less: (s) => [`The ${t.noun} between ${a} and ${b} is less than ${s}.`, `${cap(a)} and ${b} are under ${s} apart${t.how}.`, `Less than ${s} separate ${a} from ${b}${t.how}.`],
    },
    common(r, { measure: which, centerA: round3(A.world), centerB: round3(B.world), frame: 'world (z up)' }),
  );
}

const COMPARE: Record<string, { key: (o: QAObject) => number; high: boolean; clear: (lo: number, hi: number) => boolean; words: string; q: string[] }> = {
  nearest: { key: (o) => o.distance, high: false, clear: (lo, hi) => hi - lo >= Math.max(0.2, 0.1 * hi), words: 'closest to the camera', q: ['Which of these is closest to the camera', 'Which of these objects is nearest to the camera', 'Among these, which lies closest to the camera'] },
  farthest: { key: (o) => o.distance, high: true, clear: (lo, hi) => hi - lo >= Math.max(0.2, 0.1 * hi), words: 'farthest from the camera', q: ['Which of these is farthest from the camera', 'Which of these objects is most distant from the camera', 'Among these, which lies farthest from the camera'] },
  smallest: { key: (o) => o.volume, high: false, clear: (lo, hi) => hi >= 1.5 * lo, words: 'the smallest', q: ['Which of these is the smallest', 'Which of these objects takes up the least space', 'Among these, which is the smallest'] },
  largest: { key: (o) => o.volume, high: true, clear: (lo, hi) => hi >= 1.5 * lo, words: 'the largest', q: ['Which of these is the largest', 'Which of these objects takes up the most space', 'Among these, which is the largest'] },
};

function listText(xs: string[]): string {
  return xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function comparison(input: MakeInput): Made {
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const variant = input.p.variant ?? 'nearest';
  const bySize = variant === 'smallest' || variant === 'largest';
  const objs = input.objs;
  // "the largest of a cup, a chair and a bed" is answered by the names alone: sizes are compared
  // within one kind of object, where only the image can tell
  if (bySize && objs.some((o) => o.category !== objs[0].category)) return 'a size comparison among different kinds of objects is answered by their names alone';
  const r = refs(input, bySize ? BY_SIZE : BY_DISTANCE);
  if (variant === 'order') {
    const byDist = objs.map((o, i) => ({ i, d: o.distance })).sort((x, y) => x.d - y.d);
    for (let k = 1; k < byDist.length; k++) if (!COMPARE.nearest.clear(byDist[k - 1].d, byDist[k].d)) return 'two of the distances are too close to order';
    if (typeof r === 'string') return r;
    const correct = byDist.map((x) => r.texts[x.i]).join(', ');
    // wrong orders: every other permutation of three
    const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]].map((p) => p.map((k) => r.texts[byDist[k].i]).join(', ')).filter((s) => s !== correct);
    return choiceDraft(
      input,
      {
        stem: pick([`Order ${listText(r.texts)} from nearest to farthest from the camera.`, `Sort these objects by their distance from the camera, nearest first: ${listText(r.texts)}.`, `Rank ${listText(r.texts)} by how far they are from the camera, starting with the closest.`], input.p.phrasing),
        fill: 'Answer with the objects in order, separated by commas.',
        correct,
        wrong: perms,
        sentence: `From nearest to farthest: ${correct} (${byDist.map((x) => `${m2(x.d)} m`).join(', ')}).`,
        statement: (x) => `From nearest to farthest from the camera, the order is: ${x}.`,
      },
      common(r, { distances: objs.map((o) => o.distance), order: byDist.map((x) => objs[x.i].id) }),
    );
  }
  const c = COMPARE[variant];
  const ranked = objs.map((o, i) => ({ i, k: c.key(o) })).sort((x, y) => x.k - y.k);
  if (c.high) ranked.reverse();
  const [best, second] = ranked;
  if (!(c.high ? c.clear(second.k, best.k) : c.clear(best.k, second.k))) return 'the two most extreme values are too close to tell';
  if (typeof r === 'string') return r;
  const correct = r.texts[best.i];
  return choiceDraft(
    input,
    {
      stem: `${pick(c.q, input.p.phrasing)}: ${listText(r.texts)}?`,
      fill: 'Answer with the object only.',
      correct,
      wrong: r.texts.filter((_, i) => i !== best.i),
      options: objs.length,
      sentence: `${cap(correct)} is ${c.words} of the three.`,
      statement: (x) => `Of ${listText(r.texts)}, ${x} is ${c.words}.`,
    },
    common(r, { measure: variant, values: objs.map((o) => c.key(o)) }),
  );
}

const VIEW_AXIS = {
  lr: { pos: 'to your right', neg: 'to your left', fill: 'Answer left or right.', pw: 'right', nw: 'left' },
  fb: { pos: 'in front of you', neg: 'behind you', fill: 'Answer "in front" or "behind".', pw: 'in front', nw: 'behind' },
};

/** An axis question from an imagined viewpoint (L3 perspective taking). */
function viewpointQuestion(input: MakeInput, vp: Viewpoint, target: QAObject, setting: string, r: References, targetText: string, evidence: Record<string, unknown>): Made {
  const axis = (input.p.variant ?? 'lr') as 'lr' | 'fb';
  const off = inView(vp, target.world);
  const d = axis === 'lr' ? off[0] : off[1];
  if (Math.abs(d) < CLEAR) return 'the object is too close to straight ahead (or abeam) to tell';
  const w = VIEW_AXIS[axis];
  const correct = d > 0 ? w.pw : w.nw;
  const wrong = d > 0 ? w.nw : w.pw;
  const where = (x: string) => (x === w.pw ? w.pos : w.neg);
  return choiceDraft(
    input,
    {
      stem: pick(
        axis === 'lr'
          ? [`${setting}, is ${targetText} to your left or to your right?`, `${setting}, would ${targetText} be on your left or on your right?`, `${setting}, on which side is ${targetText}, left or right?`]
          : [`${setting}, is ${targetText} in front of you or behind you?`, `${setting}, would ${targetText} be ahead of you or behind you?`, `${setting}, is ${targetText} ahead of you or behind you?`],
        input.p.phrasing,
      ),
      fill: w.fill,
      correct,
      wrong: [wrong],
      options: 2,
      siblings: {},
      sentence: `${setting}, ${targetText} is ${where(correct)}.`,
      statement: (x) => `${setting}, ${targetText} is ${where(x)}.`,
    },
    common(r, { ...evidence, offset: round3(off), axis, frame: 'viewpoint (x right, y forward, z up)' }),
  );
}

function perspective(input: MakeInput): Made {
  const [A, B, C] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  // a person turns to face something: the facing direction is horizontal
  const vp = facingViewpoint(A.world, B.world, true);
  if (!vp) return 'the observer would face straight up or down';
  const r = refs(input);
  if (typeof r === 'string') return r;
  const [a, b, c] = r.texts;
  const setting = pick([`Standing at ${a} and facing ${b}`, `From ${a}, looking toward ${b}`, `Standing where ${a} is and facing ${b}`], input.p.phrasing);
  return viewpointQuestion(input, vp, C, setting, r, c, { viewpoint: { at: round3(vp.at), forward: round3(vp.forward) } });
}

function objectPerspective(input: MakeInput): Made {
  const [A, C] = input.objs;
  if (!A.facing) return 'the first object has no known facing direction';
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const vp = objectViewpoint(A.world, A.facing);
  const r = refs(input);
  if (typeof r === 'string') return r;
  const [a, c] = r.texts;
  const setting = pick([`From the point of view of ${a}, facing the way its front points`, `Looking out from the front of ${a}`, `Seen from ${a}, looking the way it faces`], input.p.phrasing);
  return viewpointQuestion(input, vp, C, setting, r, c, { facing: round3(A.facing) });
}

const COUNT_RELATIONS: Record<string, { test: (off: Vec3, dist: number) => number; words: string }> = {
  // signed margin: positive inside the relation, negative outside; near zero is unclear
  left: { test: (o) => -o[0] - RELATION_THRESHOLD, words: 'to the left of' },
  right: { test: (o) => o[0] - RELATION_THRESHOLD, words: 'to the right of' },
  front: { test: (o) => -o[1] - RELATION_THRESHOLD, words: 'in front of' },
  behind: { test: (o) => o[1] - RELATION_THRESHOLD, words: 'behind' },
  near: { test: (_o, d) => 1 - d, words: 'within 1 meter of' },
};

/** "There are no chairs", "There is 1 chair", "There are exactly 3 chairs". */
function howMany(n: number, one: string, many: string, exactly = false): string {
  if (n === 0) return `There are no ${many}`;
  return `There ${n === 1 ? 'is' : 'are'} ${exactly ? 'exactly ' : ''}${n} ${n === 1 ? one : many}`;
}

function counting(input: MakeInput): Made {
  const { ctx, p } = input;
  const [anchor] = input.objs;
  const relation = p.variant ?? 'left';
  const rel = COUNT_RELATIONS[relation];
  // the class counted: stored, else drawn among classes with at least two objects in the photo
  let target = p.target;
  if (!target) {
    const classes = [...ctx.seen.entries()].filter(([c, list]) => c !== anchor.category && list.length >= 2).map(([c]) => c);
    if (!classes.length) return 'no other class has two or more objects';
    target = classes[Math.floor(storedChoices(p)() * classes.length)];
  }
  const members = (ctx.seen.get(target) ?? []).map((o) => ctx.byId.get(o.id));
  if (!members.length) return `no ${target} is left in the scene`;
  if (members.some((m) => !m)) return `not every ${target} could be lifted, so the count is uncertain`;
  const verdicts: { id: string; margin: number }[] = [];
  for (const m of members as QAObject[]) {
    if (overlapping([anchor, m])) return `a ${target} overlaps the anchor`;
    const off = sub(m.lev, anchor.lev);
    const margin = rel.test(off, norm(sub(m.world, anchor.world)));
    if (Math.abs(margin) < 0.05 || (relation !== 'near' && tooCloseToTell(margin + RELATION_THRESHOLD))) return `a ${target} is too close to the boundary to count`;
    verdicts.push({ id: m!.id, margin });
  }
  const n = verdicts.filter((v) => v.margin > 0).length;
  const r = refs(input);
  if (typeof r === 'string') return r;
  const [a] = r.texts;
  const many = plural(target);
  const seen = relation === 'near' ? '' : ', as seen from the camera';
  return choiceDraft(
    input,
    {
      stem: pick([`How many ${many} are ${rel.words} ${a}${seen}?`, `Count the ${many} that are ${rel.words} ${a}${seen}.`, `What is the number of ${many} ${rel.words} ${a}${seen}?`], p.phrasing),
      fill: 'Answer with a number.',
      correct: String(n),
      // other anchors' counts of the same class under the same relation
      wrong: () => countDistractors(n, input.rand, members.length),
      options: Math.min(4, members.length + 1),
      siblings: { extra: { target } },
      sentence: `${howMany(n, target, many)} ${rel.words} ${a}.`,
      statement: (x) => `${howMany(Number(x), target, many, true)} ${rel.words} ${a}${seen}.`,
      value: n,
    },
    { ...common(r, { counted: target, relation, members: verdicts }), chosen: { refs: r.kinds, target } },
  );
}

export const HISPATIAL_TASKS: TaskDef[] = [
  { id: 'hispatial/L0/point_3d', family: 'hispatial', level: 'L0', title: '3D point of a pixel', arity: 0, formats: [...HS_FORMATS], needs: 'points', threshold: HS_THRESHOLD, make: pixelPoint },
  { id: 'hispatial/L0/depth_order', family: 'hispatial', level: 'L0', title: 'Depth order of two pixels', arity: 0, formats: [...HS_FORMATS], needs: 'points', variants: ['closer', 'farther'], make: depthOrder },
  { id: 'hispatial/L1/position', family: 'hispatial', level: 'L1', title: '3D position of an object', arity: 1, formats: [...HS_FORMATS], threshold: HS_THRESHOLD, make: position },
  { id: 'hispatial/L1/size', family: 'hispatial', level: 'L1', title: 'Height, length or width of an object', arity: 1, formats: [...HS_FORMATS], variants: ['height', 'length', 'width'], threshold: HS_THRESHOLD, make: size },
  { id: 'hispatial/L1/orientation', family: 'hispatial', level: 'L1', title: 'Which way an object faces', arity: 1, formats: [...HS_FORMATS], needs: 'orientation', make: orientation },
  { id: 'hispatial/L2/direction', family: 'hispatial', level: 'L2', title: 'Left/right, above/below, front/behind of two objects', arity: 2, formats: [...HS_FORMATS], variants: ['lr', 'ab', 'fb'], make: direction },
  { id: 'hispatial/L2/direction_vector', family: 'hispatial', level: 'L2', title: 'Unit vector from one object to another', arity: 2, formats: [...HS_FORMATS], make: directionVector },
  { id: 'hispatial/L2/distance', family: 'hispatial', level: 'L2', title: 'Euclidean, horizontal, vertical or depth distance', arity: 2, formats: [...HS_FORMATS], variants: ['euclidean', 'horizontal', 'vertical', 'depth'], threshold: HS_THRESHOLD, make: distance },
  { id: 'hispatial/L2/comparison', family: 'hispatial', level: 'L2', title: 'Nearest, farthest, smallest, largest, order of three', arity: 3, formats: [...HS_FORMATS], variants: ['nearest', 'farthest', 'smallest', 'largest', 'order'], make: comparison },
  { id: 'hispatial/L3/perspective', family: 'hispatial', level: 'L3', title: 'Left/right, front/behind from another standpoint', arity: 3, formats: [...HS_FORMATS], variants: ['lr', 'fb'], make: perspective },
  { id: 'hispatial/L3/object_perspective', family: 'hispatial', level: 'L3', title: 'Left/right, front/behind from an object’s viewpoint', arity: 2, formats: [...HS_FORMATS], needs: 'orientation', variants: ['lr', 'fb'], make: objectPerspective },
  { id: 'hispatial/L3/counting', family: 'hispatial', level: 'L3', title: 'How many X are left of / near … Y', arity: 1, formats: [...HS_FORMATS], variants: ['left', 'right', 'front', 'behind', 'near'], make: counting },
];
