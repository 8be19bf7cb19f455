// The SPAR-7M object task families (SPAR §3.1, appendix 7.5), under SPAR's own task ids.
// Every question says that quantities refer to the boxes' centres. Numeric answers are metres with
// one decimal, as in SPAR; wrong numeric options are more than 50 % off, where SPAR's MRA gives no
// credit (and so are any two options, so that the options alone do not single out the answer). Each family is written once and asked in a setting: the photo alone (objects marked by
// coloured points at their projected centres) or, for scenes with posed views, across images
// (the `_mv` tasks, sparMultiView.ts), with the first image as the main perspective.
import { type Vec3, norm, sub } from '../../../geometry/linalg';
import { METRES_1, type Quantity, choiceDraft, quantityDraft, singleUnit } from '../drafts';
import { significant } from '../../numbers';
import type { References } from '../references';
import {
  ALL_RELATIONS,
  type Relation,
  elevation,
  facingViewpoint,
  inView,
  isEmptyRelation,
  relationBetween,
  relationText,
  relationToViewer,
  unclearAxes,
} from '../../relations';
import { type Made, type MakeInput, type TaskDef, cap, pick } from '../task';
import {
  RELATION_FILL,
  RELATION_OPTIONS_NOTE,
  SPAR_SUFFIX,
  answerNames,
  m1,
  overlapping,
  refsFor,
  relationPhrase,
  relationToObserverPhrase,
  wrongRelations,
} from './common';

/** MRA gives no credit beyond 50 % relative error: wrong options lie past it. */
export const SPAR_THRESHOLD = 0.5;
/** Depths or distances closer than this cannot be told apart (SPAR's relation threshold). */
const MIN_DIFFERENCE = 0.1;
/** SPAR discards imagined viewpoints looking up or down more steeply than this. */
export const MAX_VIEW_ELEVATION = (30 * Math.PI) / 180;

/** What a family's question must say about the main view when the marks span several images. */
export type MainNote = 'depth' | 'camera' | 'apart' | 'observer' | 'imagined';

/** Where a family's objects are marked and how its questions speak of the viewer. */
export interface SparSetting {
  /** Names the objects; `kind` is the mark SPAR uses for the family across views. */
  refer(input: MakeInput, kind: 'point' | 'box'): References | string;
  /** The stem with SPAR's centre-point instruction and, across views, the note on the main view. */
  stem(s: string, note: MainNote): string;
  /** Last touches to a draft (across views: its images and where each object is marked). */
  finish(made: Made, refs: References): Made;
  /** How answers name the camera the quantities are measured from. */
  camera: string;
  /** Who looks at the relations: "the camera" in a photo, "the observer" across views. */
  viewer: string;
  /** The frame camera-frame evidence is in. */
  frame: string;
}

/** The photo alone: SPAR's coloured points (a box when the centre falls outside the photo). */
export const PHOTO: SparSetting = {
  refer: (input) => refsFor(input, 'spar'),
  stem: (s) => `${s} ${SPAR_SUFFIX}`,
  finish: (made) => made,
  camera: 'the camera',
  viewer: 'the camera',
  frame: 'camera',
};

const metres = (value: number): Quantity => singleUnit(value, SPAR_THRESHOLD, METRES_1);

const FILL_NUMBER = () => ['Ensure your answer contains only one number, in meters.', 'Answer with a single number. The unit is meter.', 'Give only the number of meters.'];
const FILL_NAME = 'Answer with the name of one object only.';
const LEVELLED = 'levelled camera (x right, y forward, z up)';

const round3 = (v: Vec3) => v.map((x) => Math.round(x * 1000) / 1000);
const noJudge = { more: () => [], less: () => [] };

export function depthOc(input: MakeInput, S: SparSetting): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  if (Math.abs(A.cam[2] - B.cam[2]) < MIN_DIFFERENCE) return 'their depths are too close to tell apart';
  const refs = S.refer(input, 'point');
  if (typeof refs === 'string') return refs;
  const [a, b] = refs.texts;
  const [, nb] = answerNames(refs, 'spar');
  const dA = `${m1(A.cam[2])} meters`;
  const made = quantityDraft(
    input,
    metres(B.cam[2]),
    {
      stems: [
        `The ${a} is at a depth of ${dA}. Estimate the depth of the ${b}.`,
        `Given that the ${a} lies ${dA} deep along the camera's viewing axis, how deep is the center of the ${b}?`,
        `Taking the ${a}, at a depth of ${dA}, as a reference, what is the depth of the ${b} in the same camera frame?`,
      ].map((s) => S.stem(s, 'depth')),
      fill: FILL_NUMBER,
      sentences: (v) => [`${cap(nb)}'s center is about ${v} deep.`, `The depth of ${nb} is roughly ${v}.`, `At its center, ${nb} lies about ${v} from the image plane of ${S.camera}.`],
      ...noJudge,
    },
    { evidence: { depthA: A.cam[2], depthB: B.cam[2], centerA: round3(A.cam), centerB: round3(B.cam), frame: S.frame }, marks: refs.marks },
  );
  return S.finish(made, refs);
}

