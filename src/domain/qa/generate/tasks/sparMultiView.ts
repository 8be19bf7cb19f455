// The SPAR-7M multi-view task families (SPAR §7.2 "Multi-view tasks", §7.5), for scenes with
// posed extra views, under SPAR's own task ids where it has them. Every quantity stays in the main
// (first) camera's frame, as SPAR does ("We use the first image to reflect the main perspective"):
// the main photo is always image 0 of an item, followed by the views the item uses. An object is
// marked in one image where it is seen (views.ts: projected centre inside that image and in front
// of its camera; there is no occlusion test without depth maps), and each mark's `image` is its
// index in the item's `image` list. The object questions need at least one object marked outside
// the main image; otherwise they would be the single-view task.
//
// Random choices kept with the item: the view each object is marked in, or the view a camera
// question is about (`views`, see below), and the class counted (`target`). They are drawn
// from their own stream (as hispatial.ts does), so that recomputing with them stored draws the
// same distractors as generating did.
import { dict } from '../../../dict';
import type { QAContext, QAObject, Rect } from '../context';
import { choiceDraft } from '../drafts';
import { fixed, shuffle } from '../../numbers';
import { MARK_COLOURS, type References, labelOf } from '../references';
import { type Draft, type ItemParams, type Made, type MakeInput, type TaskDef, pick } from '../task';
import type { Mark } from '../../types';
import { type ViewCamera, iou2d, projectBox, rectPermille, sceneViews, sight, toCamera, usableViews, uvPermille, viewChange } from '../views';
import { SPAR_SUFFIX, m1, plural, storedChoices } from './common';
import { type MainNote, SPAR_FAMILIES, type SparSetting } from './spar';

// `views` in the params: for the object questions, the view each object is marked in (0 = the
// main photo, k = `scene.views[k − 1]`), in object order; for view_change_infer and
// camera_motion_infer, the one view compared with the main photo; for position_matching, [0, k]:
// the object's box is given in the main photo and sought in view k.

/** MRA gives no credit beyond 50 % relative error: wrong numeric options lie past it (as single-view). */
const SPAR_THRESHOLD = 0.5;
/** Depths or distances closer than this cannot be told apart (SPAR's relation threshold). */
/** SPAR-Bench items carry 1–3 images: an object question uses the main photo and at most two views. */
export const MAX_IMAGES = 3;
/** view_change_infer: a roll beyond this cannot be left out of the five values the answer has. */
export const MAX_ROLL_DEG = 10;
/** view_change_infer: a turn this close to 180° could as well be called left as right. */
export const MAX_TURN_DEG = 170;
/** camera_motion_infer: any two positions offered lie this far apart (0–1000 scale). */
export const CAMERA_WRONG_APART = 200;
/** position_matching: any two boxes offered overlap by less than this IoU. */
export const BOX_CLEAR_IOU = 0.3;

/** SPAR's note for position_matching and camera_motion_infer (SPAR-Bench's prompt, verbatim). */
export const PERMILLE_NOTE = 'The values represent the bounding box coordinates normalized to a 0-1000 scale, with the top-left corner as the origin of the image.';

const MAIN_DEPTH = 'We use the first image to reflect the main perspective: depths are measured along the viewing axis of its camera.';
const MAIN_CAMERA = 'We use the first image to reflect the main perspective: "the camera" is the camera of the first image.';
const MAIN_OBSERVER = "We use the first image to reflect the main perspective, which aligns with the observer's viewpoint.";
const MAIN_IMAGINED = "Base your response on the observer's perspective, with the first image defined as the primary view before movement begins.";
const MARKS_APART = 'The marks may lie in different images of the same scene.';

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (v: readonly number[]) => v.map((x) => Math.round(x * 1000) / 1000);

/** "view 2" / "the main image": how skip reasons name a view. */
const viewName = (k: number) => (k === 0 ? 'the main image' : `view ${k}`);

const pickOne = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)];

/** The stored view list, or undefined when the item has none yet. */
const storedViews = (p: ItemParams): number[] | undefined => p.views;

