// Checks any QA item can be put through, whoever made it (Spatial Lens, SPAR-7M, SPAR-Bench as
// imported): the answer reads as its format wants, a multiple-choice letter names an option, the
// numbers agree (answer, options, stored value, the claim of a true/false statement), marks lie
// on the item's images, and values close to a task's threshold are pointed out. Everything here
// reads the item alone (and the size of its images, when known); nothing throws.
import { relErr } from '../numbers';
import { RELATION_THRESHOLD } from '../relations';
import { SPAR_NA_TASKS, SPAR_VCI_TASK } from '../eval/scoring';
import type { ImageSize } from '../export/sparLayout';
import { TASK_BY_ID } from '../generate/tasks';
import type { Mark, QAItem } from '../types';
import { statementClaim } from './blind';
import type { Finding } from './findings';
import { letterIndex, readOptions, stripLetter } from './options';

export interface CheckContext {
  /** The size of the item's image `index`, when it is known. */
  imageSize?: (item: QAItem, index: number) => ImageSize | undefined;
}

/** SPAR's MRA gives no credit past 50 % relative error: the rule its numeric tasks are held to. */
const SPAR_RULE = 0.5;
/** A value within this share of a threshold is close enough to it to deserve a look. */
export const NEAR_SHARE = 0.05;

const NUMERIC_TASKS = new Set([...SPAR_NA_TASKS, 'spatial_volume_infer', 'obj_count']);
const RELATION_TASK = /^(obj_spatial_relation|spatial_imagination)_o[oc](_mv)?$/;
const NUMBER = /-?\d+(?:\.\d+)?/g;

const numbersIn = (text: string) => (text.match(NUMBER) ?? []).map((t) => ({ text: t, value: Number(t) }));
/** Half a unit of the last printed digit: how far a printed number may lie from the value it rounds. */
const roundingOf = (printed: string) => 0.5 * 10 ** -(printed.split('.')[1]?.length ?? 0) + 1e-9;
const agrees = (printed: string, value: number) => Math.abs(Number(printed) - value) <= roundingOf(printed) + 1e-6 * Math.abs(value);
const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The relative-error rule wrong numeric options of this task are held to, if it has one. */
export function ruleOf(task: string): number | undefined {
  return TASK_BY_ID.get(task)?.threshold ?? (NUMERIC_TASKS.has(task) && task !== 'obj_count' ? SPAR_RULE : undefined);
}

function isNumericItem(item: QAItem): boolean {
  const v = item.spatial_lens.value;
  return typeof v === 'number' || (v === undefined && NUMERIC_TASKS.has(item.task));
}

