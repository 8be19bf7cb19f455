// Blind review: the reviewer answers an item before its key (the answer it carries) is shown, so the
// item is verified without anchoring on the key. The answer is asked for in the item's own kind (an
// option letter, True/False, a number in the question's unit, a vector, a name); it is compared with
// the key under the task's own success rule, stored with the decision, and the agreement is counted
// per task on the Dashboard.
import { TASK_BY_ID } from '../qa/generate/tasks';
import { SPAR_NA_TASKS, isLengthUnit, parseSparNumber, parseVector3, sparMra, toCentimetres, vectorSuccess, DIRECTION_SUCCESS_DEG, POINT_SUCCESS_SHARE } from '../qa/eval/scoring';
import type { QAItem } from '../qa/types';
import { answerShape, parseNumberAnswer } from './answerShape';
import type { ReviewLookup } from './state';
import type { QueueRow } from './types';

/** A reviewer's own answer to an item, given before its key was shown; stored with the decision. */
export interface BlindAnswer {
  /** As given: an option letter, True/False, a number as typed; empty when the reviewer could not tell. */
  answer: string;
  /** The item's key (its answer) when the reviewer answered. */
  key: string;
  /** Whether the answer meets the key under `rule`; null when the reviewer could not tell. */
  agrees: boolean | null;
  /** How the two were compared ("same letter", "within 50 %", …). */
  rule: string;
  /** Numbers: |answer − key| / |key|. */
  relErr?: number;
  /** SPAR's numeric tasks: the answer's mean relative accuracy against the key. */
  mra?: number;
  answeredAt: string;
}

/** How the reviewer is asked: one key (a letter, T or F), or a typed answer and Enter; `none`: only "show the key". */
export type BlindAsk =
  | { kind: 'letter'; letters: string[] }
  | { kind: 'truth'; yes: string; no: string }
  | { kind: 'number'; unit: string | null; whole: boolean }
  | { kind: 'vector' }
  | { kind: 'text' }
  | { kind: 'none' };

/** The key's number: the answer as written when it is a number, else the item's exact value, else the answer's first number. */
function keyNumber(item: QAItem): number | null {
  const n = parseNumberAnswer(item.answer);
  if (n) return n.value;
  if (typeof item.spatial_lens.value === 'number') return item.spatial_lens.value;
  return parseSparNumber(item.answer, item.task.endsWith('_mv'));
}

/** The unit a numeric answer is in: the answer's own, else the item's, else SPAR's metres for its depth and distance tasks. */
function keyUnit(item: QAItem): string | null {
  return parseNumberAnswer(item.answer)?.unit ?? item.spatial_lens.unit ?? (SPAR_NA_TASKS.includes(item.task) ? 'm' : null);
}

const isVector = (v: unknown): v is [number, number, number] => Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number');

