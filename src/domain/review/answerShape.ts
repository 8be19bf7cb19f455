// What kind of answer an item has, read from the item itself (its format, its answer as written, its
// options and its question): an option letter, true/false, a number with or without its unit, a 3D
// vector, SPAR's three-part relation, view-change pairs, a name the question offers, a sentence. A
// fix must give an answer of the same kind, and a blind answer is asked for in that kind. A rule is
// only read from an answer that follows it, so an odd imported item falls back to plain text
// rather than to a rule its own answer breaks.
import { parseOptions } from './import/layouts';
import type { QAItem } from '../qa/types';

export type AnswerShape =
  /** Multiple choice: one of the option letters. */
  | { kind: 'letter'; letters: string[] }
  /** True/false, spelled as the item spells it ("True" / "False"). */
  | { kind: 'truth'; yes: string; no: string }
  /** A number alone ("0.9": the question gives the unit) or with its unit ("0.76 m"); counts are whole. */
  | { kind: 'number'; unit: string | null; whole: boolean }
  /** "(x, y, z)". */
  | { kind: 'vector' }
  /** SPAR's relation "left-right, above-below, front-behind", a part empty when indistinguishable. */
  | { kind: 'relation' }
  /** SPAR's view change, "move_right:0.3,rotate_left:15". */
  | { kind: 'pairs' }
  /** A phrase the question offers ("cup", "the blue point", "left"). */
  | { kind: 'name' }
  /** A sentence; `unit` is the unit word after its number, when it states one. */
  | { kind: 'sentence'; number: boolean; unit: string | null }
  | { kind: 'text' };

const NUMBER_RE = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([^\s\d.,;:()+-][^\s]*)?\s*$/u;
const VECTOR_RE = /^\s*\(\s*[+-]?\d+(?:\.\d+)?\s*,\s*[+-]?\d+(?:\.\d+)?\s*,\s*[+-]?\d+(?:\.\d+)?\s*\)\s*$/;
const RELATION_RE = /^\s*(left|right)?\s*,\s*(above|below)?\s*,\s*(front|behind)?\s*$/i;
const PAIR_RE = /^\s*[a-z_ ]+\s*:\s*[+-]?\d+(?:\.\d+)?\s*$/i;
const TRUTH_RE = /^\s*(true|false)\s*$/i;
/** Unit words a sentence may state after its number (longest first). */
const UNIT_WORDS = ['cubic meters', 'cubic metres', 'centimeters', 'centimetres', 'millimeters', 'millimetres', 'meters', 'metres', 'meter', 'metre', 'degrees', 'inches', 'feet', 'cm', 'mm', 'm3', 'm³', 'm', '°'];
const UNIT_AFTER_NUMBER = new RegExp(`\\d(?:\\.\\d+)?\\s*(${UNIT_WORDS.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'iu');

/** A number and the unit written after it ("0.76 m", "70", "85cm"), or null. */
export function parseNumberAnswer(text: string): { value: number; unit: string | null } | null {
  const m = NUMBER_RE.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  return Number.isFinite(value) ? { value, unit: m[2] ?? null } : null;
}

/** The letters of an item's options ("A. 3.0" → "A"), from its options or, failing that, its question. */
export function optionLetters(item: QAItem): string[] {
  const opts = item.spatial_lens.options ?? parseOptions(item.question) ?? [];
  const out: string[] = [];
  for (const o of opts) {
    const m = /^\s*\(?([A-Z])[.):]/.exec(o);
    if (m) out.push(m[1]);
  }
  return out;
}

/** The first number of a sentence and the unit word after it. */
export function sentenceNumber(text: string): { number: boolean; unit: string | null } {
  const number = /\d/.test(text);
  const m = UNIT_AFTER_NUMBER.exec(text);
  return { number, unit: m ? m[1].toLowerCase() : null };
}

const isCount = (task: string) => /count/i.test(task);

/** Whether `phrase` appears in `text` as whole words (case-insensitive). */
export function offers(text: string, phrase: string): boolean {
  const p = phrase.trim().toLowerCase();
  if (!p) return false;
  const t = text.toLowerCase();
  for (let at = t.indexOf(p); at >= 0; at = t.indexOf(p, at + 1)) {
    const before = at === 0 ? '' : t[at - 1];
    const after = t[at + p.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}

export function answerShape(item: QAItem): AnswerShape {
  const a = item.answer;
  const format = item.spatial_lens.format;
  if (format === 'select') {
    const letters = optionLetters(item);
    if (letters.length >= 2 && letters.includes(a.trim())) return { kind: 'letter', letters };
    return { kind: 'text' };
  }
  if (format === 'judge') {
    const m = TRUTH_RE.exec(a);
    if (!m) return { kind: 'text' };
    const lower = m[1] === m[1].toLowerCase();
    return lower ? { kind: 'truth', yes: 'true', no: 'false' } : { kind: 'truth', yes: 'True', no: 'False' };
  }
  if (format === 'sentence') return { kind: 'sentence', ...sentenceNumber(a) };
  const num = parseNumberAnswer(a);
  if (num) return { kind: 'number', unit: num.unit, whole: isCount(item.task) && Number.isInteger(num.value) };
  if (VECTOR_RE.test(a)) return { kind: 'vector' };
  if (RELATION_RE.test(a) && a.includes(',')) return { kind: 'relation' };
  if (a.includes(':') && a.split(',').every((p) => PAIR_RE.test(p))) return { kind: 'pairs' };
  if (offers(item.question, a)) return { kind: 'name' };
  return { kind: 'text' };
}

export const VECTOR_PATTERN = VECTOR_RE;
export const RELATION_PATTERN = RELATION_RE;
export const PAIR_PATTERN = PAIR_RE;

/** What an answer of this kind looks like, in a few words (a hint beside an answer field). */
export function shapeHint(shape: AnswerShape): string {
  switch (shape.kind) {
    case 'letter':
      return `one of the option letters ${shape.letters.join(', ')}`;
    case 'truth':
      return `${shape.yes} or ${shape.no}`;
    case 'number':
      return shape.whole ? 'a whole number' : shape.unit ? `a number in ${shape.unit}, like “1.2 ${shape.unit}”` : 'a number alone (the question gives the unit)';
    case 'vector':
      return 'a vector “(x, y, z)”';
    case 'relation':
      return '“left/right, above/below, front/behind”, a part empty when it cannot be told';
    case 'pairs':
      return 'key:value pairs, comma-separated';
    case 'name':
      return 'one of the things the question names';
    case 'sentence':
      return shape.unit ? `a sentence stating the number in ${shape.unit}` : shape.number ? 'a sentence stating the number' : 'a sentence';
    case 'text':
      return 'the answer as text';
  }
}
