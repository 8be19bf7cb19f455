import { mulberry32 } from '../../geometry/random';
import { describe, expect, it } from 'vitest';
import { furnishedRoom } from '../../../test/qaRooms';
import { generateQA } from '../generate/generate';
import { QA_SCHEMA, type QAItem } from '../types';
import { STRATEGIES, type StrategyId, blindCase, blindReport, blindVerdict, formatBlindTable, statementClaim } from './blind';

/** A select item with these option texts, the answer at `answer`. */
function select(id: string, options: string[], answer: number, task = 't'): QAItem {
  return {
    id,
    image: ['a.jpg'],
    task,
    question: 'Q?',
    answer: 'ABCD'[answer],
    spatial_lens: { schema: QA_SCHEMA, format: 'select', options: options.map((o, i) => `${'ABCD'[i]}. ${o}`), objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: 'x', seed: 0 } },
  };
}

function judge(id: string, statement: string, truth: boolean, task = 'j'): QAItem {
  return { ...select(id, ['x', 'y'], 0, task), question: statement, answer: truth ? 'True' : 'False', spatial_lens: { ...select(id, ['x'], 0).spatial_lens, format: 'judge', options: undefined } };
}

const acc = (r: ReturnType<typeof blindReport>, id: StrategyId) => r.overall.results.get(id)?.accuracy;

/** Deterministic stream for building test sets. */
const stream = (seed: number) => mulberry32(seed);

