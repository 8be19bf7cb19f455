// Names that are also properties of every plain object (`__proto__`, `constructor`, `toString`,
// `hasOwnProperty`) used as task, source, id, reviewer and extra field names, through the import,
// the queue, the dashboard numbers, sampling and assignment, and the export and its manifest.
import { describe, expect, it } from 'vitest';
import { importAll, type ImportFile } from './import/importer';
import { sourceRecord } from './import/layouts';
import { writeExport, readExport } from './exportBundle';
import { runQueue } from './queue';
import { assignReviewers, samplePerTask } from './sample';
import { ReviewState } from './state';
import { computeStats } from './stats';
import { summaryCsv, summaryRow } from './csv';
import { queueRow, REVIEW_SCHEMA, type ItemSource, type Reason, type StoredDecision, type Verdict } from './types';

export const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;

/** `{__proto__: 4}` as a literal would set a prototype: expected records are built from entries. */
const counts = (n: [number, number, number, number]) => Object.fromEntries(HOSTILE.map((t, k) => [t, n[k]]));
const file = (path: string, text: string): ImportFile => ({ path, blob: new Blob([text]) });
/** The line of the issue, verbatim. */
const ISSUE_LINE = '{"id":7104,"img_type":"single_view","format_type":"fill","task":"__proto__","source":"scannet","image":["a.png"],"question":"q","answer":"1"}';

// One SPAR-Bench row per name (the name as task, source, id and an extra field), a SPAR-7M record
// and one of our own items per name, and a file literally named after each name.
const sparBench = (n: string, k: number) =>
  `{"id":${JSON.stringify(n)},"img_type":"single_view","format_type":"fill","task":${JSON.stringify(n)},"source":${JSON.stringify(n)},"image":["a.png"],"question":"How deep is the ${n}? (${k})","answer":"${k + 1}",${JSON.stringify(n)}:${JSON.stringify(`extra ${n}`)}}`;
const spar7m = (n: string) =>
  JSON.stringify({ id: n, type: n, image: [], conversations: [{ from: 'human', value: `Where is the ${n}?` }, { from: 'gpt', value: '2' }] });
const own = (n: string) =>
  JSON.stringify({
    id: n,
    image: [],
    task: n,
    question: `Is the ${n} left?`,
    answer: 'True',
    spatial_lens: { schema: 'spatial-lens/qa@1', format: 'judge', objects: [n], marks: [], evidence: JSON.parse(`{${JSON.stringify(n)}: 1}`), scene: n, generator: { name: 'spatial-lens', version: '0', seed: 0 } },
  });

function hostileDrop(): ImportFile[] {
  return [
    file('issue.jsonl', `${ISSUE_LINE}\n`),
    ...HOSTILE.map((n, k) => file(`bench/${n}.jsonl`, `${sparBench(n, k)}\n`)),
    file('spar7m/qa_jsonl/train/x/fill/fill_1.jsonl', `${HOSTILE.map(spar7m).join('\n')}\n`),
    // our own items, in a file whose name (the source of the items) is itself a hostile name
    file('__proto__', `${HOSTILE.map(own).join('\n')}\n`),
  ];
}

const verdictLog = (decisions: [item: string, decision: Verdict, reviewer: string, reasons?: string[]][]): StoredDecision[] =>
  decisions.map(([item, decision, reviewer, reasons], i) => ({
    schema: REVIEW_SCHEMA,
    item,
    decision,
    reviewer,
    ...(reasons ? { reasons: reasons as Reason[] } : {}),
    startedAt: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString(),
    decidedAt: new Date(Date.UTC(2026, 0, 1, 10, i, 20)).toISOString(),
    key: i + 1,
    uid: `u${i}`,
    project: 'p',
  }));

