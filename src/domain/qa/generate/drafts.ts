// The four formats built the same way for every task: a quantity (fill a number, pick it among
// wrong values, say it in a sentence, judge "more than / less than" a stated value) or a choice
// among named answers (fill the name, pick it, say it, judge a claim).
//
// Options and claims are built so that a reader who does not see the image learns nothing from
// them. Multiple choice: the wrong options are the answers of sibling questions (the same question
// about other random tuples of the scene), drawn once and kept only when every option fails the
// task's rule against every other (a symmetric condition); then the options are exchangeable
// draws from one distribution and the right one is any of them with equal odds, whatever a reader
// knows about typical values. True/false: the claimed value is the geometric mean of the answer
// and a sibling's answer (or the claim is the answer or a sibling's), so true and false claims
// have the same distribution of displayed values.
import { RULE_MARGIN, fixed, geometricMean, printedAtLeastTwo, relErr, ruleRatio, shuffle } from '../numbers';
import { type Draft, type ItemParams, type Made, type MakeInput, pick } from './task';
import type { Mark } from '../types';

/** How a quantity is written in one unit. */
export interface QuantityUnit {
  /** Unit key stored with the item ("m", "cm", "m3"). */
  unit: string;
  /** Unit as the question writes it ("meters"). */
  words: string;
  /** Unit symbol printed after each option ("2.41 m"); without it the stem names the unit. */
  symbol?: string;
  /** Value in this unit = base value × factor. */
  factor: number;
  /** The printed number of a value in this unit (answers, options, claims). */
  show: (x: number) => string;
}

export interface Quantity {
  /** The exact quantity in its base unit (metres, cubic metres). */
  value: number;
  /** Relative error that counts as a wrong answer (the task's success rule). */
  threshold: number;
  /** The units it may be written in; `unitFor` picks one for a value (base units). */
  units: QuantityUnit[];
  unitFor: (v: number) => QuantityUnit;
}

/** A quantity written in one unit whatever its size. */
export function singleUnit(value: number, threshold: number, unit: QuantityUnit): Quantity {
  return { value, threshold, units: [unit], unitFor: () => unit };
}

export interface Common {
  evidence: Record<string, unknown>;
  marks: Mark[];
  chosen?: Draft['chosen'];
}

export interface QuantityQuestion {
  /** Question stems, one per phrasing. */
  stems: string[];
  /** Fill instructions for the unit as written, one per phrasing. */
  fill?: (words: string) => string[];
  /** Answer sentences for a printed value with its unit. */
  sentences: (shown: string) => string[];
  /** Judge statements claiming more / less than a printed value with its unit. */
  more: (shown: string) => string[];
  less: (shown: string) => string[];
}

const withUnit = (u: QuantityUnit, s: string) => `${s} ${u.words}`;

/** Options of a multiple choice at most (SPAR's A–D). */
const MAX_OPTIONS = 4;

/** The options' printed texts and unit, when every option fails the rule against every other. */
function fairValues(set: number[], q: Quantity): { texts: string[]; unit: QuantityUnit } | null {
  if (!set.every((x) => x > 0 && Number.isFinite(x))) return null;
  // the unit follows the whole set, not the answer (a set in centimetres would otherwise say "under a metre")
  const unit = q.unitFor(geometricMean(set));
  const texts = set.map((x) => printedAtLeastTwo(x * unit.factor, unit.show));
  const shown = texts.map((t) => Number(t) / unit.factor);
  if (!shown.every((x) => x > 0) || new Set(texts).size !== texts.length) return null;
  const clear = q.threshold * (1 + RULE_MARGIN);
  for (let i = 0; i < set.length; i++)
    for (let j = 0; j < set.length; j++) if (i !== j && !(relErr(shown[i], set[j]) > clear && relErr(shown[i], shown[j]) > clear)) return null;
  return { texts, unit };
}

/**
 * The answer followed by its wrong values: siblings' values, drawn once and kept only when every
 * two of them are apart by the rule (redrawing until they fit would favour answers that fit
 * easily). How many options the scene's values support is probed apart from the item (four
 * options pairwise outside MRA's 50 % span a factor of eight, more than a room's depths do: such
 * quantities get fewer options rather than values no room has). Recomputing after an edit may fall
 * back to a geometric ladder whose ratio exceeds the rule between any two rungs, the answer on a
 * uniformly drawn rung.
 */