describe('blind strategies on sets built with a known shortcut', () => {
  it('finds an answer that is always the smallest, and reads chance from the option count', () => {
    const r = stream(1);
    const items = Array.from({ length: 200 }, (_, i) => {
      const v = 1 + r() * 5;
      const opts = [v, v * 2.3, v * 5.1, v * 11.7].map((x) => x.toFixed(1));
      // the answer (smallest) put at a letter that cycles, so letters carry nothing
      const slot = i % 4;
      const shown = [...opts.slice(1, 1 + slot), opts[0], ...opts.slice(1 + slot)];
      return select(`s${i}`, shown, slot);
    });
    const rep = blindReport(items);
    expect(acc(rep, 'smallest')).toBe(1);
    expect(acc(rep, 'largest')).toBe(0);
    expect(rep.overall.chance).toBeCloseTo(0.25, 10);
    expect(acc(rep, 'letter')).toBeCloseTo(0.25, 10);
    expect(rep.overall.worst).toEqual({ strategy: 'smallest', excess: 75 });
    // the learned model finds it too, from the other half
    expect(acc(rep, 'learned')).toBeGreaterThan(0.95);
    expect(blindVerdict(rep).ok).toBe(false);
  });

  it('finds an answer in the middle of a geometric ladder (the old distractor rule) and an isolated one', () => {
    const r = stream(2);
    const middle = Array.from({ length: 120 }, (_, i) => {
      const v = 0.5 + r() * 4;
      // three rungs, the answer on the middle one, at a letter that cycles
      const opts = [v / 2.1, v, v * 2.1].map((x) => x.toFixed(2));
      const order = [[0, 1, 2], [1, 0, 2], [2, 1, 0]][i % 3];
      return select(`m${i}`, order.map((k) => opts[k]), order.indexOf(1));
    });
    const rep = blindReport(middle);
    expect(acc(rep, 'geometric-mean')).toBe(1);
    expect(acc(rep, 'median')).toBe(1);
    expect(acc(rep, 'smallest')).toBe(0);
    const isolated = Array.from({ length: 120 }, (_, i) => {
      const v = 1 + r() * 3;
      return select(`i${i}`, [(v * 1.1).toFixed(2), (v * 1.2).toFixed(2), (v * 4).toFixed(2), (v * 1.3).toFixed(2)], 2);
    });
    const iso = blindReport(isolated);
    expect(acc(iso, 'most-isolated')).toBe(1);
    expect(acc(iso, 'least-isolated')).toBe(0);
  });

  it('scores ties fractionally and leaves strategies out where they do not apply', () => {
    const rep = blindReport([select('a', ['left', 'right'], 0), select('b', ['1.0', '1.0', '2.0'], 1)]);
    // "left" is the shortest of the first; the three texts of the second are as long: a third of a point
    expect(rep.overall.results.get('shortest')!.accuracy).toBeCloseTo((1 + 1 / 3) / 2, 10);
    // numeric strategies apply only to the numeric item
    expect(rep.overall.results.get('smallest')!.n).toBe(1);
    expect(rep.overall.results.get('smallest')!.accuracy).toBe(0.5);
    expect(rep.overall.results.get('true')).toBeUndefined();
  });

  it('finds a true/false set where "more than" claims are mostly true, and a word that gives the answer away', () => {
    const r = stream(3);
    const items = Array.from({ length: 400 }, (_, i) => {
      const more = r() < 0.5;
      const truth = more ? r() < 0.9 : r() < 0.1;
      return judge(`j${i}`, `The chair is ${more ? 'more' : 'less'} than ${(1 + r()).toFixed(2)} meters tall.`, truth);
    });
    const rep = blindReport(items);
    expect(acc(rep, 'true')! + acc(rep, 'false')!).toBeCloseTo(1, 10);
    expect(acc(rep, 'learned')).toBeGreaterThan(0.8);
    const words = Array.from({ length: 400 }, (_, i) => select(`w${i}`, i % 2 ? ['left, above, front', 'right, above, behind'] : ['right, above, behind', 'left, above, front'], i % 2 ? 0 : 1));
    // the right option always holds "front": the words give it away to the learned model
    expect(acc(blindReport(words), 'learned')).toBeGreaterThan(0.95);
  });

  it('reads claims, letters and malformed items', () => {
    expect(statementClaim('The depth of the point at pixel (214, 334) is under 2.17 meters.')).toEqual({ value: 2.17, side: -1, text: '2.17' });
    expect(statementClaim('The TV measures over 25 centimeters in height.')).toMatchObject({ value: 25, side: 1 });
    expect(blindCase({ ...select('x', ['1', '2'], 0), answer: 'E' })).toBeNull();
    expect(blindCase({ ...select('x', ['1', '2'], 0), answer: '(B)' })?.answer).toBe(1);
    expect(blindCase({ ...judge('x', 's', true), answer: 'maybe' })).toBeNull();
    const rep = blindReport([{ ...select('x', ['1', '2'], 0), answer: 'Z' }, judge('y', 'A is left of B.', true)]);
    expect(rep.skipped).toBe(1);
    expect(formatBlindTable(rep)).toContain('1 items were not select or true/false items');
  });
});

describe('generated items have no blind shortcut', () => {
  // a few thousand select and true/false items over rooms the bench does not use
  const rooms = Array.from({ length: 6 }, (_, k) => furnishedRoom(7100 + k));
  const { items } = generateQA(rooms, { formats: ['select', 'judge'], perScene: 600, seed: 11 });
  const report = blindReport(items, { seed: 11 });

  it('keeps every strategy, the learned ones included, under chance + 5 points overall', () => {
    expect(items.length).toBeGreaterThan(3000);
    const rows = [report.overall, ...report.byFormat];
    for (const row of rows)
      for (const s of STRATEGIES) {
        const res = row.results.get(s.id);
        if (!res || res.n < 100) continue;
        expect(res.excess, `${row.group} ${s.id} over ${res.n} items\n${formatBlindTable(report)}`).toBeLessThan(5);
      }
  }, 60_000);

  it('balances the answer letters and the true/false answers', () => {
    expect(report.overall.results.get('letter')!.excess).toBeLessThan(2);
    const j = report.byFormat.find((r) => r.group === 'judge')!;
    expect(Math.abs(j.results.get('true')!.excess)).toBeLessThan(2);
  });
});