/** Which view a stored index names, or why it cannot be used. */
function viewAt(ctx: QAContext, k: unknown): ViewCamera | string {
  const views = sceneViews(ctx);
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k >= views.length) return `the stored view ${String(k)} is not in the scene (it has ${views.length - 1} extra view${views.length === 2 ? '' : 's'})`;
  const v = views[k];
  return v.problem ? `${viewName(k)} cannot be used: ${v.problem}` : v;
}

// ---------------------------------------------------------------------------------------------
// Object questions: where each object is marked

type MarkKind = 'point' | 'box';

/** The object's mark in view v: its projected centre (point) or 2D box (box); null when not seen there. */
function markGeometry(ctx: QAContext, v: ViewCamera, o: QAObject, kind: MarkKind): { uv?: [number, number]; box?: Rect } | null {
  const s = sight(v, o.world);
  if (!s) return null;
  if (kind === 'point') return { uv: s.uv };
  // the main photo keeps the object's own 2D box (its annotation when it has one), as single-view SPAR does
  const box = v.index === 0 ? o.rect : projectBox(v, o.box);
  return box ? { box } : null;
}

const markable = new WeakMap<QAContext, Map<string, number[]>>();
/** The views in which the object can be marked (once per scene: sibling questions ask again and again). */
function markableViews(ctx: QAContext, o: QAObject, kind: MarkKind): number[] {
  let m = markable.get(ctx);
  if (!m) markable.set(ctx, (m = new Map()));
  const key = `${kind}\u0000${o.id}`;
  let views = m.get(key);
  if (!views) m.set(key, (views = usableViews(ctx).filter((v) => markGeometry(ctx, v, o, kind)).map((v) => v.index)));
  return views;
}

interface MVRefs extends References {
  /** View each object is marked in. */
  views: number[];
  /** Item images: main photo first, then the views used in order of first use. */
  images: string[];
}

const extraCount = (views: number[]) => new Set(views.filter((k) => k > 0)).size;

/**
 * Marks each object in a view where it is seen (the stored choice, else one drawn with at least
 * one object outside the main photo) and names it SPAR's way: "chair (blue point)", colours in
 * question order. Returns why when it cannot.
 */
function mvRefs(input: MakeInput, kind: MarkKind): MVRefs | string {
  const { ctx, objs, p } = input;
  const all = sceneViews(ctx);
  const seen = objs.map((o) => markableViews(ctx, o, kind));
  let views = storedViews(p);
  if (views) {
    if (!Array.isArray(views) || views.length !== objs.length) return `the stored views (${JSON.stringify(views)}) do not match the ${objs.length} object(s)`;
    for (let i = 0; i < objs.length; i++) {
      const v = viewAt(ctx, views[i]);
      if (typeof v === 'string') return v;
      if (!seen[i].includes(v.index)) return `${objs[i].id} (${labelOf(objs[i].category)}) is no longer seen in ${viewName(v.index)}`;
    }
  } else {
    for (let i = 0; i < objs.length; i++) if (!seen[i].length) return `${objs[i].id} (${labelOf(objs[i].category)}) is not seen in any image`;
    const leads = objs.map((_, i) => i).filter((i) => seen[i].some((k) => k > 0));
    if (!leads.length) return 'no object of the question is seen outside the main image (that is the single-view task)';
    const r = storedChoices(p);
    const lead = pickOne(leads, r);
    for (let t = 0; t < 8 && !views; t++) {
      const c = objs.map((_, i) => pickOne(i === lead ? seen[i].filter((k) => k > 0) : seen[i], r));
      if (extraCount(c) <= MAX_IMAGES - 1) views = c;
    }
    if (!views) return `marking these objects needs more than ${MAX_IMAGES} images`;
  }
  if (!views.some((k) => k > 0)) return 'no object is marked outside the main image (that is the single-view task)';
  if (extraCount(views) > MAX_IMAGES - 1) return `marking these objects needs more than ${MAX_IMAGES} images`;
  const extra = [...new Set(views.filter((k) => k > 0))];
  const imageOf = (k: number) => (k === 0 ? 0 : 1 + extra.indexOf(k));
  const out: MVRefs = { texts: [], labels: [], kinds: [], marks: [], views: [...views], images: [ctx.scene.image.file, ...extra.map((k) => all[k].file)] };
  objs.forEach((o, i) => {
    const label = labelOf(o.category);
    const c = MARK_COLOURS[i];
    const g = markGeometry(ctx, all[views![i]], o, kind)!;
    const image = imageOf(views![i]);
    if (kind === 'point') out.marks.push({ object: o.id, kind: 'point', color: c, uv: [round1(g.uv![0]), round1(g.uv![1])], image });
    else out.marks.push({ object: o.id, kind: 'box', color: c, box: g.box!.map(round1) as Rect, image });
    out.labels.push(label);
    out.kinds.push(kind);
    out.texts.push(`${label} (${c} ${kind === 'point' ? 'point' : 'bbox'})`);
  });
  return out;
}

