// How the options of a multiple-choice item read to someone who does not see the image: as
// numbers (one per option, or a tuple such as a 3D point or a box), as tuples of categories
// ("left, above, front"), or as free text. Blind strategies and the learned baseline compare the
// options of one item with each other in these terms only.

export type OptionKind = 'scalar' | 'tuple' | 'category' | 'text';

export interface OptionSet {
  kind: OptionKind;
  /** Option texts without their letters. */
  texts: string[];
  /** Scalar and tuple options: the numbers of each option, in order. */
  numbers?: number[][];
  /** Category options: the comma-separated parts of each option. */
  parts?: string[][];
  /** Text options: the lower-case words of each option. */
  words?: Set<string>[];
}

const NUMBER = /-?\d+(?:\.\d+)?/g;
const LETTER_PREFIX = /^\s*\(?[A-Fa-f][.):]\s*/;

/** "B. 2.4 m" → "2.4 m". */
export const stripLetter = (option: string) => option.replace(LETTER_PREFIX, '');

/** The option's letter index (A → 0) from an answer such as "B", "B.", "(B)", "B. 2.4"; -1 when none. */
export function letterIndex(answer: string): number {
  const m = /^\s*\(?([A-Fa-f])(?:[.):]|\s|$)/.exec(answer);
  return m ? m[1].toUpperCase().charCodeAt(0) - 65 : -1;
}

/** Classifies the options of one item and reads what each holds. */
export function readOptions(texts: string[]): OptionSet {
  const skeletons = texts.map((t) => t.replace(NUMBER, '#').trim());
  const numbers = texts.map((t) => (t.match(NUMBER) ?? []).map(Number));
  const count = numbers[0]?.length ?? 0;
  if (count > 0 && skeletons.every((s) => s === skeletons[0]) && numbers.every((n) => n.length === count && n.every(Number.isFinite)))
    return { kind: count === 1 ? 'scalar' : 'tuple', texts, numbers };
  const parts = texts.map((t) => t.split(',').map((p) => p.trim().toLowerCase()));
  if (parts[0].length > 1 && parts.every((p) => p.length === parts[0].length)) return { kind: 'category', texts, parts };
  return { kind: 'text', texts, words: texts.map((t) => new Set(t.toLowerCase().match(/[a-z0-9]+/g) ?? [])) };
}

/** Whether every scalar is positive (then distances are taken between logarithms). */
const positive = (s: OptionSet) => s.kind === 'scalar' && s.numbers!.every((n) => n[0] > 0);

/** The scalar options on the axis distances use: log for positive quantities, else as they are. */
export function scalarAxis(s: OptionSet): number[] | null {
  if (s.kind !== 'scalar') return null;
  return s.numbers!.map((n) => (positive(s) ? Math.log(n[0]) : n[0]));
}

/** Distance between options i and j as a blind reader could measure it. */
export function optionDistance(s: OptionSet, i: number, j: number): number {
  switch (s.kind) {
    case 'scalar': {
      const a = s.numbers![i][0], b = s.numbers![j][0];
      return positive(s) ? Math.abs(Math.log(a) - Math.log(b)) : Math.abs(a - b);
    }
    case 'tuple': {
      const a = s.numbers![i], b = s.numbers![j];
      let d = 0;
      for (let k = 0; k < a.length; k++) d += (a[k] - b[k]) ** 2;
      return Math.sqrt(d);
    }
    case 'category': {
      const a = s.parts![i], b = s.parts![j];
      let d = 0;
      for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) d++;
      return d;
    }
    case 'text': {
      const a = s.words![i], b = s.words![j];
      let both = 0;
      for (const w of a) if (b.has(w)) both++;
      const union = a.size + b.size - both;
      return union ? 1 - both / union : 0;
    }
  }
}

/** Digits after the decimal point of each scalar option as printed. */
export function printedDecimals(s: OptionSet): number[] {
  return s.texts.map((t) => {
    const m = /-?\d+(?:\.(\d+))?/.exec(t);
    return m?.[1]?.length ?? 0;
  });
}
