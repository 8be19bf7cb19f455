// A fix is checked before it is stored: the new answer must be an answer of the item's own kind (an
// option letter of a multiple-choice item, True or False, a number that keeps the unit the answer
// was written in, a vector, a relation, a name the question offers, a sentence that still states
// its number and unit), and edited options must keep their letters, say something and differ. A
// refused fix stores nothing; the message says what is wrong and what would do.
import type { QAItem } from '../qa/types';
import { type AnswerShape, PAIR_PATTERN, RELATION_PATTERN, VECTOR_PATTERN, answerShape, offers, parseNumberAnswer, sentenceNumber } from './answerShape';
import type { Edits } from './types';

export type FixCheck = { ok: true; edits: Edits } | { ok: false; message: string };

const q = (s: string) => `“${s.length > 60 ? `${s.slice(0, 57)}…` : s}”`;
const listOr = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`);

/** The option letters after the fix (edited options, else the item's). */
function lettersAfter(item: QAItem, shape: AnswerShape, options: string[] | undefined): string[] {
  if (!options) return shape.kind === 'letter' ? shape.letters : [];
  return options.map((o, i) => /^\s*\(?([A-Z])[.):]/.exec(o)?.[1] ?? String.fromCharCode(65 + i));
}

/** Checks and tidies (trims; a letter or a truth value in the item's own spelling) the answer. */
function checkAnswer(item: QAItem, shape: AnswerShape, raw: string, letters: string[]): { ok: true; answer: string } | { ok: false; message: string } {
  const answer = raw.trim();
  const was = item.answer;
  if (!answer) return { ok: false, message: 'The answer is empty: write the new answer, or press Esc to keep the item as it is.' };
  if (/[\r\n]/.test(answer) && shape.kind !== 'sentence' && shape.kind !== 'text') return { ok: false, message: 'The answer is one line: it holds a line break.' };
  switch (shape.kind) {
    case 'letter': {
      const up = answer.toUpperCase();
      if (letters.includes(up)) return { ok: true, answer: up };
      return { ok: false, message: `A multiple-choice item’s answer is one of its option letters, ${listOr(letters)}; ${q(answer)} is not one.` };
    }
    case 'truth': {
      const t = answer.toLowerCase();
      if (t === 'true') return { ok: true, answer: shape.yes };
      if (t === 'false') return { ok: true, answer: shape.no };
      return { ok: false, message: `A true/false item’s answer is ${shape.yes} or ${shape.no}; ${q(answer)} is neither.` };
    }
    case 'number': {
      const n = parseNumberAnswer(answer);
      const example = shape.unit ? `“1.2 ${shape.unit}”` : '“1.2”';
      if (!n) return { ok: false, message: `The answer is a number${shape.unit ? ` in ${shape.unit}` : ''}, like the original ${q(was)}; ${q(answer)} is not (write it like ${example}).` };
      if (shape.unit && n.unit?.toLowerCase() !== shape.unit.toLowerCase())
        return { ok: false, message: `The answer was written in ${shape.unit} (${q(was)}): keep the unit, like ${example}; ${q(answer)} ${n.unit ? `is in ${n.unit}` : 'has no unit'}.` };
      if (!shape.unit && n.unit) return { ok: false, message: `The answer is a bare number, like the original ${q(was)} (the question gives the unit): write ${q(answer.replace(n.unit, '').trim())}, without “${n.unit}”.` };
      if (shape.whole && (!Number.isInteger(n.value) || n.value < 0)) return { ok: false, message: `The answer is a count: a whole number, 0 or more; ${q(answer)} is not.` };
      return { ok: true, answer };
    }
    case 'vector':
      if (VECTOR_PATTERN.test(answer)) return { ok: true, answer };
      return { ok: false, message: `The answer is a 3D vector written “(x, y, z)”, like the original ${q(was)}; ${q(answer)} is not.` };
    case 'relation':
      if (RELATION_PATTERN.test(answer) && answer.split(',').length === 3) return { ok: true, answer: answer.split(',').map((s) => s.trim().toLowerCase()).join(', ') };
      return { ok: false, message: `The answer names three relations, “left or right, above or below, front or behind”, a part left empty when it cannot be told (like “left, , behind”); ${q(answer)} is not of that form.` };
    case 'pairs':
      if (answer.split(',').every((p) => PAIR_PATTERN.test(p))) return { ok: true, answer };
      return { ok: false, message: `The answer is a list of key:value pairs, like the original ${q(was)}; ${q(answer)} is not.` };
    case 'name':
      if (offers(item.question, answer)) return { ok: true, answer };
      return { ok: false, message: `The answer names one of the things the question offers (the original ${q(was)} is in the question); ${q(answer)} is not in the question.` };
    case 'sentence': {
      const now = sentenceNumber(answer);
      if (shape.number && !now.number) return { ok: false, message: `The answer sentence must still state its number, as the original does (${q(was)}); ${q(answer)} has none.` };
      if (shape.unit && now.unit !== shape.unit) return { ok: false, message: `The answer sentence must give its number in ${shape.unit}, as the original does (${q(was)}); ${q(answer)} ${now.unit ? `says ${now.unit}` : 'names no unit after its number'}.` };
      return { ok: true, answer };
    }
    case 'text':
      return { ok: true, answer };
  }
}

/** Checks edited options: each keeps its letter in order, says something, and no two are the same. */
function checkOptions(item: QAItem, options: string[]): { ok: true; options: string[] } | { ok: false; message: string } {
  const was = item.spatial_lens.options ?? [];
  const out = options.map((o) => o.trim());
  if (out.length < 2) return { ok: false, message: 'A multiple-choice item needs at least two options.' };
  const bodies: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const letter = String.fromCharCode(65 + i);
    const m = /^\(?([A-Z])[.):]\s*(.*)$/s.exec(out[i]);
    const lettered = was.length > i ? /^\s*\(?[A-Z][.):]/.test(was[i]) : true;
    if (lettered && (!m || m[1] !== letter)) return { ok: false, message: `Option ${letter} must start with its letter, “${letter}. ”, as the options did; it reads ${q(out[i])}.` };
    const body = (lettered && m ? m[2] : out[i]).trim();
    if (!body) return { ok: false, message: `Option ${letter} is empty.` };
    const same = bodies.findIndex((b) => b.toLowerCase() === body.toLowerCase());
    if (same >= 0) return { ok: false, message: `Options ${String.fromCharCode(65 + same)} and ${letter} are the same (${q(body)}).` };
    bodies.push(body);
    // numeric options keep being numbers in the unit they had
    const before = was[i] === undefined ? undefined : parseNumberAnswer(was[i].replace(/^\s*\(?[A-Z][.):]\s*/, ''));
    if (before) {
      const now = parseNumberAnswer(body);
      if (!now) return { ok: false, message: `Option ${letter} was a number (${q(was[i])}) and must stay one; ${q(out[i])} is not.` };
      if ((before.unit ?? '').toLowerCase() !== (now.unit ?? '').toLowerCase())
        return { ok: false, message: `Option ${letter} was written ${before.unit ? `in ${before.unit}` : 'without a unit'} (${q(was[i])}); keep it so: ${q(out[i])} ${now.unit ? `is in ${now.unit}` : 'has no unit'}.` };
    }
  }
  return { ok: true, options: out };
}

/**
 * Whether a fix may be stored, and the edits as they will be (answers tidied). Box edits are not
 * checked here: they are numbers from the editor, and the answer they lead to is checked like any.
 */
export function checkFix(item: QAItem, edits: Edits): FixCheck {
  const shape = answerShape(item);
  const out: Edits = { ...edits };
  let options: string[] | undefined;
  if (edits.options) {
    const o = checkOptions(item, edits.options[1]);
    if (!o.ok) return o;
    options = o.options;
    out.options = [edits.options[0], options];
  }
  const letters = lettersAfter(item, shape, options);
  if (edits.answer) {
    const a = checkAnswer(item, shape, edits.answer[1], letters);
    if (!a.ok) return a;
    if (a.answer === item.answer && !edits.options && !edits.boxes) return { ok: false, message: `The answer is unchanged (${q(item.answer)}): nothing to fix. Accept the item instead, or press Esc.` };
    out.answer = [edits.answer[0], a.answer];
  } else if (options && shape.kind === 'letter' && !letters.includes(item.answer.trim())) {
    return { ok: false, message: `The answer ${q(item.answer)} is no longer one of the options (${listOr(letters)}): give the answer as well.` };
  }
  return { ok: true, edits: out };
}

/** Whether `answer` is an answer of the item's own kind (tidied as a fix would store it), or why not. */
export function checkAnswerOf(item: QAItem, answer: string): { ok: true; answer: string } | { ok: false; message: string } {
  const shape = answerShape(item);
  return checkAnswer(item, shape, answer, lettersAfter(item, shape, undefined));
}
