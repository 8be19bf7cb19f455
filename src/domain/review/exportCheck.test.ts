// An export zip checked on import against its manifest, its summary.csv, its counts and its
// entries' times: what each kind of change is caught by, and what cannot be caught.
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, type Zippable, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeExport } from './exportBundle';
import { checkExport, ExportModifiedError, exportModified } from './exportCheck';
import { importAll } from './import/importer';
import { sourceRecord } from './import/layouts';
import { readZip } from './import/zipEntries';
import { ReviewState } from './state';
import { REVIEW_SCHEMA, type ItemSource, type StoredDecision } from './types';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const rows = [0, 1, 2].map((k) => `{"id":${k},"img_type":"single_view","format_type":"fill","task":"${k === 2 ? 'count' : 'dist'}","source":"scannet","image":["p${k}.png"],"question":"How far ${k}?","answer":"${k + 1}.5"}`);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** An export of three SPAR-Bench rows (two accepted, one rejected) with their images, as the app writes it. */
async function exportZip(): Promise<Uint8Array> {
  const r = await importAll([{ path: 'b.jsonl', blob: new Blob([rows.join('\n')]) }, ...[0, 1, 2].map((k) => ({ path: `p${k}.png`, blob: new Blob([PNG.map((x) => x + k)]) }))]);
  const log: StoredDecision[] = r.items.map((i, k) => ({
    schema: REVIEW_SCHEMA,
    item: i.appId,
    decision: k === 2 ? 'reject' : 'accept',
    ...(k === 2 ? { reasons: ['vague-stem' as const] } : {}),
    reviewer: 'ana',
    startedAt: '2026-11-23T10:00:00.000Z',
    decidedAt: `2026-11-23T10:00:0${k + 1}.000Z`,
    key: k + 1,
    uid: `u${k}`,
    project: 'p',
  }));
  const state = new ReviewState(log, 'p');
  const parts: Uint8Array[] = [];
  await writeExport(
    r.items.map((i) => ({ appId: i.appId, item: i.item, review: state.latest(i.appId), images: [{ path: i.item.image[0], blob: PNG.map((x) => x + Number(i.item.id)) }] })),
    {
      recordOf: (item, d) => sourceRecord(item, d && d.decision !== 'undo' ? { decision: d.decision, reviewer: d.reviewer, startedAt: d.startedAt, decidedAt: d.decidedAt, ...(d.reasons ? { reasons: d.reasons } : {}) } : undefined),
      layoutOf: (item) => (item.spatial_lens.source as ItemSource).layout,
      createdAt: '2026-11-23T12:00:00.000Z',
    },
    (c) => void parts.push(c.slice()),
  );
  return new Uint8Array(Buffer.concat(parts));
}

const EXPORT_TIME = new Date('2026-11-23T12:00:00.000Z');
/** The zip repacked with `edit` applied, every entry keeping the export's time unless `times` says otherwise. */
function repack(zip: Uint8Array, edit: (files: Record<string, Uint8Array>) => void, times: Record<string, Date> = {}): Uint8Array {
  const files = unzipSync(zip);
  edit(files);
  const z: Zippable = {};
  for (const [p, b] of Object.entries(files)) z[p] = [b, { mtime: times[p] ?? EXPORT_TIME }];
  return zipSync(z);
}
const text = (b: Uint8Array) => new TextDecoder().decode(b);
/** Rewrites a file's size and hash in the manifest, as someone covering an edit would. */
function rehash(files: Record<string, Uint8Array>, path: string) {
  const m = JSON.parse(text(files['manifest.json']));
  const f = m.files.find((x: { path: string }) => x.path === path);
  f.bytes = files[path].length;
  f.sha256 = sha(files[path]);
  files['manifest.json'] = strToU8(JSON.stringify(m, null, 2));
}
const ITEMS = 'items/spar-bench.jsonl';

