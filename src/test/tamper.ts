// Ways to tamper with a QA item, for the audit's tests and bench: each returns a changed copy, or
// null when the item has nothing that kind of tampering could change.
import type { QAItem } from '../domain/qa/types';

export const TAMPERINGS = ['answer', 'letter', 'truth', 'names', 'mark', 'value'] as const;
export type Tampering = (typeof TAMPERINGS)[number];

const LETTERS = 'ABCDEF';
const clone = (it: QAItem): QAItem => structuredClone(it);

/** A printed number moved well away (×1.6, same decimals). */
const moveNumber = (t: string) => {
  const d = t.split('.')[1]?.length ?? 0;
  const x = Number(t) * 1.6 + (Number(t) === 0 ? 1 : 0);
  return x.toFixed(d);
};

const SWAPS: [string, string][] = [
  ['left', 'right'],
  ['above', 'below'],
  ['front', 'behind'],
  ['closer', 'farther'],
  ['red', 'blue'],
];

/** Swaps the first pair of opposite words found; null when none is there. */
function swapWords(text: string): string | null {
  for (const [a, b] of SWAPS) {
    const re = new RegExp(`\\b(${a}|${b})\\b`, 'g');
    if (re.test(text)) return text.replace(re, (w) => (w === a ? b : a));
  }
  return null;
}

/** Object names the synthetic rooms use, longest first (so "dining table" wins over "table"). */
const LABELS = ['teddy bear', 'dining table', 'potted plant', 'refrigerator', 'microwave', 'suitcase', 'bicycle', 'umbrella', 'toaster', 'laptop', 'couch', 'chair', 'bench', 'clock', 'oven', 'sink', 'vase', 'lamp', 'bed', 'cup', 'TV'];

/** Two names in the question swapped (or the one name replaced, or two mark colours swapped). */
function swapNames(q: string): string | null {
  const found: { label: string; at: number }[] = [];
  for (const l of LABELS) {
    const m = new RegExp(`\\b${l}\\b`).exec(q);
    if (m && !found.some((f) => m.index >= f.at && m.index < f.at + f.label.length)) found.push({ label: l, at: m.index });
  }
  found.sort((a, b) => a.at - b.at);
  if (found.length >= 2) {
    const [a, b] = found;
    const mark = '\u0000';
    return q.split(a.label).join(mark).split(b.label).join(a.label).split(mark).join(b.label);
  }
  if (found.length === 1) return q.replace(new RegExp(`\\b${found[0].label}\\b`), found[0].label === 'chair' ? 'bench' : 'chair');
  return swapWords(q);
}

export function tamper(item: QAItem, kind: Tampering): QAItem | null {
  const it = clone(item);
  const sl = it.spatial_lens;
  switch (kind) {
    case 'answer': {
      if (sl.format === 'select') {
        const n = sl.options?.length ?? 0;
        const k = LETTERS.indexOf(it.answer);
        if (n < 2 || k < 0) return null;
        it.answer = LETTERS[(k + 1) % n];
      } else if (sl.format === 'judge') it.answer = it.answer === 'True' ? 'False' : 'True';
      else {
        const withNumber = it.answer.replace(/-?\d+(\.\d+)?/, (t) => moveNumber(t));
        it.answer = withNumber !== it.answer ? withNumber : (swapWords(it.answer) ?? `${it.answer} or so`);
      }
      return it;
    }
    case 'letter': {
      // the options re-lettered (rotated by one), the answer following its text: consistent, but not what was generated
      const opts = sl.options;
      const k = LETTERS.indexOf(it.answer);
      if (sl.format !== 'select' || !opts || opts.length < 2 || k < 0) return null;
      const texts = opts.map((o) => o.slice(3));
      const rotated = [...texts.slice(1), texts[0]];
      const options = rotated.map((t, i) => `${LETTERS[i]}. ${t}`);
      const list = opts.join('; ');
      if (!it.question.includes(list)) return null;
      it.question = it.question.replace(list, options.join('; '));
      sl.options = options;
      it.answer = LETTERS[(k - 1 + opts.length) % opts.length];
      return it;
    }
    case 'truth':
      if (sl.format !== 'judge') return null;
      it.answer = it.answer === 'True' ? 'False' : 'True';
      return it;
    case 'names': {
      const q = swapNames(it.question);
      if (q === null || q === it.question) return null;
      it.question = q;
      return it;
    }
    case 'mark': {
      const m = sl.marks?.[0];
      if (!m) return null;
      if (m.uv) m.uv = [m.uv[0] + 15, m.uv[1] - 10];
      else if (m.box) m.box = [m.box[0] + 12, m.box[1] + 8, m.box[2] + 12, m.box[3] + 8];
      else return null;
      return it;
    }
    case 'value': {
      const v = sl.value;
      if (typeof v === 'number') sl.value = v * 1.1 + 0.05;
      else if (Array.isArray(v) && typeof v[0] === 'number') sl.value = [(v[0] as number) + 0.1, ...v.slice(1)] as number[];
      else if (typeof v === 'string') sl.value = `${v} `;
      else return null;
      return it;
    }
  }
}