function quantityOptions({ siblings, rand, lenient }: MakeInput, q: Quantity): { texts: string[]; unit: QuantityUnit } | null {
  if (siblings) {
    const values = (ds: Draft[]) => ds.map((d) => d.quantity ?? NaN);
    const n = siblings.optionCount(MAX_OPTIONS, (ds) => fairValues(values(ds), q) !== null);
    const ws: number[] = [];
    for (let k = 1; k < n; k++) {
      const w = siblings.draw(rand)?.quantity;
      if (w === undefined) break;
      ws.push(w);
    }
    const f = ws.length === n - 1 ? fairValues([q.value, ...ws], q) : null;
    if (f) return f;
  }
  return lenient ? ladder(rand, q) : null;
}

function ladder(rand: () => number, q: Quantity): { texts: string[]; unit: QuantityUnit } | null {
  const wrongCount = MAX_OPTIONS - 1;
  const rung = Math.floor(rand() * (wrongCount + 1));
  const base = ruleRatio(q.threshold);
  for (let t = 0; t < 12; t++) {
    // a little above the rule's ratio, so that rounding the printed values keeps them apart
    const ratio = base * (1.08 + 0.3 * rand());
    const wrong = Array.from({ length: wrongCount + 1 }, (_, k) => q.value * ratio ** (k - rung)).filter((_, k) => k !== rung);
    const f = fairValues([q.value, ...shuffle(wrong, rand)], q);
    if (f) return f;
  }
  return null;
}

/** A judge claim "more:1.20:m": the geometric mean of the answer and a sibling's value, on the side that gives the wanted truth. */
function makeClaim({ siblings, rand }: MakeInput, q: Quantity, truth: boolean): string | null {
  const w = siblings?.draw(rand)?.quantity;
  if (!(w !== undefined && w > 0)) return null;
  const t = Math.sqrt(q.value * w);
  const unit = q.unitFor(t);
  const shown = printedAtLeastTwo(t * unit.factor, unit.show);
  const tv = Number(shown) / unit.factor;
  // symmetric in the answer and the sibling, so that which of the two is the answer stays a coin toss
  const clear = q.threshold * (1 + RULE_MARGIN);
  if (!(tv > 0 && relErr(tv, q.value) > clear && relErr(tv, w) > clear)) return null;
  const more = q.value > tv === truth;
  return `${more ? 'more' : 'less'}:${shown}:${unit.unit}`;
}

/** A stored claim's side, printed value and unit (claims written before units were stored use the value's unit). */
export function parseClaim(claim: string, q: Quantity): { more: boolean; shown: string; unit: QuantityUnit } | null {
  const [side, shown, key] = claim.split(':');
  if ((side !== 'more' && side !== 'less') || !shown || !Number.isFinite(Number(shown))) return null;
  const unit = key === undefined ? q.unitFor(q.value) : q.units.find((u) => u.unit === key);
  return unit ? { more: side === 'more', shown, unit } : null;
}

export function quantityDraft(input: MakeInput, q: Quantity, text: QuantityQuestion, common: Common): Made {
  const { format, p } = input;
  const stem = pick(text.stems, p.phrasing);
  const own = q.unitFor(q.value);
  const base = (u: QuantityUnit) => ({ value: q.value * u.factor, unit: u.unit, quantity: q.value, ...common });
  switch (format) {
    case 'fill':
      return { ...base(own), stem, instruction: text.fill ? pick(text.fill(own.words), p.phrasing) : undefined, answer: own.show(q.value * own.factor) };
    case 'sentence':
      return { ...base(own), stem, answer: pick(text.sentences(withUnit(own, own.show(q.value * own.factor))), p.phrasing) };
    case 'select': {
      const options = quantityOptions(input, q);
      // one reason for all values: the generator counts skips by reason
      if (!options) return "other tuples' values did not fall clear of the answer and of each other";
      const { texts, unit } = options;
      if (unit.symbol) return { ...base(unit), stem, correct: `${texts[0]} ${unit.symbol}`, distractors: texts.slice(1).map((d) => `${d} ${unit.symbol}`) };
      return { ...base(unit), stem: `${stem} The options are in ${unit.words}.`, correct: texts[0], distractors: texts.slice(1) };
    }
    case 'judge': {
      const claim = typeof p.claim === 'string' ? p.claim : makeClaim(input, q, p.truth ?? true);
      if (!claim) return 'no claim clear of both the value and another of its kind could be placed between them';
      const c = parseClaim(claim, q);
      if (!c) return `the stored claim ${JSON.stringify(claim)} cannot be read`;
      const tv = Number(c.shown) / c.unit.factor;
      if (!(relErr(tv, q.value) > q.threshold)) return `the value (${own.show(q.value * own.factor)} ${own.words}) is now too close to the statement's ${c.shown} to judge`;
      const truth = c.more ? q.value > tv : q.value < tv;
      const statements = c.more ? text.more(withUnit(c.unit, c.shown)) : text.less(withUnit(c.unit, c.shown));
      return { ...base(c.unit), stem: pick(statements, p.phrasing), truth, chosen: { ...common.chosen, claim } };
    }
  }
}

