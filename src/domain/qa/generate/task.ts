// The contract between the QA engine and its tasks. A task turns a tuple of objects (and the
// choices stored in `ItemParams`) into a draft: the question stem, the answer in the requested
// format, the quantities used and the marks. Every random choice a draft depends on is either in
// the params or drawn from `rand`, which is seeded from the params, so the same params give the
// same draft: that is what lets `recompute` derive an item again after a box is fixed.
import type { QAContext, QAObject } from './context';
import type { RefKind } from './references';
import type { Mark, QAFormat } from '../types';

/**
 * The same question about other random tuples of the scene (same variant, `extra` on top): their
 * answers are drawn from the same distribution as this item's, which is what makes them fair wrong
 * options and false claims (siblings.ts).
 */
export interface SiblingSource {
  /** A sibling's draft, or null when no fit tuple was found. */
  draw(rand: () => number, extra?: Partial<ItemParams>): Draft | null;
  /**
   * How many options (2 to max) this scene's answers to the question support: the largest count
   * for which enough probe sets of sibling drafts `fit` (are all apart). Probed once per scene,
   * task, variant and extra on a stream of their own, so the count says nothing about any item.
   */
  optionCount(max: number, fits: (drafts: Draft[]) => boolean, extra?: Partial<ItemParams>): number;
}

export type Family = 'spar' | 'hispatial';

export interface ItemParams {
  /** The objects of the question, in order (ids). */
  objects: string[];
  /** Which phrasing (taken modulo the number of phrasings). */
  phrasing: number;
  /** Seed of the draft's own random choices (distractors, claims). */
  rng: number;
  /** Sub-question (e.g. "closer" / "farther", "horizontal"). */
  variant?: string;
  /** HiSpatial reference kind of each object, checked again on recompute. */
  refs?: RefKind[];
  /** Judge: the truth the generator aimed at (the stored claim decides the answer later). */
  truth?: boolean;
  /** Judge: the statement's claim, kept so that a fixed box re-judges the same statement. */
  claim?: number | string | number[];
  /** Select: where the correct option goes. */
  slot?: number;
  /** Pixel tasks: pixels (OpenCV pixel-centre coordinates, integers) on the stored image. */
  pixels?: [number, number][];
  /** Counting: the class counted. */
  target?: string;
  /** Multi-view: the image each object is marked in, or the view compared (0 = main photo, k = scene.views[k − 1]). */
  views?: number[];
}

export interface Draft {
  /** The question without options or answer-format instructions. */
  stem: string;
  /** Format instruction after the stem (fill). */
  instruction?: string;
  /** Fill and sentence formats. */
  answer?: string;
  /** Select: the correct option's text and the wrong ones. */
  correct?: string;
  distractors?: string[];
  /** Judge: whether the statement in `stem` is true. */
  truth?: boolean;
  value: number | number[] | string | boolean;
  unit?: string;
  evidence: Record<string, unknown>;
  marks: Mark[];
  /** Image files of the item, main view first (multi-view items); default the scene's photo. */
  images?: string[];
  /** Params the draft chose (claims, reference kinds) to store with the item. */
  chosen?: Partial<ItemParams>;
  /** Choice drafts: the right answer as an option reads (what a sibling offers as a wrong one). */
  key?: string;
  /** Quantity drafts: the exact quantity in its base unit (metres, cubic metres). */
  quantity?: number;
  /** Choice drafts whose options name the item's own objects (not siblings' answers): the generator balances them by text. */
  ownOptions?: boolean;
}

/** A draft, or why the tuple cannot make a fair question. */
export type Made = Draft | string;

export interface MakeInput {
  ctx: QAContext;
  objs: QAObject[];
  format: QAFormat;
  p: ItemParams;
  rand: () => number;
  /** Other tuples' drafts (absent while drafting a sibling itself). */
  siblings?: SiblingSource;
  /**
   * Recomputing after an edit: options that cannot be drawn from the siblings any more fall back
   * to a fair construction (every wrong option still fails the rule) instead of refusing the item.
   */
  lenient?: boolean;
}

export interface TaskDef {
  id: string;
  family: Family;
  /** HiSpatial level. */
  level?: 'L0' | 'L1' | 'L2' | 'L3';
  /** A short description for menus. */
  title: string;
  /** Objects per question (0: pixel tasks). */
  arity: number;
  formats: QAFormat[];
  variants?: string[];
  /** What the scene must provide beyond objects: the cloud, a known facing, posed extra views. */
  needs?: 'points' | 'orientation' | 'views';
  /** Relative error a numeric distractor must exceed: the task's success rule. */
  threshold?: number;
  make(input: MakeInput): Made;
}

export const isDraft = (m: Made): m is Draft => typeof m !== 'string';

/** Upper-cases the first letter (references start in lower case). */
export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One of several phrasings, by the item's phrasing index. */
export const pick = <T>(list: readonly T[], i: number): T => list[((i % list.length) + list.length) % list.length];

/** FNV-1a over a string: stable seeds from names. */
export function hashString(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