/** The draft with the item's images, and the views stored with it. */
function withViews(made: Made, refs: { views: number[]; images: string[] }): Made {
  if (typeof made === 'string') return made;
  const chosen: Partial<ItemParams> = { ...made.chosen, views: refs.views };
  return { ...made, images: refs.images, chosen, evidence: { ...made.evidence, markedIn: refs.views } };
}


// ---------------------------------------------------------------------------------------------
// The object families of spar.ts, asked across the images

const NOTES: Record<MainNote, string> = { depth: MAIN_DEPTH, camera: MAIN_CAMERA, apart: MARKS_APART, observer: MAIN_OBSERVER, imagined: MAIN_IMAGINED };

/** Objects marked in whichever image sees them, quantities in the main camera's frame. */
export const ACROSS_VIEWS: SparSetting = {
  refer: (input, kind) => mvRefs(input, kind),
  stem: (s, note) => `${s} ${SPAR_SUFFIX} ${NOTES[note]}`,
  finish: (made, refs) => withViews(made, refs as MVRefs),
  camera: 'the first camera',
  viewer: 'the observer',
  frame: 'main camera',
};

// ---------------------------------------------------------------------------------------------
// Camera questions: one view against the main photo

/** Objects whose centres both the main photo and view v see (SPAR's co-visibility rule). */
const coVisible = (ctx: QAContext, v: ViewCamera) => ctx.objects.filter((o) => sight(sceneViews(ctx)[0], o.world) && sight(v, o.world));

/**
 * The view a camera question compares with the main photo: the stored one (checked again), else one
 * drawn among the views that qualify. Returns why when none does.
 */
function cameraView(input: MakeInput, why: (v: ViewCamera) => string | null): ViewCamera | string {
  const { ctx, p } = input;
  const stored = storedViews(p);
  if (stored) {
    if (!Array.isArray(stored) || stored.length !== 1) return `the stored views (${JSON.stringify(stored)}) should name one view`;
    const v = viewAt(ctx, stored[0]);
    if (typeof v === 'string') return v;
    if (v.index === 0) return 'the stored view is the main image itself';
    return why(v) ?? v;
  }
  const views = sceneViews(ctx).slice(1);
  const reasons = views.map((v) => (v.problem ? `${viewName(v.index)} cannot be used: ${v.problem}` : why(v)));
  const ok = views.filter((_, i) => !reasons[i]);
  if (!ok.length) return reasons.length === 1 ? reasons[0]! : `no view qualifies (${reasons.join('; ')})`;
  return pickOne(ok, storedChoices(p));
}

const ROWS = ['top', 'middle', 'bottom'];
const COLS = ['left', 'center', 'right'];
/** "bottom-right", "middle-left", "center": where a 0–1000 position lies in a 3 × 3 grid. */
function region([x, y]: [number, number]): string {
  const col = COLS[Math.max(0, Math.min(2, Math.floor((x * 3) / 1000)))], row = ROWS[Math.max(0, Math.min(2, Math.floor((y * 3) / 1000)))];
  return row === 'middle' && col === 'center' ? 'center' : `${row}-${col}`;
}

/** An image shift below this (0–1000 scale) reads as "stays". */
const SHIFT = 100;

