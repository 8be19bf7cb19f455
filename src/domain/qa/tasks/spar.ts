// The SPAR-7M single-view task families (seed 002 §3.1, appendix 7.5), under SPAR's own task ids.
// Objects are named by label plus a coloured point at the projected 3D centre; every question
// says that quantities refer to centres. Numeric answers are metres with one decimal, as in SPAR;
// wrong numeric options are more than 50 % off, where SPAR's MRA gives no credit.
import { type Vec3, norm, sub } from '../../geometry/linalg';
import { choiceDraft, quantityDraft, type Quantity } from '../drafts';
import { significant } from '../numbers';
import {
  ALL_RELATIONS,
  elevation,
  facingViewpoint,
  inView,
  isEmptyRelation,
  type Relation,
  relationBetween,
  relationText,
  relationToViewer,
  unclearAxes,
} from '../relations';
import { type Made, type MakeInput, type TaskDef, cap, pick } from '../task';
import type { Mark } from '../types';
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
const SPAR_THRESHOLD = 0.5;
/** Depths or distances closer than this cannot be told apart (SPAR's relation threshold). */
const MIN_DIFFERENCE = 0.1;
/** SPAR discards imagined viewpoints looking up or down more steeply than this. */
export const MAX_VIEW_ELEVATION = (30 * Math.PI) / 180;

const metres = (value: number): Quantity => ({ value, unit: 'm', words: 'meters', show: m1, threshold: SPAR_THRESHOLD });

const FILL_NUMBER = () => ['Ensure your answer contains only one number, in meters.', 'Answer with a single number. The unit is meter.', 'Give only the number of meters.'];
const FILL_NAME = 'Answer with the name of one object only.';

const round3 = (v: Vec3) => v.map((x) => Math.round(x * 1000) / 1000);

function depthOc(input: MakeInput): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  if (Math.abs(A.cam[2] - B.cam[2]) < MIN_DIFFERENCE) return 'their depths are too close to tell apart';
  const refs = refsFor(input, 'spar');
  if (typeof refs === 'string') return refs;
  const [a, b] = refs.texts;
  const [, nb] = answerNames(refs, 'spar');
  const dA = `${m1(A.cam[2])} meters`;
  return quantityDraft(
    input,
    metres(B.cam[2]),
    {
      stems: [
        `The ${a} is at a depth of ${dA}. Estimate the depth of the ${b}.`,
        `Given that the ${a} lies ${dA} deep along the camera's viewing axis, how deep is the center of the ${b}?`,
        `Taking the ${a}, at a depth of ${dA}, as a reference, what is the depth of the ${b} in the same camera frame?`,
      ],
      fill: FILL_NUMBER,
      sentences: (v) => [`${cap(nb)}'s center is about ${v} deep.`, `The depth of ${nb} is roughly ${v}.`, `At its center, ${nb} lies about ${v} from the camera plane.`],
      more: () => [],
      less: () => [],
    },
    { evidence: { depthA: A.cam[2], depthB: B.cam[2], centerA: round3(A.cam), centerB: round3(B.cam), frame: 'camera' }, marks: refs.marks },
  );
}

function depthOo(input: MakeInput): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const diff = Math.abs(A.cam[2] - B.cam[2]);
  if (diff < MIN_DIFFERENCE) return 'their depths are too close to tell apart';
  const refs = refsFor(input, 'spar');
  if (typeof refs === 'string') return refs;
  const [a, b] = refs.texts;
  const names = answerNames(refs, 'spar');
  const [near, far] = A.cam[2] < B.cam[2] ? names : [names[1], names[0]];
  return quantityDraft(
    input,
    metres(diff),
    {
      stems: [
        `What is the depth difference between the ${a} and the ${b}?`,
        `Along the camera's viewing axis, how far apart in depth are the ${a} and the ${b}?`,
        `By how many meters do the depths of the ${a} and the ${b} differ?`,
      ],
      fill: FILL_NUMBER,
      sentences: (v) => [`${cap(far)} is about ${v} deeper than ${near}.`, `Their depths differ by roughly ${v}, with ${near} closer to the camera.`, `${cap(near)} sits about ${v} in front of ${far} in depth.`],
      more: () => [],
      less: () => [],
    },
    { evidence: { depthA: A.cam[2], depthB: B.cam[2], difference: diff, frame: 'camera' }, marks: refs.marks },
  );
}