function answerFindings(item: QAItem, out: Finding[]): void {
  const sl = item.spatial_lens;
  const answer = item.answer;
  switch (sl.format) {
    case 'select': {
      const opts = sl.options;
      if (!Array.isArray(opts) || !opts.length) return void out.push({ code: 'no-options', severity: 'error', message: 'a multiple-choice item without options (none stored, none found in the question)' });
      if (opts.length < 2) out.push({ code: 'too-few-options', severity: 'error', message: `a multiple-choice item with ${opts.length} option` });
      const texts = opts.map((o) => stripLetter(String(o)));
      const dup = texts.find((t, i) => texts.indexOf(t) !== i);
      if (dup !== undefined) out.push({ code: 'duplicate-options', severity: 'error', message: `two options read "${short(dup)}"` });
      opts.forEach((o, i) => {
        if (letterIndex(String(o)) !== i) out.push({ code: 'option-letters', severity: 'warn', message: `option ${i + 1} ("${short(String(o))}") is not lettered ${'ABCDEF'[i] ?? '?'}` });
      });
      const k = letterIndex(answer);
      if (k < 0) out.push({ code: 'answer-letter', severity: 'error', message: `the answer "${short(answer)}" is not an option letter` });
      else if (k >= opts.length) out.push({ code: 'answer-letter', severity: 'error', message: `the answer names option ${'ABCDEF'[k]}, but there ${opts.length === 1 ? 'is 1 option' : `are ${opts.length} options`}` });
      return;
    }
    case 'judge':
      if (!/^(true|false)$/i.test(answer.trim())) out.push({ code: 'answer-judge', severity: 'error', message: `a true/false item answered "${short(answer)}"` });
      return;
    case 'fill': {
      if (!answer.trim()) return void out.push({ code: 'no-answer', severity: 'error', message: 'the answer is empty' });
      if (item.task === SPAR_VCI_TASK) {
        const pairs = answer.split(',').map((p) => p.trim());
        if (!pairs.every((p) => /^(move_(right|left|up|down|forward|backward)|rotate_(up|down|right|left)):-?\d+(\.\d+)?$/.test(p)))
          out.push({ code: 'answer-vci', severity: 'error', message: `the answer "${short(answer)}" is not key:value pairs of camera moves (move_right:0.3,rotate_left:15…)` });
        return;
      }
      if (isNumericItem(item) && !numbersIn(answer).length) out.push({ code: 'answer-number', severity: 'error', message: `a numeric answer without a number: "${short(answer)}"` });
      if (RELATION_TASK.test(item.task)) {
        const parts = answer.split(',').map((p) => p.trim().toLowerCase());
        const ok = parts.length === 3 && ['left', 'right', ''].includes(parts[0]) && ['above', 'below', ''].includes(parts[1]) && ['front', 'behind', ''].includes(parts[2]) && parts.some(Boolean);
        if (!ok) out.push({ code: 'answer-relation', severity: 'warn', message: `the answer "${short(answer)}" is not "left-right, above-below, front-behind" (for example "left, , behind")` });
      }
      return;
    }
    case 'sentence':
      if (!answer.trim()) out.push({ code: 'no-answer', severity: 'error', message: 'the answer is empty' });
      return;
    default:
      out.push({ code: 'format', severity: 'error', message: `unknown format ${JSON.stringify(sl.format)}` });
  }
}

/** Numbers that must agree: the answer (or right option) with the stored value, a statement's claim with its answer. */
function numberFindings(item: QAItem, out: Finding[]): void {
  const sl = item.spatial_lens;
  const value = typeof sl.value === 'number' && Number.isFinite(sl.value) ? sl.value : undefined;
  const unit = typeof sl.unit === 'string' ? ` ${sl.unit}` : '';
  if (sl.format === 'fill' && isNumericItem(item)) {
    const n = numbersIn(item.answer)[0];
    if (n && value !== undefined && !agrees(n.text, value)) out.push({ code: 'answer-value', severity: 'error', message: `the answer ${n.text} does not round the stored value ${value}${unit}` });
    if (n && n.value < 0) out.push({ code: 'answer-implausible', severity: 'error', message: `a negative ${item.task.includes('count') ? 'count' : 'length or volume'}: ${n.text}` });
    // depth given, depth asked: SPAR never asks when the two are within 0.1 m, so an answer equal to the given depth is a copy
    if (n && /^depth_prediction_oc/.test(item.task) && numbersIn(item.question).some((q) => q.value === n.value))
      out.push({ code: 'answer-in-question', severity: 'warn', message: `the answer ${n.text} is the depth the question gives for the other object` });
  }
  // "there are no chairs" says 0 in words
  const inWords = value === 0 && /\b(no|none|zero)\b/i.test(item.answer);
  if (sl.format === 'sentence' && value !== undefined && !inWords && numbersIn(item.answer).length && !numbersIn(item.answer).some((n) => agrees(n.text, value)))
    out.push({ code: 'answer-value', severity: 'error', message: `no number in the answer rounds the stored value ${value}${unit}` });
  if (sl.format === 'select' && Array.isArray(sl.options) && value !== undefined) {
    const k = letterIndex(item.answer);
    const right = k >= 0 && k < sl.options.length ? numbersIn(stripLetter(String(sl.options[k]))) : [];
    if (right.length === 1 && !agrees(right[0].text, value)) out.push({ code: 'answer-value', severity: 'error', message: `the right option (${right[0].text}) does not round the stored value ${value}${unit}` });
  }
  if (sl.format === 'judge' && value !== undefined && /^(true|false)$/i.test(item.answer.trim())) {
    const c = statementClaim(item.question);
    if (c.value !== null && c.side !== 0) {
      const truth = c.side > 0 ? value > c.value : value < c.value;
      if (truth !== /^true$/i.test(item.answer.trim()))
        out.push({ code: 'judge-value', severity: 'error', message: `the statement claims ${c.side > 0 ? 'more' : 'less'} than ${c.text}; the stored value is ${value}${unit}, yet the answer is ${item.answer}` });
      const rule = ruleOf(item.task);
      if (rule !== undefined) {
        const r = relErr(c.value, value);
        if (r <= rule) out.push({ code: 'claim-within-rule', severity: 'error', message: `the claimed ${c.text} lies within ${rule * 100} % of the value ${value}: the statement cannot be judged by the task's rule` });
        else if (r - rule <= NEAR_SHARE * rule) out.push({ code: 'claim-near-rule', severity: 'warn', message: `the claimed ${c.text} lies just beyond ${rule * 100} % of the value ${value}` });
      }
    }
  }
}