/** A signed value as "key:number", the key by the sign of the printed number (0 takes the positive key). */
function keyed(v: number, pos: string, neg: string, show: (x: number) => string): string {
  const s = show(Math.abs(v));
  return `${v < 0 && Number(s) !== 0 ? neg : pos}:${s}`;
}
const deg0 = (x: number) => fixed(x, 0);

function viewChangeInfer(input: MakeInput): Made {
  const { ctx } = input;
  const main = sceneViews(ctx)[0];
  const v = cameraView(input, (w) => {
    if (!coVisible(ctx, w).length) return `no object is seen in both the main image and ${viewName(w.index)}, so the two may not overlap`;
    const c = viewChange(main, w);
    if (Math.abs(c.roll) > MAX_ROLL_DEG) return `${viewName(w.index)} is rolled by ${Math.round(Math.abs(c.roll))}° against the main image, which the five values of the answer cannot express`;
    if (Math.abs(c.turnRight) > MAX_TURN_DEG) return `${viewName(w.index)} is turned about 180° from the main image, so a left and a right turn would be equally right`;
    const moves = [m1(Math.abs(c.right)), m1(Math.abs(c.up)), m1(Math.abs(c.forward)), deg0(Math.abs(c.turnUp)), deg0(Math.abs(c.turnRight))];
    if (moves.every((s) => Number(s) === 0)) return `the camera barely moves between the main image and ${viewName(w.index)}`;
    return null;
  });
  if (typeof v === 'string') return v;
  const c = viewChange(main, v);
  // SPAR-Bench's answer: five "key:value" pairs, the keys its vci metric reads (scoring.ts VCI_AXES)
  const answer = [
    keyed(c.right, 'move_right', 'move_left', m1),
    keyed(c.up, 'move_up', 'move_down', m1),
    keyed(c.forward, 'move_forward', 'move_backward', m1),
    keyed(c.turnUp, 'rotate_up', 'rotate_down', deg0),
    keyed(c.turnRight, 'rotate_right', 'rotate_left', deg0),
  ].join(',');
  // the sentence follows one object seen in both images (SPAR's co-visible object): the one with
  // the largest box in the main photo among those whose label names them alone
  const anchors = coVisible(ctx, v).filter((o) => (ctx.seen.get(o.category)?.length ?? 0) === 1);
  const area = (o: QAObject) => (o.rect ? (o.rect[2] - o.rect[0]) * (o.rect[3] - o.rect[1]) : 0);
  const anchor = anchors.reduce<QAObject | null>((best, o) => (!best || area(o) > area(best) ? o : best), null);
  let seenText = '';
  let anchorEvidence: Record<string, unknown> | undefined;
  if (anchor) {
    const p1 = uvPermille(main, sight(main, anchor.world)!.uv), p2 = uvPermille(v, sight(v, anchor.world)!.uv);
    const dx = p2[0] - p1[0], dy = p2[1] - p1[1];
    const shift = [Math.abs(dx) >= SHIFT ? (dx > 0 ? 'right' : 'left') : '', Math.abs(dy) >= SHIFT ? (dy > 0 ? 'down' : 'up') : ''].filter(Boolean).join(' and ');
    const label = labelOf(anchor.category);
    seenText = shift
      ? `In the first image, the ${label} is located in the ${region(p1)} and moves ${shift} to the ${region(p2)} in the second image. `
      : `The ${label} stays near the ${region(p1)} from the first image to the second. `;
    anchorEvidence = { object: anchor.id, first: p1, second: p2 };
  }
  const steps: string[] = [];
  const f = m1(Math.abs(c.forward)), x = m1(Math.abs(c.right)), y = m1(Math.abs(c.up)), pu = deg0(Math.abs(c.turnUp)), tr = deg0(Math.abs(c.turnRight));
  if (Number(f)) steps.push(`Move ${f} meters ${c.forward > 0 ? 'forward' : 'back'}.`);
  if (Number(x)) steps.push(`Shift sideways by ${x} meters ${c.right > 0 ? 'right' : 'left'}.`);
  if (Number(y)) steps.push(`Move ${y} meters ${c.up > 0 ? 'up' : 'down'}.`);
  if (Number(pu)) steps.push(`Rotate ${c.turnUp > 0 ? 'up' : 'down'} by ${pu} degrees.`);
  if (Number(tr)) steps.push(`Turn ${c.turnRight > 0 ? 'right' : 'left'} by ${tr} degrees.`);
  const stem = pick(
    [
      "If starting from the first image, how would the observer's camera need to move to recreate the second image?",
      'What changes in position or angle would the camera need to make to transition from the first image to the second?',
      'How did the camera move and turn between taking the first image and taking the second?',
    ],
    input.p.phrasing,
  );
  const frame = "Movements are along the first camera's own axes (right, up, forward); rotations turn its viewing direction up or down and right or left.";
  const draft: Draft = {
    stem: `${stem} ${frame}`,
    value: answer,
    evidence: {
      view: v.index,
      move: { right: c.right, up: c.up, forward: c.forward },
      rotateDeg: { up: c.turnUp, right: c.turnRight },
      rollDeg: c.roll,
      frame: 'main camera (x right, y down, z forward)',
      ...(anchorEvidence ? { anchor: anchorEvidence } : {}),
    },
    marks: [],
    images: [ctx.scene.image.file, v.file],
    chosen: { views: [v.index] },
  };
  if (input.format === 'fill')
    return {
      ...draft,
      instruction:
        'Provide the camera movement and rotation in the following format: move_(right or left):(meters),move_(up or down):(meters),move_(forward or backward):(meters),rotate_(up or down):(degrees),rotate_(right or left):(degrees). The first three values are in meters with one decimal, the last two in whole degrees. Use commas to separate the parameters and do not include any additional text. Example: move_left:2.6,move_down:0.1,move_forward:0.2,rotate_up:10,rotate_left:0.',
      answer,
    };
  if (input.format === 'sentence') return { ...draft, answer: `${seenText}Observing these changes, the camera moves as follows to realign with the second image: ${steps.join(' ')}` };
  return `view_change_infer has no ${input.format} form`;
}