async function check(zip: Uint8Array) {
  const c = await readZip(new Blob([zip as Uint8Array<ArrayBuffer>]), 'x.zip');
  return (await checkExport('x.zip', new Map(c.entries.map((e) => [e.path, e.blob])), c.times))!;
}

describe('an export checked against itself on import', () => {
  it('an untouched export passes: every listed file matches, the CSV and the counts agree', async () => {
    const zip = await exportZip();
    const c = await check(zip);
    expect(c.filesListed).toBe(5); // the JSONL, 3 images, summary.csv
    expect(c.files).toEqual([]);
    expect(c.consistency).toEqual([]);
    expect(exportModified(c)).toBe(false);
    expect(c.manifestSha256).toBe(sha(unzipSync(zip)['manifest.json']));
    // fflate's own repacking keeps the check passing when the times are kept
    expect(exportModified(await check(repack(zip, () => undefined)))).toBe(false);
  });

  it('an answer edited without its hash: the file is named, and the item disagrees with summary.csv', async () => {
    const zip = repack(await exportZip(), (f) => (f[ITEMS] = strToU8(text(f[ITEMS]).replace('"answer":"1.5"', '"answer":"9.5"'))));
    const c = await check(zip);
    expect(c.files).toEqual([{ path: `x.zip/${ITEMS}`, message: 'does not match the SHA-256 that manifest.json gives for it' }]);
    expect(c.modifiedPaths).toEqual([`x.zip/${ITEMS}`]);
    expect(c.consistency).toEqual([`${ITEMS}, line 1: item b.jsonl#0 differs from summary.csv in original_answer, final_answer`]);
  });

  it('an answer edited and its hash rewritten in the manifest: caught by summary.csv, pinned on the item', async () => {
    const zip = repack(await exportZip(), (f) => {
      f[ITEMS] = strToU8(text(f[ITEMS]).replace('"answer":"2.5"', '"answer":"7.5"'));
      rehash(f, ITEMS);
    });
    const c = await check(zip);
    expect(c.files).toEqual([]);
    expect(c.consistency).toEqual([`${ITEMS}, line 2: item b.jsonl#1 differs from summary.csv in original_answer, final_answer`]);
    expect(c.modifiedItems).toEqual(['b.jsonl#1']);
  });

  it('a reject turned into an accept in the record and the CSV, hashes rewritten: the counts give it away', async () => {
    const zip = repack(await exportZip(), (f) => {
      f[ITEMS] = strToU8(text(f[ITEMS]).replace('"decision":"reject","reasons":["vague-stem"]', '"decision":"accept"'));
      f['summary.csv'] = strToU8(text(f['summary.csv']).replace(',reject,vague-stem,', ',accept,,').replace(/,3\.5,\r\n$/, ',3.5,3.5\r\n'));
      rehash(f, ITEMS);
      rehash(f, 'summary.csv');
    });
    const c = await check(zip);
    expect(c.files).toEqual([]);
    expect(c.consistency).toEqual(["the records do not add up to the manifest's counts: 3 with status accept, the manifest counts 2; 0 with status reject, the manifest counts 1"]);
    expect(c.allItems).toBe(true);
  });

  it('…and with the counts rewritten too, it cannot be told from an export (what an unsigned manifest cannot prove)', async () => {
    const original = await exportZip();
    const zip = repack(original, (f) => {
      f[ITEMS] = strToU8(text(f[ITEMS]).replace('"decision":"reject","reasons":["vague-stem"]', '"decision":"accept"'));
      f['summary.csv'] = strToU8(text(f['summary.csv']).replace(',reject,vague-stem,', ',accept,,').replace(/,3\.5,\r\n$/, ',3.5,3.5\r\n'));
      rehash(f, ITEMS);
      rehash(f, 'summary.csv');
      const m = JSON.parse(text(f['manifest.json']));
      m.counts.byDecision = { accept: 3, fix: 0, reject: 0, undecided: 0 };
      f['manifest.json'] = strToU8(JSON.stringify(m, null, 2));
    });
    const c = await check(zip);
    expect(exportModified(c)).toBe(false);
    // only the manifest's own hash differs from the one shown at export time
    expect(c.manifestSha256).not.toBe(sha(unzipSync(original)['manifest.json']));
  });

  it('an entry rewritten later (its own time), a file added, an image missing: each named', async () => {
    const zip = repack(
      await exportZip(),
      (f) => {
        delete f['images/p2.png'];
        f['images/extra.png'] = PNG;
      },
      { 'summary.csv': new Date('2026-12-01T08:30:00.000Z') },
    );
    const c = await check(zip);
    expect(c.files).toEqual([
      { path: 'x.zip/images/p2.png', message: 'is listed in manifest.json but missing from the zip' },
      { path: 'x.zip/images/extra.png', message: 'is in the zip but not in manifest.json (added after the export)' },
    ]);
    expect(c.consistency).toHaveLength(1);
    expect(c.consistency[0]).toMatch(/^summary\.csv was written at 2026-12-01 \d\d:30, the rest of the zip at 2026-11-23 \d\d:00: it was rewritten after the export$/);
  });
});