/** Wrong numeric options within (or barely beyond) the task's rule of the right one. */
function optionFindings(item: QAItem, out: Finding[]): void {
  const sl = item.spatial_lens;
  if (sl.format !== 'select' || !Array.isArray(sl.options) || sl.options.length < 2) return;
  const rule = ruleOf(item.task);
  const k = letterIndex(item.answer);
  if (rule === undefined || k < 0 || k >= sl.options.length) return;
  const set = readOptions(sl.options.map((o) => stripLetter(String(o))));
  if (set.kind !== 'scalar') return;
  const truth = typeof sl.value === 'number' && Number.isFinite(sl.value) ? sl.value : set.numbers![k][0];
  if (!(truth > 0)) return;
  set.numbers!.forEach(([w], i) => {
    if (i === k) return;
    const r = relErr(w, truth);
    const letter = 'ABCDEF'[i];
    if (r <= rule) out.push({ code: 'option-within-rule', severity: 'warn', message: `wrong option ${letter} (${set.texts[i]}) lies within ${rule * 100} % of the answer ${truth}: it earns credit under the task's rule` });
    else if (r - rule <= NEAR_SHARE * rule) out.push({ code: 'option-near-rule', severity: 'warn', message: `wrong option ${letter} (${set.texts[i]}) lies just beyond ${rule * 100} % of the answer ${truth}` });
  });
}

/** Offsets stored as evidence within 5 % of the 0.1 m at which a relation becomes indistinguishable. */
function thresholdFindings(item: QAItem, out: Finding[]): void {
  const ev = item.spatial_lens.evidence;
  if (!ev || typeof ev !== 'object') return;
  // a question about one axis (left/right, front/behind, above/below) stands on that axis's offset alone
  const axis = (ev as Record<string, unknown>).axis;
  const only = axis === 'lr' ? 0 : axis === 'fb' ? 1 : axis === 'ab' ? 2 : -1;
  for (const key of ['offset', 'offsetAfter']) {
    const d = (ev as Record<string, unknown>)[key];
    if (!Array.isArray(d)) continue;
    const near = d.filter((x, i) => (only < 0 || i === only) && typeof x === 'number' && Math.abs(Math.abs(x) - RELATION_THRESHOLD) <= NEAR_SHARE * RELATION_THRESHOLD);
    if (near.length) out.push({ code: 'near-threshold', severity: 'warn', message: `an offset of ${near.map((x) => `${(x as number).toFixed(3)} m`).join(', ')} is within 5 % of the ${RELATION_THRESHOLD} m at which a relation becomes indistinguishable` });
  }
}

const finite = (xs: unknown): xs is number[] => Array.isArray(xs) && xs.every((x) => typeof x === 'number' && Number.isFinite(x));