function cameraMotionInfer(input: MakeInput): Made {
  const { ctx, rand } = input;
  const main = sceneViews(ctx)[0];
  const v = cameraView(input, (w) => {
    const c = toCamera(main, w.T);
    if (!(c[2] > 0.1)) return `the camera of ${viewName(w.index)} is beside or behind the main camera`;
    if (!sight(main, w.T)) return `the camera of ${viewName(w.index)} projects outside the main image`;
    if (!coVisible(ctx, w).length) return `no object is seen in both the main image and ${viewName(w.index)}, so the two may not overlap`;
    return null;
  });
  if (typeof v === 'string') return v;
  const s = sight(main, v.T)!;
  const [u, w] = uvPermille(main, s.uv);
  const depth = s.cam[2];
  const text = (x: number, y: number, d: string) => `(${x}, ${y}), depth ${d} m`;
  const correct = text(u, w, m1(depth));
  // wrong answers clearly elsewhere in the image, every two positions as far apart as each is from
  // the answer; the four depths are the rungs of a geometric ladder with the answer's on a random
  // rung, so that neither the spread of the positions nor the depths point at the answer
  const placed: [number, number][] = [[u, w]];
  for (let t = 0; t < 400 && placed.length < 4; t++) {
    const x = Math.round(50 + rand() * 900), y = Math.round(50 + rand() * 900);
    if (placed.some(([a, b]) => Math.hypot(x - a, y - b) < CAMERA_WRONG_APART)) continue;
    placed.push([x, y]);
  }
  const rung = Math.floor(rand() * 4);
  const ratio = 1.3 + 0.3 * rand();
  const depths = shuffle([0, 1, 2, 3].filter((k) => k !== rung).map((k) => depth * ratio ** (k - rung)), rand);
  const wrong = placed.slice(1).map(([x, y], k) => text(x, y, m1(depths[k])));
  if (wrong.length < 3) return 'no wrong positions clear of the answer could be placed';
  const stem = pick(
    [
      'Where in the first image is the camera that took the second image? Give its position in the first image and its depth along the first camera’s viewing axis, in meters.',
      'Predict the position of the camera corresponding to the second image in the first image, with its depth in meters.',
      'Project the camera of the second image into the first image: at which point does it fall, and how deep is it in meters?',
    ],
    input.p.phrasing,
  );
  const made = choiceDraft(
    input,
    {
      stem: `${stem} ${PERMILLE_NOTE}`,
      correct,
      wrong,
      sentence: `The camera of the second image lies at (${u}, ${w}) in the first image, ${m1(depth)} meters deep.`,
      statement: (x) => `The camera of the second image is at ${x}.`,
    },
    { evidence: { view: v.index, pixel: [round1(s.uv[0]), round1(s.uv[1])], position: [u, w], depth, cameraInMain: round3(s.cam), frame: 'main camera' }, marks: [] },
  );
  if (typeof made === 'string') return made;
  return { ...made, images: [ctx.scene.image.file, v.file], chosen: { ...made.chosen, views: [v.index] } };
}

