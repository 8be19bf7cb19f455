// The four formats built the same way for every task: a quantity (fill a number, pick it among
// wrong values, say it in a sentence, judge "more than / less than" a stated value) or a choice
// among named answers (fill the name, pick it, say it, judge a claim).
import { numericDistractors, relErr } from './numbers';
import { type Draft, type Made, type MakeInput, pick } from './task';
import type { Mark } from './types';

export interface Quantity {
  value: number;
  /** Unit key stored with the item ("m", "m3", "L"). */
  unit: string;
  /** Unit as the question writes it ("meters"). */
  words: string;
  /** The printed number (answers, options, claims). */
  show: (v: number) => string;
  /** Relative error that counts as a wrong answer (the task's success rule). */
  threshold: number;
  /** Unit symbol printed after each option ("2.41 m"); without it the stem names the unit. */
  symbol?: string;
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

const withUnit = (q: Quantity, s: string) => `${s} ${q.words}`;

/** A judge claim "more:2.0" / "less:0.5": which side of a value the statement puts the quantity. */
function makeClaim(q: Quantity, truth: boolean, rand: () => number): string | null {
  const more = rand() < 0.5;
  // "more than t" is true when t lies below the value; the claim stays clear of the value by the threshold
  const below = more === truth;
  for (let k = 0; k < 8; k++) {
    const r = rand();
    const t = below ? q.value * (1 - q.threshold - 0.05 - r * 0.35) : q.value * (1 + q.threshold + 0.05 + r * 0.9);
    const shown = q.show(t);
    if (Number(shown) > 0 && relErr(Number(shown), q.value) > q.threshold) return `${more ? 'more' : 'less'}:${shown}`;
  }
  return null;
}

export function quantityDraft({ format, p, rand }: MakeInput, q: Quantity, text: QuantityQuestion, common: Common): Made {
  const shown = q.show(q.value);
  const base = { value: q.value, unit: q.unit, ...common };
  const stem = pick(text.stems, p.phrasing);
  switch (format) {
    case 'fill':
      return { ...base, stem, instruction: text.fill ? pick(text.fill(q.words), p.phrasing) : undefined, answer: shown };
    case 'sentence':
      return { ...base, stem, answer: pick(text.sentences(withUnit(q, shown)), p.phrasing) };
    case 'select': {
      const distractors = numericDistractors(q.value, rand, { threshold: q.threshold, show: q.show });
      if (!distractors) return `no wrong values clear of ${shown} ${q.words} could be printed`;
      if (q.symbol) return { ...base, stem, correct: `${shown} ${q.symbol}`, distractors: distractors.map((d) => `${d} ${q.symbol}`) };
      return { ...base, stem: `${stem} The options are in ${q.words}.`, correct: shown, distractors };
    }
    case 'judge': {
      const claim = typeof p.claim === 'string' ? p.claim : makeClaim(q, p.truth ?? true, rand);
      if (!claim) return 'no clear claim could be made';
      const [dir, t] = claim.split(':');
      const tv = Number(t);
      if (!(relErr(tv, q.value) > q.threshold)) return `the value (${shown} ${q.words}) is now too close to the statement's ${t} to judge`;
      const truth = dir === 'more' ? q.value > tv : q.value < tv;
      const statements = dir === 'more' ? text.more(withUnit(q, t)) : text.less(withUnit(q, t));
      return { ...base, stem: pick(statements, p.phrasing), truth, chosen: { ...common.chosen, claim } };
    }
  }
}

export interface ChoiceQuestion {
  stem: string;
  /** Fill instruction. */
  fill?: string;
  correct: string;
  /** Plausible wrong answers; options are drawn from them. */
  wrong: string[];
  /** The answer as a sentence. */
  sentence: string;
  /** A statement claiming the given answer (judge). */
  statement: (claimed: string) => string;
  /** Options shown in select (the answer included); default 4. */
  options?: number;
  value?: Draft['value'];
}

export function choiceDraft({ format, p, rand }: MakeInput, c: ChoiceQuestion, common: Common): Made {
  const base = { value: c.value ?? c.correct, ...common };
  switch (format) {
    case 'fill':
      return { ...base, stem: c.stem, instruction: c.fill, answer: c.correct };
    case 'sentence':
      return { ...base, stem: c.stem, answer: c.sentence };
    case 'select': {
      const n = Math.min((c.options ?? 4) - 1, c.wrong.length);
      if (n < 1) return 'no wrong option to offer';
      const pool = [...c.wrong];
      const distractors: string[] = [];
      while (distractors.length < n) distractors.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
      return { ...base, stem: c.stem, correct: c.correct, distractors };
    }
    case 'judge': {
      let claim = typeof p.claim === 'string' ? p.claim : undefined;
      if (claim === undefined) {
        if (p.truth === false && !c.wrong.length) return 'no false claim to make';
        claim = p.truth === false ? c.wrong[Math.floor(rand() * c.wrong.length)] : c.correct;
      }
      return { ...base, stem: c.statement(claim), truth: claim === c.correct, chosen: { ...common.chosen, claim } };
    }
  }
}
