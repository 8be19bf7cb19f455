// Which items an export dialog's choice selects, on a queue whose statuses are counted by hand.
import { describe, expect, it } from 'vitest';
import { ReviewState } from '../state';
import { type QueueRow, REVIEW_SCHEMA, type StoredDecision, type Verdict } from '../types';
import { type ExportChoice, choiceFilter, defaultChoice, selectForExport, taskFormatKey } from './choice';

const row = (id: string, seq: number, task: string, extra: Partial<QueueRow> = {}): QueueRow => ({ id, seq, task, format: 'fill', source: 'f.jsonl', scene: 's', flags: [], ...extra });
let key = 0;
const dec = (item: string, decision: Verdict): StoredDecision => ({ schema: REVIEW_SCHEMA, item, decision, reviewer: 'ana', startedAt: '2026-12-06T10:00:00.000Z', decidedAt: '2026-12-06T10:00:05.000Z', key: ++key, uid: `u${key}`, project: 'p' });

//  id  task   format  source    status
//  a   depth  fill    f.jsonl   accept
//  b   depth  select  f.jsonl   fix
//  c   depth  fill    g.jsonl   reject
//  d   dist   fill    f.jsonl   accept
//  e   dist   fill    g.jsonl   (undecided)
//  f   __proto__ fill g.jsonl   accept
const rows = [
  row('a', 1, 'depth'),
  row('b', 2, 'depth', { format: 'select' }),
  row('c', 3, 'depth', { source: 'g.jsonl' }),
  row('d', 4, 'dist'),
  row('e', 5, 'dist', { source: 'g.jsonl' }),
  row('f', 6, '__proto__', { source: 'g.jsonl' }),
];
const state = new ReviewState([dec('a', 'accept'), dec('b', 'fix'), dec('c', 'reject'), dec('d', 'accept'), dec('f', 'accept')]);
const choice = (p: Partial<ExportChoice>): ExportChoice => ({ scope: 'project', statuses: ['accept', 'fix'], tasks: null, layout: 'as-imported', images: true, marked: false, ...p });

describe('selectForExport', () => {
  it('the whole project, accepted and fixed (the default statuses): a, b, d, f in queue order', () => {
    const s = selectForExport(rows, state, {}, choice({}));
    expect(s.ids).toEqual(['a', 'b', 'd', 'f']);
    expect(s.byStatus).toEqual({ undecided: 1, accept: 3, fix: 1, reject: 1 });
    expect([...s.byTask].sort()).toEqual([
      ['__proto__', 1],
      ['depth', 2],
      ['dist', 1],
    ]);
    expect(s.byTaskFormat.get(taskFormatKey('depth', 'select'))).toBe(1);
    expect(s.byTaskFormat.get(taskFormatKey('depth', 'fill'))).toBe(1);
  });

  it('the current filter keeps its other criteria (source) and takes the dialog’s statuses and tasks', () => {
    const filter = { sources: ['g.jsonl'], statuses: ['undecided' as const] };
    const s = selectForExport(rows, state, filter, choice({ scope: 'filter', statuses: ['accept', 'reject', 'undecided'] }));
    expect(s.ids).toEqual(['c', 'e', 'f']);
    // the whole project ignores the filter
    expect(selectForExport(rows, state, filter, choice({ statuses: ['reject', 'undecided'] })).ids).toEqual(['c', 'e']);
  });

  it('tasks narrow the items; the status counts follow the tasks and the task counts the statuses', () => {
    const s = selectForExport(rows, state, {}, choice({ tasks: ['depth'], statuses: ['accept', 'fix', 'reject'] }));
    expect(s.ids).toEqual(['a', 'b', 'c']);
    expect(s.byStatus).toEqual({ undecided: 0, accept: 1, fix: 1, reject: 1 });
    // every task of the scope is listed with its count under the chosen statuses, chosen or not
    expect(s.byTask.get('dist')).toBe(1);
    expect(s.byTask.get('__proto__')).toBe(1);
  });

  it('no status or no task chosen selects nothing (never "everything")', () => {
    expect(selectForExport(rows, state, {}, choice({ statuses: [] })).ids).toEqual([]);
    expect(selectForExport(rows, state, {}, choice({ tasks: [] })).ids).toEqual([]);
    expect(selectForExport(rows, state, {}, choice({ statuses: [] })).byTaskFormat.size).toBe(0);
  });

  it('the dialog starts from the filter’s statuses and tasks, else accepted and fixed of every task', () => {
    expect(defaultChoice({})).toMatchObject({ scope: 'filter', statuses: ['accept', 'fix'], tasks: null, layout: 'as-imported', images: true, marked: true });
    expect(defaultChoice({ statuses: ['reject'], tasks: ['dist'] }, false)).toMatchObject({ statuses: ['reject'], tasks: ['dist'], marked: false });
    expect(choiceFilter({ text: 'chair', tasks: ['x'] }, { scope: 'filter', statuses: ['fix'], tasks: null })).toEqual({ text: 'chair', statuses: ['fix'] });
    expect(choiceFilter({ text: 'chair' }, { scope: 'project', statuses: ['fix'], tasks: ['t'] })).toEqual({ statuses: ['fix'], tasks: ['t'] });
  });
});