// ---------------------------------------------------------------------------------------------
// Position matching: the object's box in the main photo, found in another view

const boxText = (b: readonly number[]) => `[${b.join(', ')}]`;

function positionMatching(input: MakeInput): Made {
  const { ctx, objs, p } = input;
  const [A] = objs;
  const main = sceneViews(ctx)[0];
  const label = labelOf(A.category);
  // SPAR projects the 3D box into both images; the main photo's box is the projected one too
  const ref = sight(main, A.world) ? projectBox(main, A.box) : null;
  if (!ref) return `${A.id} (${label}) is not seen with a whole box in the main image`;
  /**
   * The other objects' boxes in view v clear of the answer: objects that could be asked about
   * themselves (a whole box in the main photo too), so that the answer's box is drawn from the
   * same kind of boxes as the wrong ones.
   */
  const others = (v: ViewCamera, answer: Rect) =>
    ctx.objects.flatMap((o) => {
      if (o.id === A.id || !sight(v, o.world) || !sight(main, o.world) || !projectBox(main, o.box)) return [];
      const b = projectBox(v, o.box);
      return b && iou2d(b, answer) < BOX_CLEAR_IOU && boxText(rectPermille(v, b)) !== boxText(rectPermille(v, answer)) ? [{ o, b }] : [];
    });
  const why = (v: ViewCamera): string | null => {
    const answer = sight(v, A.world) ? projectBox(v, A.box) : null;
    if (!answer) return `${A.id} (${label}) is not seen with a whole box in ${viewName(v.index)}`;
    return others(v, answer).length ? null : `no other object's box in ${viewName(v.index)} is clear of the ${label}'s to offer as a wrong option`;
  };
  let v: ViewCamera | string;
  const stored = storedViews(p);
  if (stored) {
    if (!Array.isArray(stored) || stored.length !== 2 || stored[0] !== 0) return `the stored views (${JSON.stringify(stored)}) should be [0, view]`;
    v = viewAt(ctx, stored[1]);
    if (typeof v !== 'string') v = v.index === 0 ? 'the stored view is the main image itself' : (why(v) ?? v);
  } else {
    const views = sceneViews(ctx).slice(1);
    const reasons = views.map((w) => (w.problem ? `${viewName(w.index)} cannot be used: ${w.problem}` : why(w)));
    const ok = views.filter((_, i) => !reasons[i]);
    v = ok.length ? pickOne(ok, storedChoices(p)) : reasons.length === 1 ? reasons[0]! : `no view qualifies (${reasons.join('; ')})`;
  }
  if (typeof v === 'string') return v;
  const view = v;
  const answer = projectBox(view, A.box)!;
  // wrong options: other objects' boxes in that view, every two boxes offered (the answer's
  // included) as clear of each other, so that no box stands out as the one unlike the rest
  const pool = others(view, answer);
  const chosen: { o: QAObject; b: Rect }[] = [];
  while (pool.length && chosen.length < 3) {
    const c = pool.splice(Math.floor(input.rand() * pool.length), 1)[0];
    if (chosen.every((x) => iou2d(x.b, c.b) < BOX_CLEAR_IOU && boxText(rectPermille(view, x.b)) !== boxText(rectPermille(view, c.b)))) chosen.push(c);
  }
  const refP = rectPermille(main, ref), ansP = rectPermille(view, answer);
  const a = `${label} (red bbox)`;
  const stem = pick(
    [
      `The ${a} is at ${boxText(refP)} in the first image. Which bounding box in the second image shows the same ${label}?`,
      `Given the ${a} with the 2D bounding box ${boxText(refP)} in the first image, find its location in the second image.`,
      `In the first image, the ${a} occupies ${boxText(refP)}. Where is this ${label} in the second image?`,
    ],
    p.phrasing,
  );
  const marks: Mark[] = [{ object: A.id, kind: 'box', color: 'red', box: ref.map(round1) as Rect, image: 0 }];
  const made = choiceDraft(
    input,
    {
      stem: `${stem} ${PERMILLE_NOTE}`,
      correct: boxText(ansP),
      wrong: chosen.map((c) => boxText(rectPermille(view, c.b))),
      sentence: `In the second image, the ${label} is at ${boxText(ansP)}.`,
      statement: (x) => `The ${label} is at ${x} in the second image.`,
    },
    { evidence: { view: view.index, reference: refP, answer: ansP, wrongObjects: chosen.map((c) => c.o.id), frame: '0–1000 image scale' }, marks },
  );
  if (typeof made === 'string') return made;
  return { ...made, images: [ctx.scene.image.file, view.file], chosen: { ...made.chosen, views: [0, view.index] } };
}

