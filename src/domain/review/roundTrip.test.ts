// Export then import gives back the same items and decisions: the fixtures are imported, decided
// on (accept, fix with a new answer and options, reject), exported through the real zip writer and
// the layouts, and the zip is imported again as a user would drop it.
import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '../../test/reviewFiles';
import { writeExport } from './exportBundle';
import { importAll } from './import/importer';
import { sourceRecord } from './import/layouts';
import { REVIEW_SCHEMA, type ItemSource, type StoredDecision } from './types';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, s)).toISOString();

describe('export → import round trip', () => {
  it('gives back the same items under the same ids, and every decision', async () => {
    const first = await importAll([...(await fixtureFiles('spar7m')), ...(await fixtureFiles('spar-bench')), ...(await fixtureFiles('qa'))]);
    const items = first.items;
    expect(items.length).toBe(5 + 5 + 3);
    // one decision of each kind per layout
    const decisions = new Map<string, StoredDecision>();
    let key = 1;
    for (const layout of ['spar7m', 'spar-bench', 'spatial-lens'] as const) {
      const mine = items.filter((i) => (i.item.spatial_lens.source as ItemSource).layout === layout);
      const [a, f, r] = mine;
      const base = { schema: REVIEW_SCHEMA as typeof REVIEW_SCHEMA, reviewer: 'ana', project: 'p', startedAt: at(0), decidedAt: at(7) };
      decisions.set(a.appId, { ...base, item: a.appId, decision: 'accept', key: key++, uid: `u${key}` });
      const edits: StoredDecision['edits'] = { answer: [f.item.answer, `${f.item.answer} (fixed)`] };
      if (f.item.spatial_lens.options) edits.options = [f.item.spatial_lens.options, f.item.spatial_lens.options.map((o) => `${o}!`)];
      decisions.set(f.appId, { ...base, item: f.appId, decision: 'fix', edits, key: key++, uid: `u${key}` });
      decisions.set(r.appId, { ...base, item: r.appId, decision: 'reject', reasons: ['other'], comment: 'a "quoted", comma', key: key++, uid: `u${key}` });
    }
    const chunks: Uint8Array[] = [];
    const manifest = await writeExport(
      items.map((i) => ({ appId: i.appId, item: i.item, review: decisions.get(i.appId), images: first.images.filter((im) => i.imagePaths.includes(im.path)).map((im) => ({ path: im.path, blob: im.blob })) })),
      {
        recordOf: (item, d) => sourceRecord(item, d && d.decision !== 'undo' ? { ...d, decision: d.decision } : undefined),
        layoutOf: (item) => (item.spatial_lens.source as ItemSource).layout,
      },
      (c) => void chunks.push(c.slice()),
    );
    expect(manifest.counts.byDecision).toEqual({ accept: 3, fix: 3, reject: 3, undecided: 4 });
    const zip = new Blob(chunks as BlobPart[]);

    const again = await importAll([{ path: 'downloads/spatial-lens-reviewed.zip', blob: zip }]);
    expect(again.problems.filter((p) => p.kind === 'line')).toEqual([]);
    const byId = new Map(again.items.map((i) => [i.appId, i]));
    expect([...byId.keys()].sort()).toEqual(items.map((i) => i.appId).sort());
    for (const i of items) {
      const back = byId.get(i.appId)!;
      // the item as first imported (a fix's originals restored), its image found again
      expect(back.item).toEqual(i.item);
      expect(back.imagePaths.every((p) => p !== null)).toBe(i.imagePaths.every((p) => p !== null));
      const d = decisions.get(i.appId);
      if (!d) expect(back.review).toBeUndefined();
      else {
        expect(back.review).toMatchObject({ decision: d.decision, reviewer: 'ana', startedAt: at(0), decidedAt: at(7) });
        if (d.edits) expect(back.review!.edits).toEqual(d.edits);
        if (d.comment) expect(back.review!.comment).toBe(d.comment);
      }
    }
    // importing it into the project it came from finds every item there already
    const into = await importAll([{ path: 'again.zip', blob: zip }], { existingIds: new Set(items.map((i) => i.appId)) });
    expect(into.items.length).toBe(0);
    expect(into.summary.duplicates).toBe(13);
  });
});

describe('a backup dropped as an import', () => {
  it('is refused whole with a pointer to Restore, not read line by line', async () => {
    const { writeBackup } = await import('./backup');
    const chunks: Uint8Array[] = [];
    await writeBackup({ project: { id: 'p', name: 'P' }, items: [], decisions: [] }, (c) => void chunks.push(c.slice()));
    const r = await importAll([{ path: 'spatial-lens-backup.zip', blob: new Blob(chunks as BlobPart[]) }]);
    expect(r.items).toEqual([]);
    expect(r.problems.map((p) => p.message)).toEqual(['this zip is a whole-project backup: bring it back with Restore…; nothing in it was imported']);
  });
});