export function depthOo(input: MakeInput, S: SparSetting): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const diff = Math.abs(A.cam[2] - B.cam[2]);
  if (diff < MIN_DIFFERENCE) return 'their depths are too close to tell apart';
  const refs = S.refer(input, 'point');
  if (typeof refs === 'string') return refs;
  const [a, b] = refs.texts;
  const names = answerNames(refs, 'spar');
  const [near, far] = A.cam[2] < B.cam[2] ? names : [names[1], names[0]];
  const made = quantityDraft(
    input,
    metres(diff),
    {
      stems: [
        `What is the depth difference between the ${a} and the ${b}?`,
        `Along the camera's viewing axis, how far apart in depth are the ${a} and the ${b}?`,
        `By how many meters do the depths of the ${a} and the ${b} differ?`,
      ].map((s) => S.stem(s, 'depth')),
      fill: FILL_NUMBER,
      sentences: (v) => [`${cap(far)} is about ${v} deeper than ${near}.`, `Their depths differ by roughly ${v}, with ${near} closer to ${S.camera}.`, `${cap(near)} sits about ${v} in front of ${far} in depth.`],
      ...noJudge,
    },
    { evidence: { depthA: A.cam[2], depthB: B.cam[2], difference: diff, frame: S.frame }, marks: refs.marks },
  );
  return S.finish(made, refs);
}

export function distanceOc(input: MakeInput, S: SparSetting): Made {
  const [A] = input.objs;
  const refs = S.refer(input, 'point');
  if (typeof refs === 'string') return refs;
  const [a] = refs.texts;
  const [na] = answerNames(refs, 'spar');
  const made = quantityDraft(
    input,
    metres(A.distance),
    {
      stems: [`How far is the ${a} from the camera?`, `What is the distance between the camera and the center of the ${a}?`, `Estimate the straight-line distance from the camera to the ${a}.`].map((s) => S.stem(s, 'camera')),
      fill: FILL_NUMBER,
      sentences: (v) => [`${cap(na)} is about ${v} from ${S.camera}.`, `${cap(S.camera)} is roughly ${v} away from ${na}.`, `Measured to its center, ${na} lies about ${v} from ${S.camera}.`],
      ...noJudge,
    },
    { evidence: { center: round3(A.cam), distance: A.distance, frame: S.frame }, marks: refs.marks },
  );
  return S.finish(made, refs);
}

export function distanceOo(input: MakeInput, S: SparSetting): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const d = norm(sub(A.world, B.world));
  if (d < MIN_DIFFERENCE) return 'the centres are too close together';
  const refs = S.refer(input, 'point');
  if (typeof refs === 'string') return refs;
  const [a, b] = refs.texts;
  const [na, nb] = answerNames(refs, 'spar');
  const made = quantityDraft(
    input,
    metres(d),
    {
      stems: [`What is the distance between the ${a} and the ${b}?`, `How far apart are the ${a} and the ${b}?`, `Measure the distance from the ${a} to the ${b}.`].map((s) => S.stem(s, 'apart')),
      fill: FILL_NUMBER,
      sentences: (v) => [`${cap(na)} and ${nb} are about ${v} apart.`, `The distance from ${na} to ${nb} is roughly ${v}.`, `About ${v} separate ${na} from ${nb}.`],
      ...noJudge,
    },
    { evidence: { centerA: round3(A.world), centerB: round3(B.world), distance: d, frame: 'world' }, marks: refs.marks },
  );
  return S.finish(made, refs);
}