// ---------------------------------------------------------------------------------------------
// Appearance order and counting across all the images (SPAR-7M has them as video tasks under these
// ids; SPAR-Bench does not include them). The images are the main photo and every usable view,
// in the scene's order, read as a sequence.

function allImages(ctx: QAContext): ViewCamera[] {
  return usableViews(ctx);
}

function appearanceOrder(input: MakeInput): Made {
  const { ctx, objs } = input;
  const images = allImages(ctx);
  const labels = objs.map((o) => labelOf(o.category));
  for (const o of objs) {
    const n = ctx.seen.get(o.category)?.length ?? 0;
    if (n !== 1) return `"the ${labelOf(o.category)}" names ${n} objects, so its first appearance is ambiguous`;
  }
  const first = objs.map((o) => images.findIndex((v) => sight(v, o.world)));
  const unseen = objs.findIndex((_, i) => first[i] < 0);
  if (unseen >= 0) return `${objs[unseen].id} (${labels[unseen]}) is not seen in any image`;
  for (let i = 0; i < objs.length; i++)
    for (let j = i + 1; j < objs.length; j++) if (first[i] === first[j]) return `the ${labels[i]} and the ${labels[j]} first appear in the same image`;
  const order = objs.map((_, i) => i).sort((i, j) => first[i] - first[j]);
  const correct = order.map((i) => labels[i]).join(', ');
  const perms = (xs: number[]): number[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x) => perms(xs.filter((y) => y !== x)).map((r) => [x, ...r])));
  const wrong = perms(objs.map((_, i) => i))
    .map((p) => p.map((i) => labels[i]).join(', '))
    .filter((t) => t !== correct);
  const [a, b, c] = labels;
  const stem = pick(
    [
      `These images were taken one after another in the same scene. In what order do the ${a}, the ${b} and the ${c} first appear?`,
      `Looking through the images in the order given, which comes into view first, second and third: the ${a}, the ${b} or the ${c}?`,
      `Sort the ${a}, the ${b} and the ${c} by the image in which each first appears, earliest first.`,
    ],
    input.p.phrasing,
  );
  const list = order.map((i) => `the ${labels[i]} in image ${first[i] + 1}`);
  const made = choiceDraft(
    input,
    {
      stem,
      fill: 'Answer with the object names in order of first appearance, separated by commas.',
      correct,
      wrong,
      sentence: `The objects first appear in this order: ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}.`,
      statement: (x) => `The objects first appear in the order ${x}.`,
    },
    { evidence: { firstImage: Object.fromEntries(objs.map((o, i) => [o.id, first[i]])), views: images.map((v) => v.index) }, marks: [], chosen: { refs: objs.map(() => 'label' as const) } },
  );
  if (typeof made === 'string') return made;
  return { ...made, images: images.map((v) => v.file) };
}

