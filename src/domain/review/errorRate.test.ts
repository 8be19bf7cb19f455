// Hand-computed cases for the error-rate estimate (z = 1.959964 for 95 %).
import { describe, expect, it } from 'vitest';
import { auditAgreement, estimateErrorRate, formatErrorRate, sampleSize, wilson } from './errorRate';

describe('wilson', () => {
  it('matches the textbook intervals', () => {
    // 0 of 10: centre = (z²/2)/(10 + z²) = 1.92073/13.84146 = 0.138767, half the same → [0, 0.277535]
    const a = wilson(0, 10)!;
    expect(a.lo).toBe(0);
    expect(a.hi).toBeCloseTo(0.277535, 5);
    // 5 of 10: symmetric about 0.5, half = z/(1 + z²/10)·√(0.025 + z²/400) = 0.263408
    const b = wilson(5, 10)!;
    expect(b.lo).toBeCloseTo(0.236593, 5);
    expect(b.hi).toBeCloseTo(0.763407, 5);
    // 10 of 100: [0.055229, 0.174366]
    const c = wilson(10, 100)!;
    expect(c.lo).toBeCloseTo(0.055229, 5);
    expect(c.hi).toBeCloseTo(0.174366, 5);
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(3, 2)).toThrow(/k must lie in 0…n, got 3 of 2/);
  });
});

describe('estimateErrorRate', () => {
  const strata = [
    { task: 'A', population: 1000, reviewed: 100, wrong: 10 },
    { task: 'B', population: 3000, reviewed: 100, wrong: 30 },
  ];

  it('weights the tasks by size and corrects for the finite population', () => {
    const e = estimateErrorRate(strata, 0.03);
    // p = 0.25·0.1 + 0.75·0.3 = 0.25
    // Var = 0.25²·0.9·0.09/99 + 0.75²·(29/30)·0.21/99 = 5.11364e-5 + 1.153409e-3 = 1.204545e-3, se 0.0347066
    expect(e.overall!.p).toBeCloseTo(0.25, 12);
    expect(e.overall!.se).toBeCloseTo(0.0347066, 6);
    expect(e.overall!.lo).toBeCloseTo(0.25 - 1.959964 * 0.0347066, 5);
    expect(e.overall!.hi).toBeCloseTo(0.25 + 1.959964 * 0.0347066, 5);
    expect(e.unsampledItems).toBe(0);
  });

  it('sizes the sample for a target half-width', () => {
    const e = estimateErrorRate(strata, 0.03);
    // A: n0 = z²·0.09/0.0009 = 384.146, /(1 + 383.146/1000) = 277.73 → 278, 178 more
    // B: n0 = z²·0.21/0.0009 = 896.34, /(1 + 895.34/3000) = 690.32 → 691, 591 more
    expect(e.tasks.map((t) => [t.needed, t.more])).toEqual([
      [278, 178],
      [691, 591],
    ]);
    // overall: n0 = z²·(0.25·0.09 + 0.75·0.21)/0.0009 = 768.29, /(1 + 768.29/4000) = 644.50;
    // proportional: ceil(161.13) + ceil(483.38) = 162 + 484 = 646, 446 more than the 200 reviewed
    expect([e.neededOverall, e.moreOverall]).toEqual([646, 446]);
    // an unreviewed task plans with p = 0.5: n0 = z²·0.25/0.0009 = 1067.07, /(1 + 1066.07/500) = 340.9 → 341
    expect(sampleSize(0.5, 0.03, 500)).toBe(341);
  });

  it('leaves unreviewed tasks out of the overall estimate and says how many items that is', () => {
    const e = estimateErrorRate([...strata, { task: 'C', population: 500, reviewed: 0, wrong: 0 }], 0.03);
    expect(e.overall!.p).toBeCloseTo(0.25, 12);
    expect(e.unsampledItems).toBe(500);
    expect(e.tasks[2].interval).toBeNull();
    expect(e.tasks[2].needed).toBe(341);
  });

  it('gives a clean sample an uncertainty (Agresti–Coull share in the variance)', () => {
    // 0 of 50 in 1000: p̃ = 2/54, Var = (1 − 0.05)·p̃(1 − p̃)/49 → se 0.026458
    const e = estimateErrorRate([{ task: 'A', population: 1000, reviewed: 50, wrong: 0 }]);
    expect(e.overall!.p).toBe(0);
    const pt = 2 / 54;
    expect(e.overall!.se).toBeCloseTo(Math.sqrt((0.95 * pt * (1 - pt)) / 49), 12);
    expect(e.overall!.hi).toBeGreaterThan(0.05);
  });

  it('refuses counts that do not fit', () => {
    expect(() => estimateErrorRate([{ task: 'x', population: 5, reviewed: 6, wrong: 0 }])).toThrow(/task "x": counts do not fit \(population 5, reviewed 6, wrong 0\)/);
  });

  it('prints a table', () => {
    const text = formatErrorRate(estimateErrorRate(strata), auditAgreement([{ auditError: true, rejected: true }]));
    expect(text).toContain('A      1000       100     10  10.0 % (5.5–17.4)');
    expect(text).toContain('all (stratified, task-weighted): 25.0 % wrong, 95 % CI 18.2–31.8 %; 446 more reviews for ±3 points');
    expect(text).toContain('audit vs reviewers (1 items): precision 100.0 %, recall 100.0 %');
  });
});

