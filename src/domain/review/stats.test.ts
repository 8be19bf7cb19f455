import { describe, expect, it } from 'vitest';
import { ReviewState } from './state';
import { computeStats, median } from './stats';
import { type QueueRow, REVIEW_SCHEMA, type Reason, type StoredDecision, type Verdict } from './types';

const row = (id: string, seq: number, task: string): QueueRow => ({ id, seq, task, format: 'fill', source: 'generated', scene: 's', flags: [] });
let key = 0;
const dec = (item: string, decision: Verdict, reviewer: string, seconds: number, reasons?: Reason[]): StoredDecision => {
  const start = Date.parse('2026-11-23T10:00:00.000Z') + key * 100_000;
  return {
    schema: REVIEW_SCHEMA,
    item,
    decision,
    reviewer,
    reasons,
    startedAt: new Date(start).toISOString(),
    decidedAt: new Date(start + seconds * 1000).toISOString(),
    key: ++key,
    uid: `u${key}`,
    project: 'p',
  };
};

// Fixture:
//  item task   decisions in log order (seconds)                         state
//  i1   dist   ana accept (10), bob accept (20)                        accept
//  i2   dist   ana reject [vague-stem, other] (30), bob fix (40)       fix
//  i3   dist   ana fix (5)                                             fix
//  i4   count  bob reject [bad-3d] (60), ana reject [bad-3d] (15)      reject [bad-3d]
//  i5   count  ana reject (25), withdrawn by undo                      undecided
//  i6   count  bob reject, no reason (8)                               reject
const rows = [row('i1', 1, 'dist'), row('i2', 2, 'dist'), row('i3', 3, 'dist'), row('i4', 4, 'count'), row('i5', 5, 'count'), row('i6', 6, 'count')];
const log = [
  dec('i1', 'accept', 'ana', 10),
  dec('i1', 'accept', 'bob', 20),
  dec('i2', 'reject', 'ana', 30, ['vague-stem', 'other']),
  dec('i2', 'fix', 'bob', 40),
  dec('i3', 'fix', 'ana', 5),
  dec('i4', 'reject', 'bob', 60, ['bad-3d']),
  dec('i4', 'reject', 'ana', 15, ['bad-3d']),
  dec('i5', 'reject', 'ana', 25),
];
const undo: StoredDecision = { ...dec('i5', 'accept', 'ana', 0), decision: 'undo', undoes: 8 };
log.push(undo, dec('i6', 'reject', 'bob', 8));
const state = new ReviewState(log);