/** How many objects of a class are seen in the images, or why the class cannot be counted. */
function countClass(ctx: QAContext, images: ViewCamera[], category: string): { count: number; seenIn: Record<string, number[]> } | string {
  const label = labelOf(category);
  const members = (ctx.seen.get(category) ?? []).map((s) => ctx.byId.get(s.id));
  if (!members.length) return `the scene has no ${label}`;
  if (members.some((m) => !m)) return `some ${plural(label)} could not be lifted, so they cannot be counted`;
  const seenIn = dict<number[]>();
  for (const m of members as QAObject[]) {
    const where = images.filter((v) => sight(v, m.world)).map((v) => v.index);
    if (where.length) seenIn[m.id] = where;
  }
  const count = Object.keys(seenIn).length;
  if (count < 2) return `fewer than two ${plural(label)} are seen in the images`;
  if (Object.values(seenIn).every((w) => w.includes(0))) return `every ${label} is seen in the main image (that is single-view counting)`;
  return { count, seenIn };
}

function objCount(input: MakeInput): Made {
  const { ctx, p } = input;
  const images = allImages(ctx);
  let target = p.target;
  if (!target) {
    const classes = [...new Set(ctx.objects.map((o) => o.category))].filter((c) => typeof countClass(ctx, images, c) !== 'string');
    if (!classes.length) return 'no class has two or more objects seen in the images, one of them outside the main image';
    target = pickOne(classes, storedChoices(p));
  }
  const counted = countClass(ctx, images, target);
  if (typeof counted === 'string') return counted;
  const { count } = counted;
  const label = labelOf(target), many = plural(label);
  const pool: number[] = [];
  for (let d = 1; d <= 3; d++) for (const x of [count - d, count + d]) if (x >= 1) pool.push(x);
  const stem = pick(
    [
      `How many ${many} are there in these images? Count each ${label} once, even when it appears in several images.`,
      `Across all the images, how many different ${many} can be seen?`,
      `These images show the same scene from several viewpoints. How many distinct ${many} appear in them?`,
    ],
    p.phrasing,
  );
  const made = choiceDraft(
    input,
    {
      stem,
      fill: 'Answer with a number.',
      correct: String(count),
      // other classes' counts; nearby numbers only when recomputing
      wrong: () => pool.map(String),
      siblings: {},
      sentence: `Counting each one once, there are ${count} ${many} in these images.`,
      statement: (x) => `There are ${x} ${many} in these images.`,
      value: count,
    },
    { evidence: { seenIn: counted.seenIn, views: images.map((v) => v.index) }, marks: [], chosen: { target } },
  );
  if (typeof made === 'string') return made;
  return { ...made, images: images.map((v) => v.file) };
}

// ---------------------------------------------------------------------------------------------

const F3 = ['fill', 'select', 'sentence'] as const;

export const SPAR_MV_TASKS: TaskDef[] = [
  ...SPAR_FAMILIES.map((f): TaskDef => ({ ...f, id: `${f.id}_mv`, title: `${f.title} (several views)`, family: 'spar', formats: [...F3], needs: 'views', make: (i) => f.make(i, ACROSS_VIEWS) })),
  { id: 'view_change_infer', family: 'spar', title: 'How the camera moved from the main image to a view', arity: 0, formats: ['fill', 'sentence'], needs: 'views', make: viewChangeInfer },
  { id: 'camera_motion_infer', family: 'spar', title: 'Where a view’s camera is in the main image, and how deep', arity: 0, formats: ['select', 'sentence'], needs: 'views', make: cameraMotionInfer },
  { id: 'position_matching', family: 'spar', title: 'Find an object’s box from the main image in a view', arity: 1, formats: ['select', 'sentence'], needs: 'views', make: positionMatching },
  // not in SPAR-Bench: SPAR-7M's video tasks of these ids, over the scene's images
  { id: 'appearance_order', family: 'spar', title: 'Order in which objects first appear across the images', arity: 3, formats: [...F3], needs: 'views', make: appearanceOrder },
  { id: 'obj_count', family: 'spar', title: 'How many of a class the images show, each counted once', arity: 0, formats: [...F3], needs: 'views', make: objCount },
];
