// Pieces several tasks share: skip rules, the way answers name objects, relation wording.
import { table } from '../../../dict';
import { iou3d } from '../../../geometry/obb';
import type { QAObject } from '../context';
import { fixed } from '../../numbers';
import { type References, refer, type RefStyle, type SpatialKind } from '../references';
import { type Relation, relationText } from '../../relations';
import { mulberry32 } from '../../../geometry/random';
import type { ItemParams, MakeInput } from '../task';

/**
 * Random choices that get stored in the item (pixels, views, the class counted) come from their
 * own stream, so that recomputing with them stored draws the same distractors as generating did.
 */
export const storedChoices = (p: ItemParams) => mulberry32((p.rng ^ 0x9e3779b9) >>> 0);

/** SPAR's fixed instruction: the quantities refer to the boxes' centres. */
export const SPAR_SUFFIX = 'Calculate or judge based on the 3D center points of these objects.';

/** SPAR's note on what relation options mean (its select and fill questions carry it). */
export const RELATION_OPTIONS_NOTE =
  'The options describe the relationship in terms of left-right (left, right, or empty if indistinguishable), above-below (above, below, or empty if indistinguishable) and front-behind (front, behind, or empty if indistinguishable).';

export const RELATION_FILL =
  'Answer in the form "left-right, above-below, front-behind" (for example "left, above, front"), leaving a part empty when it is indistinguishable (for example "left, , behind").';

/**
 * Boxes overlap when their intersection holds more than this share of the smaller one: a cup
 * standing on a table only touches it (lifted boxes often graze), a pillow on a sofa sinks in.
 */
export const OVERLAP_SHARE = 0.2;

/** Share of the smaller box inside the other. */
export function overlapShare(a: QAObject, b: QAObject): number {
  const iou = iou3d(a.box, b.box);
  if (!(iou > 0)) return 0;
  const va = a.volume, vb = b.volume;
  // from IoU = I / (va + vb − I)
  const inter = (iou * (va + vb)) / (1 + iou);
  return inter / Math.min(va, vb);
}

/** The first pair of objects whose 3D boxes overlap (SPAR skips such pairs), as a skip reason. */
export function overlapping(objs: QAObject[]): string | null {
  for (let i = 0; i < objs.length; i++)
    for (let j = i + 1; j < objs.length; j++) if (overlapShare(objs[i], objs[j]) > OVERLAP_SHARE) return `the boxes of ${objs[i].id} and ${objs[j].id} overlap`;
  return null;
}

/** References for the tuple, keeping HiSpatial's chosen kinds so that recompute checks them. */
export function refsFor(input: MakeInput, style: RefStyle, avoid: readonly SpatialKind[] = []): References | string {
  return refer(input.ctx, input.objs, style, input.p.refs, input.p.phrasing, avoid);
}

/**
 * How an answer sentence names each object: "the sofa"; when two objects of the question share a
 * label, the question's full reference ("the chair (blue point)") so the sentence stays clear.
 */
export function answerNames(refs: References, style: RefStyle): string[] {
  return refs.labels.map((l, i) => {
    const shared = refs.labels.some((m, j) => j !== i && m === l);
    if (style === 'hispatial') return refs.texts[i];
    return shared ? `the ${refs.texts[i]}` : `the ${l}`;
  });
}

/** Metres as SPAR prints them (one decimal). */
export const m1 = (v: number) => fixed(v, 1);
/** Metres with two decimals (HiSpatial's quantitative answers). */
export const m2 = (v: number) => fixed(v, 2);

const PREP: Record<string, string> = { left: 'to the left of', right: 'to the right of', above: 'above', below: 'below', front: 'in front of', behind: 'behind' };

/** "to the left of, above and in front of" (the distinguishable parts only). */
export function relationPhrase(r: Relation): string {
  const parts = [r.lr, r.ab, r.fb].filter(Boolean).map((k) => PREP[k]);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Relation to an observer: "to the left, above and in front of". */
export function relationToObserverPhrase(r: Relation): string {
  const words: Record<string, string> = { left: 'to the left', right: 'to the right', above: 'above', below: 'below', front: 'in front', behind: 'behind' };
  const parts = [r.lr, r.ab, r.fb].filter(Boolean).map((k) => words[k]);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Wrong relations for a multiple choice: some differing in one part (hard), the rest random. */
export function wrongRelations(correct: Relation, all: Relation[], rand: () => number): string[] {
  const key = relationText(correct);
  const near = all.filter((r) => [r.lr !== correct.lr, r.ab !== correct.ab, r.fb !== correct.fb].filter(Boolean).length === 1);
  const far = all.filter((r) => relationText(r) !== key && !near.includes(r));
  const take = (pool: Relation[], n: number) => {
    const p = [...pool], out: string[] = [];
    while (out.length < n && p.length) out.push(relationText(p.splice(Math.floor(rand() * p.length), 1)[0]));
    return out;
  };
  const nNear = 1 + Math.floor(rand() * 2);
  return [...take(near, nNear), ...take(far, 3 - Math.min(nNear, near.length))];
}

const IRREGULAR = table<string>({
  person: 'people',
  mouse: 'mice',
  knife: 'knives',
  sheep: 'sheep',
  skis: 'pairs of skis',
  scissors: 'pairs of scissors',
  'wine glass': 'wine glasses',
  bus: 'buses',
  couch: 'couches',
  bench: 'benches',
  'hair drier': 'hair driers',
  toothbrush: 'toothbrushes',
  sandwich: 'sandwiches',
  'sports ball': 'sports balls',
});

/** English plural of a category name. */
export function plural(label: string): string {
  const irregular = IRREGULAR[label];
  if (irregular) return irregular;
  if (/(s|x|z|ch|sh)$/.test(label)) return `${label}es`;
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  return `${label}s`;
}