describe('importing a changed export: ask, refuse or flag', () => {
  const changed = async () =>
    repack(await exportZip(), (f) => {
      f[ITEMS] = strToU8(text(f[ITEMS]).replace('"answer":"2.5"', '"answer":"7.5"'));
      rehash(f, ITEMS);
      f['images/p0.png'] = PNG.map((x) => x ^ 1);
    });
  const drop = (zip: Uint8Array) => [{ path: 'x.zip', blob: new Blob([zip as Uint8Array<ArrayBuffer>]) }];

  it('ask (the default): nothing is imported; the error carries the per-file report', async () => {
    const err = await importAll(drop(await changed())).catch((e) => e);
    expect(err).toBeInstanceOf(ExportModifiedError);
    expect((err as ExportModifiedError).checks[0].files).toEqual([{ path: 'x.zip/images/p0.png', message: 'does not match the SHA-256 that manifest.json gives for it' }]);
    expect((err as Error).message).toBe(
      'x.zip was changed after it was exported:\nx.zip/images/p0.png does not match the SHA-256 that manifest.json gives for it\nx.zip: items/spar-bench.jsonl, line 2: item b.jsonl#1 differs from summary.csv in original_answer, final_answer',
    );
  });

  it('refuse: the zip is left out and each difference listed; flag: imported, the changed items flagged', async () => {
    const refused = await importAll(drop(await changed()), { modifiedExports: 'refuse' });
    expect(refused.items).toEqual([]);
    expect(refused.problems.map((p) => p.message)).toEqual([
      'changed after it was exported (listed below); nothing in it was imported',
      'does not match the SHA-256 that manifest.json gives for it',
      'items/spar-bench.jsonl, line 2: item b.jsonl#1 differs from summary.csv in original_answer, final_answer',
    ]);
    const flagged = await importAll(drop(await changed()), { modifiedExports: 'flag' });
    const flags = new Map(flagged.items.map((i) => [i.appId, i.flags]));
    // b.jsonl#0 names the changed image, b.jsonl#1 disagrees with summary.csv, b.jsonl#2 is untouched
    expect(flags).toEqual(new Map([['b.jsonl#0', ['modified-after-export']], ['b.jsonl#1', ['modified-after-export']], ['b.jsonl#2', []]]));
    expect(flagged.summary.exports).toHaveLength(1);
  });

  it('an untouched export imports without a question and without flags', async () => {
    const r = await importAll(drop(await exportZip()));
    expect(r.items.map((i) => [i.appId, i.flags])).toEqual([['b.jsonl#0', []], ['b.jsonl#1', []], ['b.jsonl#2', []]]);
    expect(r.summary.exports.map((c) => [c.zip, c.filesListed, c.files.length + c.consistency.length])).toEqual([['x.zip', 5, 0]]);
  });
});
