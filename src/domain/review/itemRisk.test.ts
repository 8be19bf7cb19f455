import { describe, expect, it } from 'vitest';
import { type ItemRisk, itemRisk } from './itemRisk';
import { parseSavedView, runQueue } from './queue';
import { ReviewState } from './state';
import type { QueueRow } from './types';

const row = (id: string, seq: number): QueueRow => ({ id, seq, task: 't', format: 'fill', source: 'f', scene: 's', flags: [] });
const risk = (r: number, mismatch = false): ItemRisk => ({ risk: r, mismatch, errors: mismatch ? 1 : 0, warnings: 0 });

describe('the risk sort and the mismatch filter', () => {
  // queue order a..h; d and g not audited yet
  const rows = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id, i) => row(id, i));
  const risks = new Map<string, ItemRisk>([
    ['a', risk(0.03)],
    ['b', risk(0.9, true)],
    ['c', risk(0.35)],
    ['e', risk(0.03)],
    ['f', risk(0.97, true)],
    ['h', risk(0.35)],
  ]);
  const st = new ReviewState([]);
  const ids = (sort: 'asc' | 'desc', filter = {}) => runQueue(rows, st, filter, { key: 'risk', dir: sort }, { riskOf: (id) => risks.get(id) }).rows.map((r) => r.id);

  it('riskiest first: mismatches (by risk), then by risk, ties in queue order, not audited last', () => {
    expect(ids('desc')).toEqual(['f', 'b', 'c', 'h', 'a', 'e', 'd', 'g']);
  });
  it('ascending reverses the audited ones, ties still in queue order, not audited still last', () => {
    expect(ids('asc')).toEqual(['a', 'e', 'c', 'h', 'b', 'f', 'd', 'g']);
  });
  it('filters measured mismatches, and counts them as the list shows', () => {
    expect(ids('desc', { mismatch: true })).toEqual(['f', 'b']);
    expect(runQueue(rows, st, { mismatch: true }, { key: 'seq' }, { riskOf: (id) => risks.get(id) }).counts.total).toBe(2);
  });
  it('a saved view keeps the risk sort and the mismatch filter', () => {
    expect(parseSavedView({ name: 'v', filter: { mismatch: true }, sort: { key: 'risk', dir: 'desc' } })).toEqual({ name: 'v', filter: { mismatch: true }, sort: { key: 'risk', dir: 'desc' } });
  });
  it('an item risk from findings: one error outweighs any number of notes', () => {
    const r = itemRisk([{ code: 'measured-mismatch', severity: 'error', message: 'm' }, { code: 'x', severity: 'info', message: 'n' }], true, 'answer …');
    expect(r).toEqual({ risk: 0.903, mismatch: true, errors: 1, warnings: 0, line: 'answer …' });
  });
});