export function distanceInfer(input: MakeInput, S: SparSetting): Made {
  const [A, B, C] = input.objs;
  const skip = overlapping([A, B]) ?? overlapping([A, C]);
  if (skip) return skip;
  if (B.category === C.category) return 'the two candidates share a label, so a name cannot answer';
  const dB = norm(sub(A.world, B.world)), dC = norm(sub(A.world, C.world));
  if (Math.abs(dB - dC) < Math.max(MIN_DIFFERENCE, 0.1 * Math.max(dB, dC))) return 'the two distances are too close to tell apart';
  const refs = S.refer(input, 'point');
  if (typeof refs === 'string') return refs;
  const [a, b, c] = refs.texts;
  const [na, nb, nc] = answerNames(refs, 'spar');
  const closer = input.p.variant !== 'farther';
  const bWins = closer ? dB < dC : dB > dC;
  const [lb, lc] = [refs.labels[1], refs.labels[2]];
  const word = closer ? 'closer' : 'farther';
  const stem = pick(
    closer
      ? [`Which is closer to the ${a}: the ${b} or the ${c}?`, `Between the ${b} and the ${c}, which object is nearer to the ${a}?`, `Of the ${b} and the ${c}, which lies at a shorter distance from the ${a}?`]
      : [`Which is farther from the ${a}: the ${b} or the ${c}?`, `Between the ${b} and the ${c}, which object is more distant from the ${a}?`, `Of the ${b} and the ${c}, which lies at a greater distance from the ${a}?`],
    input.p.phrasing,
  );
  const made = choiceDraft(
    input,
    {
      stem: S.stem(stem, 'apart'),
      fill: FILL_NAME,
      correct: bWins ? lb : lc,
      wrong: [bWins ? lc : lb],
      options: 2,
      sentence: `${cap(na)} is ${m1(dB)} meters from ${nb} and ${m1(dC)} meters from ${nc}, so ${bWins ? nb : nc} is ${word}.`,
      statement: (x) => `The ${x} is ${word} to the ${a}.`,
    },
    { evidence: { distanceAB: dB, distanceAC: dC, frame: 'world' }, marks: refs.marks },
  );
  return S.finish(made, refs);
}

/** Select, fill and sentence forms of a relation answer (SPAR ObjRel and SpImag). */
function relationDraft(input: MakeInput, S: SparSetting, refs: References, r: Relation, stem: string, sentence: string, evidence: Record<string, unknown>): Made {
  const made = choiceDraft(
    input,
    {
      // only multiple choice has options to explain; fill says the form in its instruction
      stem: input.format === 'select' ? `${stem} ${RELATION_OPTIONS_NOTE}` : stem,
      fill: RELATION_FILL,
      correct: relationText(r),
      // other tuples' relations: the right one is then no more typical of the options than any other
      wrong: () => wrongRelations(r, ALL_RELATIONS, input.rand),
      siblings: {},
      sentence,
      // SPAR has no true/false form; a statement would read "<stem> — left, above, front"
      statement: (x) => `${stem} — ${x}`,
    },
    { evidence: { ...evidence, relation: r }, marks: refs.marks },
  );
  return S.finish(made, refs);
}

export function relationOo(input: MakeInput, S: SparSetting): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const d: Vec3 = [A.lev[0] - B.lev[0], A.lev[1] - B.lev[1], A.lev[2] - B.lev[2]];
  const unclear = unclearAxes(d);
  if (unclear.length) return `the ${unclear.join(' and ')} difference is too close to 0.1 m to tell`;
  const r = relationBetween(A.lev, B.lev);
  if (isEmptyRelation(r)) return 'no relation is distinguishable';
  const refs = S.refer(input, 'box');
  if (typeof refs === 'string') return refs;
  const [a, b] = refs.texts;
  const [na, nb] = answerNames(refs, 'spar');
  const V = S.viewer;
  const stem = pick(
    [`Where is the ${a} relative to the ${b}, as seen from ${V}?`, `Describe the position of the ${a} with respect to the ${b} in ${V}'s view.`, `From ${V}'s point of view, how is the ${a} placed relative to the ${b}?`],
    input.p.phrasing,
  );
  return relationDraft(input, S, refs, r, S.stem(stem, 'observer'), `Seen from ${V}, ${na} is ${relationPhrase(r)} ${nb}.`, { offset: round3(d), frame: LEVELLED });
}

