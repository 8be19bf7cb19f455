// What a relation answer states, part by part: SPAR's option text "left, above, front" with an
// indistinguishable part left empty ("left, , behind"), an option letter whose text is that, or a
// sentence that names the parts it holds ("to the left of, above and in front of the table").
import { parseOptions } from '../../review/import/layouts';
import type { AboveBelow, FrontBehind, LeftRight, Relation } from '../relations';
import type { QAItem } from '../types';

type Part = 'lr' | 'ab' | 'fb';
const WORDS: readonly [RegExp, Part, string][] = [
  [/\bleft\b/, 'lr', 'left'],
  [/\bright\b/, 'lr', 'right'],
  [/\b(above|over|higher)\b/, 'ab', 'above'],
  [/\b(below|under|beneath|underneath|lower)\b/, 'ab', 'below'],
  [/\b(front|nearer|closer)\b/, 'fb', 'front'],
  [/\b(behind|back|farther|further)\b/, 'fb', 'behind'],
];

/** The option text an answer letter stands for ("B", "(b)", "B." → the text of option B). */
export function optionText(item: QAItem): string {
  const a = item.answer.trim();
  const letter = /^\(?([A-Da-d])\)?(?:[.):]\s*(.*))?$/s.exec(a);
  if (!letter) return a;
  // "B. left, above, front": the text is given after the letter
  if (letter[2]?.trim()) return letter[2].trim();
  const options = item.spatial_lens.options ?? parseOptions(item.question);
  const o = options?.[letter[1].toUpperCase().charCodeAt(0) - 65];
  return o ? o.replace(/^[A-D][.):]\s*/i, '') : a;
}

/** One slot of "left, above, front": a word of its axis, or empty. */
function slot(s: string, part: Part): string | null {
  const t = s.trim().toLowerCase();
  if (!t || /^(none|-|–|—|same|empty|indistinguishable|n\/a)$/.test(t)) return '';
  const hits = WORDS.filter(([re, p]) => p === part && re.test(t));
  return hits.length === 1 ? hits[0][2] : null;
}

/**
 * The relation an answer states, or null when it states none readably (both sides of an axis, or
 * no relation word at all). Three comma-separated slots are read by position; otherwise each
 * axis is read from its words and an axis not named is empty.
 */
export function parseRelationAnswer(text: string): Relation | null {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim().replace(/[.;]+$/, '');
  const slots = t.split(',');
  if (slots.length === 3) {
    const lr = slot(slots[0], 'lr'), ab = slot(slots[1], 'ab'), fb = slot(slots[2], 'fb');
    if (lr !== null && ab !== null && fb !== null && (lr || ab || fb)) return { lr: lr as LeftRight, ab: ab as AboveBelow, fb: fb as FrontBehind };
  }
  const out: Relation = { lr: '', ab: '', fb: '' };
  let any = false;
  for (const part of ['lr', 'ab', 'fb'] as const) {
    const hits = WORDS.filter(([re, p]) => p === part && re.test(t));
    if (hits.length > 1) return null;
    if (hits.length) {
      (out as unknown as Record<Part, string>)[part] = hits[0][2];
      any = true;
    }
  }
  return any ? out : null;
}
