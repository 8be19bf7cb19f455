// A draft becomes a QA item: options lettered with the answer in its slot, the format's
// instructions added, the SPAR-Bench fields first and ours under `spatial_lens`.
import type { SceneFile } from '../../scene/scene';
import { type Draft, type ItemParams, type TaskDef, pick } from './task';
import { QA_SCHEMA, type QAFormat, type QAItem } from '../types';

export const QA_GENERATOR_VERSION = '0.1.0';

export const LETTERS = ['A', 'B', 'C', 'D'];

/** "A, B, C or D" (SPAR's instruction lists the letters offered). */
export function letterList(n: number): string {
  const l = LETTERS.slice(0, n);
  return l.length <= 1 ? l.join('') : `${l.slice(0, -1).join(', ')} or ${l[l.length - 1]}`;
}

const SELECT_INTRO = ['Select the correct option from the choices provided.', 'Pick the appropriate answer from the options given.', 'Choose the right option.'];
const JUDGE = [(s: string) => `True or false: ${s}`, (s: string) => `${s} Is this statement true or false?`, (s: string) => `Is the following statement true or false? ${s}`];
export const JUDGE_INSTRUCTION = 'Answer True or False.';

export interface Composed {
  question: string;
  answer: string;
  options?: string[];
  slot?: number;
}

/** Question, answer and options of a draft; `slot` places the correct option (select). */
export function composeText(draft: Draft, format: QAFormat, phrasing: number, slot = 0): Composed {
  switch (format) {
    case 'fill':
      return { question: draft.instruction ? `${draft.stem} ${draft.instruction}` : draft.stem, answer: draft.answer! };
    case 'sentence':
      return { question: draft.stem, answer: draft.answer! };
    case 'judge':
      return { question: `${pick(JUDGE, phrasing)(draft.stem)} ${JUDGE_INSTRUCTION}`, answer: draft.truth ? 'True' : 'False' };
    case 'select': {
      const wrong = draft.distractors!;
      const n = wrong.length + 1;
      const s = Math.min(slot, n - 1);
      const texts = [...wrong.slice(0, s), draft.correct!, ...wrong.slice(s)];
      const options = texts.map((t, i) => `${LETTERS[i]}. ${t}`);
      const question = `${draft.stem} ${pick(SELECT_INTRO, phrasing)} ${options.join('; ')}. Your answer can only include one of options ${letterList(n)}.`;
      return { question, answer: LETTERS[s], options, slot: s };
    }
  }
}

/** Short task key for item ids ("hispatial/L2/distance" → "hispatial-L2-distance"). */
export const taskKey = (id: string) => id.replace(/\//g, '-');

export function buildItem(args: { id: string; scene: SceneFile; task: TaskDef; format: QAFormat; draft: Draft; params: ItemParams; seed: number }): QAItem {
  const { id, scene, task, format, draft, seed } = args;
  const params: ItemParams = { ...args.params, ...draft.chosen };
  const text = composeText(draft, format, params.phrasing, params.slot);
  if (text.slot !== undefined) params.slot = text.slot;
  return {
    id,
    image: draft.images ?? [scene.image.file],
    task: task.id,
    question: text.question,
    answer: text.answer,
    spatial_lens: {
      schema: QA_SCHEMA,
      format,
      ...(text.options ? { options: text.options } : {}),
      value: draft.value,
      ...(draft.unit ? { unit: draft.unit } : {}),
      objects: params.objects,
      marks: draft.marks,
      evidence: draft.evidence,
      scene: scene.id,
      family: task.family,
      ...(task.level ? { level: task.level } : {}),
      generator: { name: 'spatial-lens', version: QA_GENERATOR_VERSION, seed, params: params as unknown as Record<string, unknown> },
    },
  };
}