export function relationOc(input: MakeInput, S: SparSetting): Made {
  const [A] = input.objs;
  const unclear = unclearAxes(A.lev);
  if (unclear.length) return `the ${unclear.join(' and ')} offset is too close to 0.1 m to tell`;
  const r = relationToViewer(A.lev);
  if (isEmptyRelation(r)) return 'no relation is distinguishable';
  const refs = S.refer(input, 'box');
  if (typeof refs === 'string') return refs;
  const [a] = refs.texts;
  const [na] = answerNames(refs, 'spar');
  const stem = pick(
    [`Where is the ${a} relative to the observer (the camera)?`, `Describe the direction of the ${a} from the observer's position at the camera.`, `How is the ${a} placed with respect to the observer holding the camera?`],
    input.p.phrasing,
  );
  return relationDraft(input, S, refs, r, S.stem(stem, 'observer'), `Relative to the observer, ${na} is ${relationToObserverPhrase(r)}.`, { offset: round3(A.lev), frame: LEVELLED });
}

/** The observer at A facing B (SPAR eq. 7–8), unless the view is steep or degenerate. */
function imaginedViewpoint(input: MakeInput) {
  const [A, B] = input.objs;
  const vp = facingViewpoint(A.world, B.world);
  if (!vp) return 'the observer would face straight up or down';
  const el = elevation(vp.forward);
  if (Math.abs(el) > MAX_VIEW_ELEVATION) return `the imagined view is too steep (${Math.round((el * 180) / Math.PI)}°)`;
  return vp;
}

const viewpointEvidence = (vp: { at: Vec3; forward: Vec3 }) => ({ at: round3(vp.at), forward: round3(vp.forward), elevationDeg: (elevation(vp.forward) * 180) / Math.PI });

export function imaginationOc(input: MakeInput, S: SparSetting): Made {
  const [, , C] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const vp = imaginedViewpoint(input);
  if (typeof vp === 'string') return vp;
  const off = inView(vp, C.world);
  const unclear = unclearAxes(off);
  if (unclear.length) return `after the move, the ${unclear.join(' and ')} offset is too close to 0.1 m to tell`;
  const after = relationToViewer(off);
  if (isEmptyRelation(after)) return 'no relation is distinguishable after the move';
  const before = relationToViewer(C.lev);
  const refs = S.refer(input, 'box');
  if (typeof refs === 'string') return refs;
  const [a, b, c] = refs.texts;
  const [na, nb, nc] = answerNames(refs, 'spar');
  const stem = pick(
    [
      `Imagine the observer moves to the center of the ${a} and faces the ${b}. Where is the ${c} relative to the observer then?`,
      `If the observer stood at the ${a} looking toward the ${b}, in which direction would the ${c} be?`,
      `How does the position of the ${c} relative to the observer look once the observer shifts to the 3D center of the ${a} and faces the ${b}?`,
    ],
    input.p.phrasing,
  );
  // a sentence tells before and after; the other forms answer with the state after the move
  const onlyAfter = input.format === 'sentence' ? '' : ' Consider only the state after the move.';
  const beforeText = isEmptyRelation(before) ? 'right at its position' : relationToObserverPhrase(before);
  return relationDraft(
    input,
    S,
    refs,
    after,
    S.stem(stem + onlyAfter, 'imagined'),
    `Before moving, the observer sees ${nc} ${beforeText}. After moving to ${na} and facing ${nb}, the observer sees it ${relationToObserverPhrase(after)}.`,
    { viewpoint: viewpointEvidence(vp), offsetAfter: round3(off), before, frame: 'world (z up)' },
  );
}

export function imaginationOo(input: MakeInput, S: SparSetting): Made {
  const [, B, C] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const vp = imaginedViewpoint(input);
  if (typeof vp === 'string') return vp;
  const oc = inView(vp, C.world), ob = inView(vp, B.world);
  const d: Vec3 = [oc[0] - ob[0], oc[1] - ob[1], oc[2] - ob[2]];
  const unclear = unclearAxes(d);
  if (unclear.length) return `from the new viewpoint, the ${unclear.join(' and ')} difference is too close to 0.1 m to tell`;
  const r = relationBetween(oc, ob);
  if (isEmptyRelation(r)) return 'no relation is distinguishable from the new viewpoint';
  const refs = S.refer(input, 'box');
  if (typeof refs === 'string') return refs;
  const [a, b, c] = refs.texts;
  const [na, nb, nc] = answerNames(refs, 'spar');
  const stem = pick(
    [
      `Suppose the observer stands at the ${a} and faces the ${b}. From there, where is the ${c} relative to the ${b}?`,
      `If you moved to the center of the ${a} and looked toward the ${b}, how would the ${c} be placed relative to the ${b}?`,
      `Picture yourself at the ${a}, facing the ${b}. Describe the position of the ${c} with respect to the ${b} from that viewpoint.`,
    ],
    input.p.phrasing,
  );
  return relationDraft(input, S, refs, r, S.stem(stem, 'imagined'), `From ${na}, facing ${nb}, ${nc} appears ${relationPhrase(r)} ${nb}.`, {
    viewpoint: viewpointEvidence(vp),
    offset: round3(d),
    frame: 'world (z up)',
  });
}

