// Each import's report is kept with the project's import history: a later import does not replace it.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from './db';
import { ImportTracker, importReports } from './imports';

beforeEach(async () => {
  await db().delete();
  await db().open();
});

const outcome = (added: number, missing: number) => ({
  added,
  images: 0,
  problems: [{ file: 'a.jsonl', line: 3, message: 'not valid JSON' }],
  problemCount: 1,
  existing: 0,
  missingImages: Array.from({ length: missing }, (_, i) => ({ appId: `a.jsonl#${i}`, images: [`img${i}.jpg`] })),
  missingCount: missing,
  ms: 10,
});

describe('import reports in the project history', () => {
  it('every finished import keeps its report, newest first, per project', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z'), toFake: ['Date'] });
    try {
      const first = await ImportTracker.start('p1', [{ path: 'a.jsonl', blob: { size: 10 } }]);
      await first.finish();
      await first.saveReport(outcome(30, 20));
      vi.setSystemTime(new Date('2026-12-06T11:00:00Z'));
      const second = await ImportTracker.start('p1', [{ path: 'b.zip', blob: { size: 99 } }]);
      await second.finish();
      await second.saveReport(outcome(5, 0));
      const other = await ImportTracker.start('p2', [{ path: 'c.jsonl', blob: { size: 1 } }]);
      await other.saveReport(outcome(1, 0));
    } finally {
      vi.useRealTimers();
    }
    const reports = await importReports('p1');
    expect(reports.map((r) => [r.files, r.added, r.missingCount, r.at])).toEqual([
      [['b.zip'], 5, 0, '2026-12-06T11:00:00.000Z'],
      [['a.jsonl'], 30, 20, '2026-12-06T10:00:00.000Z'],
    ]);
    expect(reports[1].missingImages).toHaveLength(20);
    expect(reports[1].problems[0]).toEqual({ file: 'a.jsonl', line: 3, message: 'not valid JSON' });
    expect((await importReports('p2')).map((r) => r.files)).toEqual([['c.jsonl']]);
  });
});