describe('computeStats', () => {
  const s = computeStats(rows, state);

  it('progress and acceptance, overall and per task', () => {
    // decided 5 of 6: accept 1 (i1), fix 2 (i2, i3), reject 2 (i4, i6)
    expect(s.overall).toEqual({ total: 6, decided: 5, accept: 1, fix: 2, reject: 2, keptRate: 3 / 5, acceptRate: 1 / 5 });
    expect(s.tasks).toEqual([
      { task: 'count', total: 3, decided: 2, accept: 0, fix: 0, reject: 2, keptRate: 0, acceptRate: 0 },
      { task: 'dist', total: 3, decided: 3, accept: 1, fix: 2, reject: 0, keptRate: 1, acceptRate: 1 / 3 },
    ]);
  });

  it('reasons over rejected items (their state, not earlier decisions)', () => {
    // i4: bad-3d; i6: none. i2's reasons were ana's, but i2's state is bob's fix.
    expect(s.reasons).toEqual({
      byReason: { 'vague-stem': 0, 'incorrect-choices': 0, 'ambiguous-answer': 0, 'factual-inconsistency': 0, 'bad-3d': 1, other: 0 },
      rejects: 2,
      withoutReason: 1,
    });
  });

  it('throughput from each reviewer’s effective decisions', () => {
    // Durations: ana 10, 30, 5, 15 (i5's 25 was undone); bob 20, 40, 60, 8.
    // All: 8 decisions, 188 s → 8 · 3600 / 188 = 153.19 items/h; median of 5 8 10 15 20 30 40 60 = 17.5
    expect(s.throughput.decisions).toBe(8);
    expect(s.throughput.seconds).toBeCloseTo(188, 9);
    expect(s.throughput.itemsPerHour).toBeCloseTo((8 * 3600) / 188, 9);
    expect(s.throughput.medianSeconds).toBe(17.5);
    // ana: 60 s for 4 → 240/h, median (10 + 15)/2 = 12.5; bob: 128 s for 4 → 112.5/h, median (20 + 40)/2 = 30
    expect(s.throughput.byReviewer.get('ana')).toEqual({ decisions: 4, seconds: 60, itemsPerHour: 240, medianSeconds: 12.5 });
    expect(s.throughput.byReviewer.get('bob')).toEqual({ decisions: 4, seconds: 128, itemsPerHour: 112.5, medianSeconds: 30 });
    // Capped at 30 s: 10 20 30 30 5 30 15 8 → 148 s
    expect(computeStats(rows, state, { capSeconds: 30 }).throughput.seconds).toBeCloseTo(148, 9);
  });

  it('agreement over items decided by two reviewers', () => {
    // Units: i1 (ana accept, bob accept), i2 (ana reject, bob fix), i4 (ana reject, bob reject).
    // Cohen: p_o = 2/3; ana: acc 1/3, rej 2/3; bob: acc 1/3, fix 1/3, rej 1/3;
    //   p_e = 1/9 + 2/9 = 1/3; κ = (2/3 − 1/3) / (2/3) = 0.5
    // Krippendorff: o(acc,acc) = 2, o(rej,fix) = o(fix,rej) = 1, o(rej,rej) = 2; n_acc 2, n_fix 1, n_rej 3, n 6
    //   D_o = 2/6; D_e = (36 − 4 − 1 − 9) / 30 = 22/30; α = 1 − (1/3)(30/22) = 6/11
    expect(s.agreement.items).toBe(3);
    expect(s.agreement.raters).toEqual(['ana', 'bob']);
    expect(s.agreement.pairs).toHaveLength(1);
    expect(s.agreement.pairs[0]).toMatchObject({ a: 'ana', b: 'bob', items: 3 });
    expect(s.agreement.pairs[0].observed).toBeCloseTo(2 / 3, 12);
    expect(s.agreement.pairs[0].kappa).toBeCloseTo(0.5, 12);
    expect(s.agreement.alpha).toBeCloseTo(6 / 11, 12);
  });

  it('nothing decided: rates and coefficients are null', () => {
    const e = computeStats([row('z', 1, 't')], new ReviewState());
    expect(e.overall).toEqual({ total: 1, decided: 0, accept: 0, fix: 0, reject: 0, keptRate: null, acceptRate: null });
    expect(e.throughput).toEqual({ decisions: 0, seconds: 0, itemsPerHour: null, medianSeconds: null, byReviewer: new Map() });
    expect(e.agreement).toEqual({ items: 0, raters: [], pairs: [], alpha: null });
  });

  it('median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('100k items (time printed)', () => {
    // Even items: ana accept (10 s); items ≡ 0 mod 10 also bob reject (20 s, later: the state).
    const N = 100_000;
    const big = Array.from({ length: N }, (_, i) => row(`b${i}`, i + 1, `t${i % 8}`));
    const recs: StoredDecision[] = [];
    for (let i = 0; i < N; i += 2) recs.push(dec(`b${i}`, 'accept', 'ana', 10));
    for (let i = 0; i < N; i += 10) recs.push(dec(`b${i}`, 'reject', 'bob', 20, ['bad-3d']));
    const st = new ReviewState(recs);
    const t0 = performance.now();
    const r = computeStats(big, st);
    console.log(`computeStats on 100k rows: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(r.overall).toMatchObject({ total: N, decided: 50_000, accept: 40_000, reject: 10_000 });
    // 60,000 decisions, 50,000·10 + 10,000·20 = 700,000 s; median of 50k tens and 10k twenties = 10
    expect(r.throughput).toMatchObject({ decisions: 60_000, seconds: 700_000, medianSeconds: 10 });
    expect(r.throughput.itemsPerHour).toBeCloseTo((60_000 * 3600) / 700_000, 9);
    // 10,000 units, always accept vs reject: p_o = 0, p_e = 1·0 + 0·1 = 0 → κ = 0;
    // α: n = 20,000, D_o = 1, D_e = (20,000² − 2·10,000²) / (20,000·19,999) → α = 1 − 19,999/10,000 = −0.9999
    expect(r.agreement.pairs).toEqual([{ a: 'ana', b: 'bob', items: 10_000, observed: 0, kappa: 0 }]);
    expect(r.agreement.alpha).toBeCloseTo(-0.9999, 12);
    expect(r.reasons.byReason['bad-3d']).toBe(10_000);
  });
});