export function blindAsk(item: QAItem): BlindAsk {
  const shape = answerShape(item);
  switch (shape.kind) {
    case 'letter':
      return { kind: 'letter', letters: shape.letters };
    case 'truth':
      return { kind: 'truth', yes: shape.yes, no: shape.no };
    case 'number':
      return { kind: 'number', unit: keyUnit(item), whole: shape.whole };
    case 'vector':
      return { kind: 'vector' };
    case 'relation':
    case 'name':
      return { kind: 'text' };
    case 'sentence':
      if (typeof item.spatial_lens.value === 'number' || (shape.number && keyNumber(item) !== null && shape.unit)) return { kind: 'number', unit: keyUnit(item), whole: Number.isInteger(keyNumber(item)) && /count/i.test(item.task) };
      if (isVector(item.spatial_lens.value)) return { kind: 'vector' };
      return { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/**
 * The answer one key press gives: an option letter, T or F; `reveal` for X ("I cannot tell: show
 * the key") where X is not an option; null when the key is not an answer (other bindings apply).
 */
export function blindKey(ask: BlindAsk, key: string): { answer: string } | { reveal: true } | null {
  if (key.length !== 1) return null;
  const up = key.toUpperCase();
  if (ask.kind === 'letter' && ask.letters.includes(up)) return { answer: up };
  if (ask.kind === 'truth' && (up === 'T' || up === 'F')) return { answer: up === 'T' ? ask.yes : ask.no };
  if (up === 'X') return { reveal: true };
  return null;
}

/** The success rule of a task's numbers: its own threshold; counts exactly; SPAR's 50 % (where MRA gives credit) for its depth and distance tasks. */
function numberRule(item: QAItem, whole: boolean): { threshold: number | null; label: string; mra: boolean } {
  if (whole) return { threshold: null, label: 'same count', mra: false };
  const t = TASK_BY_ID.get(item.task)?.threshold ?? (SPAR_NA_TASKS.includes(item.task) ? 0.5 : undefined);
  if (t !== undefined) return { threshold: t, label: `within ${Math.round(t * 100)} %`, mra: t === 0.5 };
  return { threshold: 0.25, label: 'within 25 % (the task names no rule)', mra: false };
}

const normText = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!]+$/, '').replace(/\s*,\s*/g, ', ');

/** A blind answer compared with the item's key. `answer` null: the reviewer could not tell. */
export function judgeBlind(item: QAItem, answer: string | null, at: string = new Date().toISOString()): BlindAnswer {
  const key = item.answer;
  const ask = blindAsk(item);
  if (answer === null || !answer.trim()) return { answer: '', key, agrees: null, rule: 'could not tell', answeredAt: at };
  const given = answer.trim();
  switch (ask.kind) {
    case 'letter':
      return { answer: given.toUpperCase(), key, agrees: given.toUpperCase() === key.trim(), rule: 'same option', answeredAt: at };
    case 'truth':
      return { answer: given, key, agrees: given.toLowerCase() === key.trim().toLowerCase(), rule: 'same truth value', answeredAt: at };
    case 'number': {
      const rule = numberRule(item, ask.whole);
      const target = keyNumber(item);
      const typed = parseNumberAnswer(given);
      if (target === null || !typed) return { answer: given, key, agrees: false, rule: typed ? 'the key has no number' : 'not a number', answeredAt: at };
      // a length typed in another unit ("130 cm" for metres) is converted
      let value = typed.value;
      if (typed.unit && ask.unit && typed.unit.toLowerCase() !== ask.unit.toLowerCase() && isLengthUnit(typed.unit) && isLengthUnit(ask.unit)) value = toCentimetres(typed.value, typed.unit).cm / toCentimetres(1, ask.unit).cm;
      const relErr = target === 0 ? Math.abs(value) : Math.abs(value - target) / Math.abs(target);
      const agrees = rule.threshold === null ? value === target : relErr <= rule.threshold;
      const out: BlindAnswer = { answer: given, key, agrees, rule: rule.label, relErr, answeredAt: at };
      if (rule.mra) out.mra = sparMra(value, target);
      return out;
    }
    case 'vector': {
      const truth = isVector(item.spatial_lens.value) ? item.spatial_lens.value : parseVector3(key);
      const typed = parseVector3(given);
      const direction = item.task.endsWith('direction_vector');
      const rule = direction ? `within ${DIRECTION_SUCCESS_DEG}°` : `within ${POINT_SUCCESS_SHARE * 100} % of its distance`;
      if (!truth || !typed) return { answer: given, key, agrees: false, rule: typed ? 'the key has no vector' : 'not a vector (x, y, z)', answeredAt: at };
      return { answer: given, key, agrees: vectorSuccess(item.task, typed, truth), rule, answeredAt: at };
    }
    case 'text':
      return { answer: given, key, agrees: normText(given) === normText(key), rule: 'same words', answeredAt: at };
    case 'none':
      return { answer: given, key, agrees: null, rule: 'not compared', answeredAt: at };
  }
}

/** "your answer: B · key: B ✓", with the rule and the error for numbers. */
export function blindVerdictText(b: BlindAnswer): string {
  if (b.agrees === null && !b.answer) return `you could not tell · key: ${b.key}`;
  const mark = b.agrees === null ? '' : b.agrees ? ' ✓' : ' ✗';
  const detail: string[] = [];
  if (b.relErr !== undefined) detail.push(`${(b.relErr * 100).toFixed(0)} % off`);
  if (b.mra !== undefined) detail.push(`MRA ${b.mra.toFixed(2)}`);
  if (b.rule && b.agrees !== null && !/^same /.test(b.rule)) detail.push(b.rule);
  return `your answer: ${b.answer} · key: ${b.key}${mark}${detail.length ? ` (${detail.join(', ')})` : ''}`;
}

/** Checks a blind answer read back from storage or an import (a record of an older or newer version, or hand-edited). */
export function parseBlind(v: unknown): BlindAnswer | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.answer !== 'string' || typeof o.key !== 'string' || !(o.agrees === null || typeof o.agrees === 'boolean')) return undefined;
  const b: BlindAnswer = { answer: o.answer, key: o.key, agrees: o.agrees, rule: typeof o.rule === 'string' ? o.rule : '', answeredAt: typeof o.answeredAt === 'string' ? o.answeredAt : '' };
  if (typeof o.relErr === 'number' && Number.isFinite(o.relErr)) b.relErr = o.relErr;
  if (typeof o.mra === 'number' && Number.isFinite(o.mra)) b.mra = o.mra;
  return b;
}