function distanceOc(input: MakeInput): Made {
  const [A] = input.objs;
  const refs = refsFor(input, 'spar');
  if (typeof refs === 'string') return refs;
  const [a] = refs.texts;
  const [na] = answerNames(refs, 'spar');
  return quantityDraft(
    input,
    metres(A.distance),
    {
      stems: [`How far is the ${a} from the camera?`, `What is the distance between the camera and the center of the ${a}?`, `Estimate the straight-line distance from the camera to the ${a}.`],
      fill: FILL_NUMBER,
      sentences: (v) => [`${cap(na)} is about ${v} from the camera.`, `The camera is roughly ${v} away from ${na}.`, `Measured to its center, ${na} lies about ${v} from the camera.`],
      more: () => [],
      less: () => [],
    },
    { evidence: { center: round3(A.cam), distance: A.distance, frame: 'camera' }, marks: refs.marks },
  );
}

function distanceOo(input: MakeInput): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const d = norm(sub(A.world, B.world));
  if (d < MIN_DIFFERENCE) return 'the centres are too close together';
  const refs = refsFor(input, 'spar');
  if (typeof refs === 'string') return refs;
  const [a, b] = refs.texts;
  const [na, nb] = answerNames(refs, 'spar');
  return quantityDraft(
    input,
    metres(d),
    {
      stems: [`What is the distance between the ${a} and the ${b}?`, `How far apart are the ${a} and the ${b}?`, `Measure the distance from the ${a} to the ${b}.`],
      fill: FILL_NUMBER,
      sentences: (v) => [`${cap(na)} and ${nb} are about ${v} apart.`, `The distance from ${na} to ${nb} is roughly ${v}.`, `About ${v} separate ${na} from ${nb}.`],
      more: () => [],
      less: () => [],
    },
    { evidence: { centerA: round3(A.world), centerB: round3(B.world), distance: d, frame: 'world' }, marks: refs.marks },
  );
}

function distanceInfer(input: MakeInput): Made {
  const [A, B, C] = input.objs;
  const skip = overlapping([A, B]) ?? overlapping([A, C]);
  if (skip) return skip;
  if (B.category === C.category) return 'the two candidates share a label, so a name cannot answer';
  const dB = norm(sub(A.world, B.world)), dC = norm(sub(A.world, C.world));
  if (Math.abs(dB - dC) < Math.max(MIN_DIFFERENCE, 0.1 * Math.max(dB, dC))) return 'the two distances are too close to tell apart';
  const refs = refsFor(input, 'spar');
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
  return choiceDraft(
    input,
    {
      stem,
      fill: FILL_NAME,
      correct: bWins ? lb : lc,
      wrong: [bWins ? lc : lb],
      options: 2,
      sentence: `${cap(na)} is ${m1(dB)} meters from ${nb} and ${m1(dC)} meters from ${nc}, so ${bWins ? nb : nc} is ${word}.`,
      statement: (x) => `The ${x} is ${word} to the ${a}.`,
    },
    { evidence: { distanceAB: dB, distanceAC: dC, frame: 'world' }, marks: refs.marks },
  );
}

/** Select, fill and sentence forms of a relation answer (SPAR ObjRel and SpImag). */
function relationDraft(input: MakeInput, r: Relation, stem: string, sentence: string, evidence: Record<string, unknown>, marks: Mark[]): Made {
  const correct = relationText(r);
  return choiceDraft(
    input,
    {
      // only multiple choice has options to explain; fill says the form in its instruction
      stem: input.format === 'select' ? `${stem} ${RELATION_OPTIONS_NOTE}` : stem,
      fill: RELATION_FILL,
      correct,
      wrong: wrongRelations(r, ALL_RELATIONS, input.rand),
      sentence,
      // SPAR has no true/false form; a statement would read "<stem> — left, above, front"
      statement: (x) => `${stem} — ${x}`,
    },
    { evidence: { ...evidence, relation: r }, marks },
  );
}