describe('hostile names: import', () => {
  it('imports every record, keeps the names as plain strings and extra fields as own fields, pollutes nothing', async () => {
    const r = await importAll(hostileDrop());
    expect(r.problems.filter((p) => p.kind !== 'duplicate')).toEqual([]);
    expect(r.summary.items).toBe(1 + 4 + 4 + 4);
    const byApp = new Map(r.items.map((i) => [i.appId, i]));
    expect(byApp.get('issue.jsonl#7104')!.item.task).toBe('__proto__');
    for (const n of HOSTILE) {
      const b = byApp.get(`bench/${n}.jsonl#${n}`)!;
      expect(b.item.task).toBe(n);
      expect(b.item.id).toBe(n);
      expect(b.item.source).toBe(n);
      // the extra field named after the name is the item's own field, its value intact
      expect(Object.getOwnPropertyDescriptor(b.item, n)?.value).toBe(`extra ${n}`);
      expect(Object.getPrototypeOf(b.item)).toBe(Object.prototype);
      const s = byApp.get(`spar7m/qa_jsonl/train/x/fill/fill_1.jsonl#${n}`)!;
      expect(s.item.task).toBe(n);
      const o = byApp.get(`__proto__#${n}`)!;
      expect(o.item.task).toBe(n);
      expect((o.item.spatial_lens.source as ItemSource).file).toBe('__proto__');
      expect(Object.getOwnPropertyDescriptor(o.item.spatial_lens.evidence, n)?.value).toBe(1);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a record carrying a hostile spatial_lens field keeps it as data and pollutes no prototype', async () => {
    const line = '{"id":1,"format_type":"fill","task":"t","image":[],"question":"q","answer":"1","spatial_lens":{"__proto__":{"polluted":"yes"},"constructor":"c"}}';
    const r = await importAll([file('p.jsonl', line)]);
    const sl = r.items[0].item.spatial_lens as unknown as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(sl, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(Object.getOwnPropertyDescriptor(sl, 'constructor')?.value).toBe('c');
    expect(sl.polluted).toBeUndefined();
    // written back out, the fields are still there
    const back = sourceRecord(r.items[0].item) as Record<string, unknown>;
    const out = JSON.parse(JSON.stringify(back));
    expect(Object.getOwnPropertyDescriptor(out.spatial_lens, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(out.spatial_lens.constructor).toBe('c');
  });

  it('exports a SPAR-Bench row with its hostile extra fields', async () => {
    const r = await importAll([file('b.jsonl', sparBench('toString', 0))]);
    const rec = JSON.parse(JSON.stringify(sourceRecord(r.items[0].item)));
    expect(rec.toString).toBe('extra toString');
    expect(rec.task).toBe('toString');
  });
});

describe('hostile names: queue, stats, samples, assignments', () => {
  it('counts, filters and sorts by hostile task names; the dashboard counts every reviewer', async () => {
    const r = await importAll(hostileDrop());
    const rows = r.items.map((i, k) => queueRow(i.appId, k + 1, i.item, i.flags));
    const ids = (n: string) => rows.filter((x) => x.task === n).map((x) => x.id);
    const log = verdictLog([
      [ids('__proto__')[0], 'accept', '__proto__'],
      [ids('__proto__')[0], 'reject', 'constructor', ['constructor', 'vague-stem']],
      [ids('constructor')[0], 'fix', 'toString'],
      [ids('constructor')[0], 'fix', 'hasOwnProperty'],
      [ids('toString')[0], 'reject', '__proto__', ['__proto__']],
    ]);
    const state = new ReviewState(log, 'p');
    const q = runQueue(rows, state);
    expect(q.counts.total).toBe(rows.length);
    // 1 issue line + 1 bench row + 1 SPAR-7M + 1 own per name; __proto__ has the issue line too
    expect(Object.fromEntries(q.counts.byTask)).toEqual(counts([4, 3, 3, 3]));
    for (const n of HOSTILE) {
      const only = runQueue(rows, state, { tasks: [n] });
      expect(only.rows.every((x) => x.task === n)).toBe(true);
      expect(only.rows).toHaveLength(n === '__proto__' ? 4 : 3);
    }
    const sources = runQueue(rows, state, { sources: ['__proto__'] });
    expect(sources.rows.map((x) => x.task).sort()).toEqual([...HOSTILE].sort());
    const byTask = runQueue(rows, state, {}, { key: 'task' });
    expect(byTask.rows).toHaveLength(rows.length);

    const stats = computeStats(rows, state);
    expect(stats.tasks.map((t) => [t.task, t.total])).toEqual([
      ['__proto__', 4],
      ['constructor', 3],
      ['hasOwnProperty', 3],
      ['toString', 3],
    ]);
    expect([...stats.throughput.byReviewer.keys()].sort()).toEqual([...HOSTILE].sort());
    expect(stats.throughput.byReviewer.get('__proto__')!.decisions).toBe(2);
    // an unknown reason named like a property is not counted as a reason, and breaks nothing
    expect(stats.reasons.byReason['vague-stem']).toBe(1);
    expect(Object.keys(stats.reasons.byReason)).toHaveLength(6);
    expect(stats.agreement.raters.sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    expect(stats.agreement.pairs.map((p) => `${p.a}|${p.b}`).sort()).toEqual(['__proto__|constructor', 'hasOwnProperty|toString']);
  });

  it('samples per hostile task and assigns to hostile reviewers', async () => {
    const r = await importAll(hostileDrop());
    const rows = r.items.map((i, k) => queueRow(i.appId, k + 1, i.item, i.flags));
    const s = samplePerTask(rows, 2, 7);
    expect(s.strata.map((x) => x.key).sort()).toEqual([...HOSTILE].sort());
    expect(s.items).toHaveLength(8);
    const a = assignReviewers(rows.map((x) => x.id), [...HOSTILE], { kind: 'all', perItem: 1 }, 3);
    expect([...a.byReviewer.keys()]).toEqual([...HOSTILE]);
    expect([...a.byReviewer.values()].map((l) => l.length).sort()).toEqual([3, 3, 3, 4]);
  });
});

describe('hostile names: export', () => {
  it('the manifest counts hostile tasks as plain JSON keys; the CSV names them; the zip reads back', async () => {
    const r = await importAll(hostileDrop());
    const log = verdictLog(r.items.slice(0, 4).map((i, k) => [i.appId, 'accept', HOSTILE[k]]));
    const state = new ReviewState(log, 'p');
    const chunks: Uint8Array[] = [];
    const manifest = await writeExport(
      r.items.map((i) => ({ appId: i.appId, item: i.item, review: state.latest(i.appId), images: [] })),
      { recordOf: (item) => sourceRecord(item), layoutOf: (item) => (item.spatial_lens.source as ItemSource).layout },
      (c) => void chunks.push(c.slice()),
    );
    const json = JSON.parse(JSON.stringify(manifest));
    expect(json.counts.byTask).toEqual(counts([4, 3, 3, 3]));
    const zip = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) zip.set(c, (at += c.length) - c.length);
    const back = await readExport(zip);
    expect(Object.values(back.records).flat()).toHaveLength(13);
    expect(back.summaryCsv).toContain(',__proto__,');
    const csv = summaryCsv(r.items.map((i) => summaryRow(i.appId, i.item, state.latest(i.appId))));
    expect(csv.split('\r\n').filter((l) => l.includes(',constructor,'))).not.toHaveLength(0);
  });
});