function markFindings(item: QAItem, ctx: CheckContext, out: Finding[]): void {
  const marks = item.spatial_lens.marks;
  if (marks === undefined) return;
  if (!Array.isArray(marks)) return void out.push({ code: 'mark-malformed', severity: 'error', message: 'marks should be a list' });
  marks.forEach((m: Mark, i) => {
    const name = `mark ${i + 1}${m && typeof m === 'object' && typeof m.color === 'string' ? ` (${m.color} ${m.kind})` : ''}`;
    if (!m || typeof m !== 'object') return void out.push({ code: 'mark-malformed', severity: 'error', message: `${name} is not an object` });
    const image = m.image ?? 0;
    if (!Number.isInteger(image) || image < 0 || image >= item.image.length)
      return void out.push({ code: 'mark-image', severity: 'error', message: `${name} is on image ${image}, but the item has ${item.image.length} image${item.image.length === 1 ? '' : 's'}` });
    const size = ctx.imageSize?.(item, image);
    if (m.kind === 'point') {
      if (!finite(m.uv) || m.uv.length !== 2) return void out.push({ code: 'mark-malformed', severity: 'error', message: `${name} has no pixel (uv)` });
      if (size && (m.uv[0] < -0.5 || m.uv[0] > size.width - 0.5 || m.uv[1] < -0.5 || m.uv[1] > size.height - 0.5))
        out.push({ code: 'mark-outside', severity: 'error', message: `${name} at (${m.uv.join(', ')}) lies outside its ${size.width}×${size.height} image` });
    } else if (m.kind === 'box') {
      const b = m.box;
      if (!finite(b) || b.length !== 4 || !(b[2] > b[0] && b[3] > b[1])) return void out.push({ code: 'mark-malformed', severity: 'error', message: `${name} is not a box [x1, y1, x2, y2] with x1 < x2 and y1 < y2` });
      if (size && (b[0] < -0.5 || b[1] < -0.5 || b[2] > size.width + 0.5 || b[3] > size.height + 0.5))
        out.push({ code: 'mark-outside', severity: 'error', message: `${name} [${b.join(', ')}] reaches outside its ${size.width}×${size.height} image` });
    } else out.push({ code: 'mark-malformed', severity: 'error', message: `${name} is neither a point nor a box` });
  });
  // a question naming "the chair (red point)" needs a red point among the marks (when the item carries marks at all)
  if (marks.length) {
    for (const m of item.question.matchAll(/\((red|blue|green|yellow) (point|bbox|box)\b/g)) {
      const kind = m[2] === 'point' ? 'point' : 'box';
      if (!marks.some((k) => k && k.color === m[1] && k.kind === kind)) out.push({ code: 'mark-missing', severity: 'warn', message: `the question names a ${m[1]} ${m[2]}, which is not among the item's marks` });
    }
  }
}

/** Findings from the item alone. */
export function itemFindings(item: QAItem, ctx: CheckContext = {}): Finding[] {
  const out: Finding[] = [];
  if (!TASK_BY_ID.has(item.task)) out.push({ code: 'unknown-task', severity: 'info', message: `task ${JSON.stringify(short(String(item.task)))} is not one Spatial Lens generates: only the checks any item gets apply` });
  if (!item.question?.trim()) out.push({ code: 'no-question', severity: 'error', message: 'the question is empty' });
  if (!item.image?.length) out.push({ code: 'no-image', severity: 'warn', message: 'the item names no image' });
  for (const check of [answerFindings, numberFindings, optionFindings, thresholdFindings]) {
    try {
      check(item, out);
    } catch (e) {
      out.push({ code: 'audit-failed', severity: 'error', message: `a check could not read the item: ${(e as Error).message}` });
    }
  }
  try {
    markFindings(item, ctx, out);
  } catch (e) {
    out.push({ code: 'audit-failed', severity: 'error', message: `the marks could not be read: ${(e as Error).message}` });
  }
  return out;
}