function relationOo(input: MakeInput): Made {
  const [A, B] = input.objs;
  const skip = overlapping(input.objs);
  if (skip) return skip;
  const d: Vec3 = [A.lev[0] - B.lev[0], A.lev[1] - B.lev[1], A.lev[2] - B.lev[2]];
  const unclear = unclearAxes(d);
  if (unclear.length) return `the ${unclear.join(' and ')} difference is too close to 0.1 m to tell`;
  const r = relationBetween(A.lev, B.lev);
  if (isEmptyRelation(r)) return 'no relation is distinguishable';
  const refs = refsFor(input, 'spar');
  if (typeof refs === 'string') return refs;
  const [a, b] = refs.texts;
  const [na, nb] = answerNames(refs, 'spar');
  const stem = pick(
    [`Where is the ${a} relative to the ${b}, as seen from the camera?`, `Describe the position of the ${a} with respect to the ${b} in the camera's view.`, `From the camera's point of view, how is the ${a} placed relative to the ${b}?`],
    input.p.phrasing,
  );
  return relationDraft(input, r, stem, `Seen from the camera, ${na} is ${relationPhrase(r)} ${nb}.`, { offset: round3(d), frame: 'levelled camera (x right, y forward, z up)' }, refs.marks);
}

function relationOc(input: MakeInput): Made {
  const [A] = input.objs;
  const unclear = unclearAxes(A.lev);
  if (unclear.length) return `the ${unclear.join(' and ')} offset is too close to 0.1 m to tell`;
  const r = relationToViewer(A.lev);
  if (isEmptyRelation(r)) return 'no relation is distinguishable';
  const refs = refsFor(input, 'spar');
  if (typeof refs === 'string') return refs;
  const [a] = refs.texts;
  const [na] = answerNames(refs, 'spar');
  const stem = pick(
    [`Where is the ${a} relative to the observer (the camera)?`, `Describe the direction of the ${a} from the observer's position at the camera.`, `How is the ${a} placed with respect to the observer holding the camera?`],
    input.p.phrasing,
  );
  return relationDraft(input, r, stem, `Relative to the observer, ${na} is ${relationToObserverPhrase(r)}.`, { offset: round3(A.lev), frame: 'levelled camera (x right, y forward, z up)' }, refs.marks);
}

/** The observer at A facing B, unless the view is steep or degenerate. */
function imaginedViewpoint(input: MakeInput) {
  const [A, B] = input.objs;
  const vp = facingViewpoint(A.world, B.world);
  if (!vp) return 'the observer would face straight up or down';
  const el = elevation(vp.forward);
  if (Math.abs(el) > MAX_VIEW_ELEVATION) return `the imagined view is too steep (${Math.round((el * 180) / Math.PI)}°)`;
  return vp;
}

function imaginationOc(input: MakeInput): Made {
  const [A, B, C] = input.objs;
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
  const refs = refsFor(input, 'spar');
  if (typeof refs === 'string') return refs;
  const [a, b, c] = refs.texts;
  const [na, nb, nc] = answerNames(refs, 'spar');
  const stem = pick(
    [
      `Imagine the observer moves to the center of the ${a} and faces the ${b}. Where is the ${c} relative to the observer then?`,
      `If the observer stood at the ${a} looking toward the ${b}, in which direction would the ${c} be?`,
      `How does the position of the ${c} relative to the observer look once the observer shifts to the 3D center of the ${a} and faces the ${b}? Consider only the state after the move.`,
    ],
    input.p.phrasing,
  );
  const beforeText = isEmptyRelation(before) ? 'right at its position' : relationToObserverPhrase(before);
  return relationDraft(
    input,
    after,
    stem,
    `Before moving, the observer sees ${nc} ${beforeText}. After moving to ${na} and facing ${nb}, the observer sees it ${relationToObserverPhrase(after)}.`,
    { viewpoint: { at: round3(vp.at), forward: round3(vp.forward), elevationDeg: (elevation(vp.forward) * 180) / Math.PI }, offsetAfter: round3(off), before, frame: 'world (z up)' },
    refs.marks,
  );
}

function imaginationOo(input: MakeInput): Made {
  const [A, B, C] = input.objs;
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
  const refs = refsFor(input, 'spar');
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
  return relationDraft(
    input,
    r,
    stem,
    `From ${na}, facing ${nb}, ${nc} appears ${relationPhrase(r)} ${nb}.`,
    { viewpoint: { at: round3(vp.at), forward: round3(vp.forward), elevationDeg: (elevation(vp.forward) * 180) / Math.PI }, offset: round3(d), frame: 'world (z up)' },
    refs.marks,
  );
}