function volume(input: MakeInput, S: SparSetting): Made {
  const [A] = input.objs;
  const refs = S.refer(input, 'point');
  if (typeof refs === 'string') return refs;
  const [a] = refs.texts;
  const [na] = answerNames(refs, 'spar');
  const cm = (v: number) => Math.round(v * 100);
  const { length, width, height } = A.dims;
  // volumes span four orders of magnitude (a cup to a bed): two significant digits
  const q = singleUnit(A.volume, SPAR_THRESHOLD, { unit: 'm3', words: 'cubic meters', factor: 1, show: (v) => significant(v, 2) });
  const made = quantityDraft(
    input,
    q,
    {
      stems: [`What is the volume of the 3D bounding box of the ${a}, in cubic meters?`, `Estimate the volume of the box that encloses the ${a}.`, `How much space does the ${a} take up? Give the volume of its 3D bounding box.`].map((s) => S.stem(s, 'apart')),
      fill: () => ['Answer with a single number in cubic meters.', 'Ensure your answer contains only one number. The unit is cubic meter.', 'Give only the number of cubic meters.'],
      sentences: (v) => [
        `${cap(na)} measures about ${cm(length)} cm by ${cm(width)} cm and ${cm(height)} cm tall, so its box holds about ${v}.`,
        `With a length of ${cm(length)} cm, a width of ${cm(width)} cm and a height of ${cm(height)} cm, ${na} occupies roughly ${v}.`,
        `The box around ${na} is about ${cm(length)} × ${cm(width)} × ${cm(height)} cm, about ${v}.`,
      ],
      ...noJudge,
    },
    { evidence: { lengthCm: cm(length), widthCm: cm(width), heightCm: cm(height), volume: A.volume }, marks: refs.marks },
  );
  return S.finish(made, refs);
}

export const SPAR_FORMATS = ['fill', 'select', 'sentence'] as const;

/** The object families, with what each needs; the settings give ids, titles and `make`. */
export const SPAR_FAMILIES = [
  { id: 'depth_prediction_oc', title: 'Depth of an object, given another’s', arity: 2, threshold: SPAR_THRESHOLD, make: depthOc },
  { id: 'depth_prediction_oo', title: 'Depth difference of two objects', arity: 2, threshold: SPAR_THRESHOLD, make: depthOo },
  { id: 'distance_prediction_oc', title: 'Distance camera → object', arity: 1, threshold: SPAR_THRESHOLD, make: distanceOc },
  { id: 'distance_prediction_oo', title: 'Distance object → object', arity: 2, threshold: SPAR_THRESHOLD, make: distanceOo },
  { id: 'distance_infer_center_oo', title: 'Which of two is closer to / farther from a third', arity: 3, variants: ['closer', 'farther'], make: distanceInfer },
  { id: 'obj_spatial_relation_oo', title: 'Left/right, above/below, front/behind of two objects', arity: 2, make: relationOo },
  { id: 'obj_spatial_relation_oc', title: 'Where an object is relative to the observer', arity: 1, make: relationOc },
  { id: 'spatial_imagination_oc', title: 'Object relative to an observer moved to A facing B', arity: 3, make: imaginationOc },
  { id: 'spatial_imagination_oo', title: 'Two objects seen by an observer moved to A facing B', arity: 3, make: imaginationOo },
] satisfies { id: string; title: string; arity: number; threshold?: number; variants?: string[]; make: (i: MakeInput, S: SparSetting) => Made }[];

export const SPAR_TASKS: TaskDef[] = [
  ...SPAR_FAMILIES.map((f): TaskDef => ({ ...f, family: 'spar', formats: [...SPAR_FORMATS], make: (i) => f.make(i, PHOTO) })),
  { id: 'spatial_volume_infer', family: 'spar', title: 'Size and volume of an object’s box', arity: 1, formats: [...SPAR_FORMATS], threshold: SPAR_THRESHOLD, make: (i) => volume(i, PHOTO) },
];