/** Sibling answers as options and claims: `apart` says whether two answers can both stand (default: different texts). */
export interface SiblingChoices {
  apart?: (a: string, b: string) => boolean;
  /** Params every sibling question shares with this one beyond the variant (the class counted). */
  extra?: Partial<ItemParams>;
}

export interface ChoiceQuestion {
  stem: string;
  /** Fill instruction. */
  fill?: string;
  correct: string;
  /**
   * Wrong answers to draw options and false claims from, when siblings are not used (or cannot be
   * had while recomputing). A function is called only then, so that it draws from the random
   * stream only when it is used: generating and recomputing must consume the stream alike.
   */
  wrong: string[] | (() => string[]);
  /** The answer as a sentence. */
  sentence: string;
  /** A statement claiming the given answer (judge). */
  statement: (claimed: string) => string;
  /** Options shown in select (the answer included); default 4. */
  options?: number;
  value?: Draft['value'];
  /**
   * The answer belongs to a space every tuple shares (relations, directions, counts): wrong options
   * and false claims are other tuples' answers. Without it they come from `wrong` (answers that
   * name the item's own objects, which are symmetric by the random order of the tuple).
   */
  siblings?: SiblingChoices;
}

/**
 * Sibling answers as wrong options: as many as the scene's answers support (at most `n` options in
 * all), drawn once and kept only when all of them are apart from the answer and each other; null
 * when the draw does not give that.
 */
function siblingOptions({ siblings, rand }: MakeInput, c: ChoiceQuestion, n: number): string[] | null {
  if (!siblings || !c.siblings) return null;
  const apart = c.siblings.apart ?? ((a: string, b: string) => a !== b);
  const allApart = (keys: string[]) => keys.every((a, i) => keys.every((b, j) => j <= i || apart(a, b)));
  const m = n <= 2 ? 2 : siblings.optionCount(n, (ds) => ds.every((d) => d.key !== undefined) && allApart(ds.map((d) => d.key!)), c.siblings.extra);
  const keys = [c.correct];
  for (let k = 1; k < m; k++) {
    const key = siblings.draw(rand, c.siblings.extra)?.key;
    if (key === undefined) return null;
    keys.push(key);
  }
  return allApart(keys) ? keys.slice(1) : null;
}

export function choiceDraft(input: MakeInput, c: ChoiceQuestion, common: Common): Made {
  const { format, p, rand } = input;
  const base = { value: c.value ?? c.correct, key: c.correct, ...(c.siblings ? {} : { ownOptions: true }), ...common };
  const exchangeable = !!(c.siblings && input.siblings);
  const wrongList = () => (typeof c.wrong === 'function' ? c.wrong() : c.wrong);
  switch (format) {
    case 'fill':
      return { ...base, stem: c.stem, instruction: c.fill, answer: c.correct };
    case 'sentence':
      return { ...base, stem: c.stem, answer: c.sentence };
    case 'select': {
      const n = c.options ?? 4;
      if (exchangeable) {
        const wrong = siblingOptions(input, c, n);
        if (wrong) return { ...base, stem: c.stem, correct: c.correct, distractors: wrong };
        if (!input.lenient) return "other tuples' answers were not distinct from it and each other";
      }
      const pool = [...wrongList()];
      const m = Math.min(n - 1, pool.length);
      if (m < 1) return 'no wrong option to offer';
      const distractors: string[] = [];
      while (distractors.length < m) distractors.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
      return { ...base, stem: c.stem, correct: c.correct, distractors };
    }
    case 'judge': {
      let claim = typeof p.claim === 'string' ? p.claim : undefined;
      if (claim === undefined && exchangeable) {
        // a sibling's answer is drawn for true statements too, so that which claims get kept does not depend on the truth
        const [w] = siblingOptions(input, c, 2) ?? [];
        if (w !== undefined) claim = p.truth === false ? w : c.correct;
        else if (!input.lenient) return "another tuple's answer drawn for the claim was the same as this one";
      }
      if (claim === undefined) {
        const wrong = p.truth === false ? wrongList() : [];
        if (p.truth === false && !wrong.length) return 'no false claim to make';
        claim = p.truth === false ? wrong[Math.floor(rand() * wrong.length)] : c.correct;
      }
      return { ...base, stem: c.statement(claim), truth: claim === c.correct, chosen: { ...common.chosen, claim } };
    }
  }
}

/** Metres, one decimal (SPAR). */
export const METRES_1: QuantityUnit = { unit: 'm', words: 'meters', factor: 1, show: (x) => fixed(x, 1) };