describe('auditAgreement', () => {
  it('counts agreements, false alarms and misses', () => {
    const pairs = [
      ...Array.from({ length: 8 }, () => ({ auditError: true, rejected: true })),
      ...Array.from({ length: 2 }, () => ({ auditError: true, rejected: false })),
      ...Array.from({ length: 4 }, () => ({ auditError: false, rejected: true })),
      ...Array.from({ length: 30 }, () => ({ auditError: false, rejected: false })),
    ];
    const a = auditAgreement(pairs);
    expect(a).toEqual({ items: 44, truePositives: 8, falsePositives: 2, falseNegatives: 4, precision: 0.8, recall: 8 / 12 });
    expect(auditAgreement([])).toMatchObject({ precision: null, recall: null });
  });
});

describe('errorRateStats', () => {
  it('counts fixed and rejected items as wrong and reads a sample view name', async () => {
    const { strataOf, errorRateManifest, sampleOfViewName } = await import('./errorRateStats');
    const t = { task: 'A', total: 1000, decided: 100, accept: 90, fix: 4, reject: 6, keptRate: 0.94, acceptRate: 0.9 };
    expect(strataOf([t])).toEqual([{ task: 'A', population: 1000, reviewed: 100, wrong: 10 }]);
    const m = errorRateManifest([t], sampleOfViewName('Sample 100/task, seed 7'));
    expect(m.sample).toEqual({ per_task: 100, seed: 7 });
    // one stratum: p = 0.1, se = √(0.9 · 0.09 / 99) = 0.0286039
    expect(m.overall).toEqual({ share: 0.1, lo: 0.043937, hi: 0.156063, se: 0.028604 });
    expect(m.tasks[0]).toMatchObject({ share: 0.1, lo: 0.055229, hi: 0.174366, more_for_target: 178 });
    expect(sampleOfViewName('My view')).toBeNull();
  });

  it('reads a reviewed export: fixed and rejected are wrong, undecided items count in the population only', async () => {
    const { reviewedStrata } = await import('./errorRateStats');
    const { strata, pairs } = reviewedStrata([
      { task: 'b', decision: 'accept', auditError: false },
      { task: 'b', decision: 'reject', auditError: true },
      { task: 'b', decision: 'fix', auditError: false },
      { task: 'b', decision: undefined, auditError: true },
      { task: 'a', decision: 'accept', auditError: true },
      { task: 'a', decision: 'maybe' },
    ]);
    expect(strata).toEqual([
      { task: 'a', population: 2, reviewed: 1, wrong: 0 },
      { task: 'b', population: 4, reviewed: 3, wrong: 2 },
    ]);
    // decided with an audit: b accept/no, b reject/yes, b fix/no, a accept/yes → TP 1, FP 1, FN 1
    expect(auditAgreement(pairs)).toMatchObject({ items: 4, truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 });
  });
});
