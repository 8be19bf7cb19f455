// The text of an item as the queue uses it: the start of its question on each row (questions can be
// pages long), and what a text search looks through (question, options and answer).
import type { QAItem } from '../qa/types';

/** Characters of a question shown on its queue row. */
export const QUESTION_START = 96;

/**
 * The first words of a question, whitespace collapsed, cut at a word boundary with "…" when longer
 * than `max` characters. Only the first few hundred characters are looked at, so a huge question
 * costs no more than a short one.
 */
export function questionStart(question: string, max = QUESTION_START): string {
  // short and plain (the usual case): as it is
  if (question.length <= max && !/\s\s|[\t\n\r]|^\s|\s$/.test(question)) return question;
  const more = question.length > max * 4;
  const head = question.slice(0, max * 4).replace(/\s+/g, ' ').trim();
  if (head.length <= max) return more && question.slice(max * 4).trim() ? `${head}…` : head;
  let cut = head.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.]+$/, '')}…`;
}

/** What a text search looks through: the question, the options and the answer, lower-cased. */
export function searchText(item: Pick<QAItem, 'question' | 'answer' | 'spatial_lens'>): string {
  const options = item.spatial_lens.options ?? [];
  return `${item.question}\n${options.join('\n')}\n${item.answer}`.toLowerCase();
}