export interface BlindTaskAgreement {
  task: string;
  /** Blind answers given (one per reviewer and item: each reviewer's latest decision). */
  answered: number;
  /** Of those, answers that meet the key. */
  agreed: number;
  /** Items the reviewer could not answer blind ("show the key"). */
  unsure: number;
  /** agreed / answered; null when none. */
  rate: number | null;
}

/** Agreement of blind answers with the key, per task (sorted by task) and overall. */
export function blindAgreement(rows: readonly QueueRow[], lookup: ReviewLookup): { tasks: BlindTaskAgreement[]; overall: BlindTaskAgreement } {
  const by = new Map<string, BlindTaskAgreement>();
  const overall: BlindTaskAgreement = { task: 'all', answered: 0, agreed: 0, unsure: 0, rate: null };
  for (const r of rows) {
    for (const d of lookup.byReviewer(r.id)) {
      const b = d.blind;
      if (!b) continue;
      let t = by.get(r.task);
      if (!t) by.set(r.task, (t = { task: r.task, answered: 0, agreed: 0, unsure: 0, rate: null }));
      for (const acc of [t, overall]) {
        if (b.agrees === null) acc.unsure++;
        else {
          acc.answered++;
          if (b.agrees) acc.agreed++;
        }
      }
    }
  }
  const tasks = [...by.values()].sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : 0));
  for (const t of [...tasks, overall]) t.rate = t.answered ? t.agreed / t.answered : null;
  return { tasks, overall };
}

/** What to do to answer, in a few words (the prompt in place of the hidden answer). */
export function blindPrompt(ask: BlindAsk): string {
  switch (ask.kind) {
    case 'letter':
      return `Your answer first: press its letter (${ask.letters.join(', ')}).`;
    case 'truth':
      return `Your answer first: press T (${ask.yes}) or F (${ask.no}).`;
    case 'number':
      return `Your answer first: type the ${ask.whole ? 'count' : `number${ask.unit ? ` in ${ask.unit}` : ''}`} and press Enter.`;
    case 'vector':
      return 'Your answer first: type it as (x, y, z) and press Enter.';
    case 'text':
      return 'Your answer first: type it as the question asks and press Enter.';
    case 'none':
      return 'This item cannot be answered with a key or a number: read it, then press X to show its answer.';
  }
}