function volume(input: MakeInput): Made {
  const [A] = input.objs;
  const refs = refsFor(input, 'spar');
  if (typeof refs === 'string') return refs;
  const [a] = refs.texts;
  const [na] = answerNames(refs, 'spar');
  const cm = (v: number) => Math.round(v * 100);
  const { length, width, height } = A.dims;
  // volumes span four orders of magnitude (a cup to a bed): two significant digits
  const q: Quantity = { value: A.volume, unit: 'm3', words: 'cubic meters', show: (v) => significant(v, 2), threshold: SPAR_THRESHOLD };
  return quantityDraft(
    input,
    q,
    {
      stems: [`What is the volume of the 3D bounding box of the ${a}, in cubic meters?`, `Estimate the volume of the box that encloses the ${a}.`, `How much space does the ${a} take up? Give the volume of its 3D bounding box.`],
      fill: () => ['Answer with a single number in cubic meters.', 'Ensure your answer contains only one number. The unit is cubic meter.', 'Give only the number of cubic meters.'],
      sentences: (v) => [
        `${cap(na)} measures about ${cm(length)} cm by ${cm(width)} cm and ${cm(height)} cm tall, so its box holds about ${v}.`,
        `With a length of ${cm(length)} cm, a width of ${cm(width)} cm and a height of ${cm(height)} cm, ${na} occupies roughly ${v}.`,
        `The box around ${na} is about ${cm(length)} × ${cm(width)} × ${cm(height)} cm, about ${v}.`,
      ],
      more: () => [],
      less: () => [],
    },
    { evidence: { lengthCm: cm(length), widthCm: cm(width), heightCm: cm(height), volume: A.volume }, marks: refs.marks },
  );
}

const SPAR_FORMATS = ['fill', 'select', 'sentence'] as const;

/** Adds SPAR's centre-point instruction to every stem. */
const spar = (make: (i: MakeInput) => Made) => (input: MakeInput): Made => {
  const m = make(input);
  if (typeof m === 'string') return m;
  return { ...m, stem: `${m.stem} ${SPAR_SUFFIX}` };
};

export const SPAR_TASKS: TaskDef[] = [
  { id: 'depth_prediction_oc', family: 'spar', title: 'Depth of an object, given another’s', arity: 2, formats: [...SPAR_FORMATS], threshold: SPAR_THRESHOLD, make: spar(depthOc) },
  { id: 'depth_prediction_oo', family: 'spar', title: 'Depth difference of two objects', arity: 2, formats: [...SPAR_FORMATS], threshold: SPAR_THRESHOLD, make: spar(depthOo) },
  { id: 'distance_prediction_oc', family: 'spar', title: 'Distance camera → object', arity: 1, formats: [...SPAR_FORMATS], threshold: SPAR_THRESHOLD, make: spar(distanceOc) },
  { id: 'distance_prediction_oo', family: 'spar', title: 'Distance object → object', arity: 2, formats: [...SPAR_FORMATS], threshold: SPAR_THRESHOLD, make: spar(distanceOo) },
  { id: 'distance_infer_center_oo', family: 'spar', title: 'Which of two is closer to / farther from a third', arity: 3, formats: [...SPAR_FORMATS], variants: ['closer', 'farther'], make: spar(distanceInfer) },
  { id: 'obj_spatial_relation_oo', family: 'spar', title: 'Left/right, above/below, front/behind of two objects', arity: 2, formats: [...SPAR_FORMATS], make: spar(relationOo) },
  { id: 'obj_spatial_relation_oc', family: 'spar', title: 'Where an object is relative to the observer', arity: 1, formats: [...SPAR_FORMATS], make: spar(relationOc) },
  { id: 'spatial_imagination_oc', family: 'spar', title: 'Object relative to an observer moved to A facing B', arity: 3, formats: [...SPAR_FORMATS], make: spar(imaginationOc) },
  { id: 'spatial_imagination_oo', family: 'spar', title: 'Two objects seen by an observer moved to A facing B', arity: 3, formats: [...SPAR_FORMATS], make: spar(imaginationOo) },
  { id: 'spatial_volume_infer', family: 'spar', title: 'Size and volume of an object’s box', arity: 1, formats: [...SPAR_FORMATS], threshold: SPAR_THRESHOLD, make: spar(volume) },
];
