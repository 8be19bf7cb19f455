import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { QAItem } from '../qa/types';
import { type BackupInput, type BackupItem, backupStream, readBackup, writeBackup } from './backup';
import { REVIEW_SCHEMA, type StoredDecision } from './types';

const qa = (id: string): QAItem => ({
  id,
  image: ['p/a.jpg'],
  task: 'dist',
  question: 'How far, "really"?\nSecond line',
  answer: '1.3',
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: ['o1'], marks: [], evidence: { d: 1.31 }, scene: 's1', generator: { name: 'spatial-lens', version: '0', seed: 7 } },
});
const d = (key: number, item: string, decision: StoredDecision['decision'], extra: Partial<StoredDecision> = {}): StoredDecision => ({
  schema: REVIEW_SCHEMA,
  item,
  decision,
  reviewer: 'ana',
  startedAt: '2026-11-23T10:00:00.000Z',
  decidedAt: '2026-11-23T10:00:09.000Z',
  key,
  uid: `u${key}`,
  project: 'p1',
  ...extra,
});

const photo = new Uint8Array(2000).map((_, i) => i % 251);
const depth = new Uint8Array(64).fill(5);
const img = new Uint8Array(300).fill(1);

const input = (): BackupInput => ({
  project: { id: 'p1', name: 'Bench check', createdAt: '2026-11-20T09:00:00.000Z' },
  createdAt: '2026-11-23T12:00:00.000Z',
  items: [
    { id: 'f.jsonl#0', seq: 1, scene: 's1', task: 'dist', flags: [], item: qa('0') },
    { id: 'f.jsonl#1', seq: 2, scene: 's1', task: 'dist', flags: ['missing-image'], assignees: ['ana', 'bob'], item: qa('1') },
  ],
  decisions: [d(1, 'f.jsonl#0', 'reject', { reasons: ['vague-stem'] }), d(2, 'f.jsonl#0', 'undo', { undoes: 1 }), d(3, 'f.jsonl#0', 'fix', { edits: { answer: ['1.3', '2.9'] } })],
  scenes: [{ id: 'IMG 0001.jpg', data: { id: 'IMG 0001.jpg', updatedAt: 'x', scene: { schema: 'spatial-lens/scene@1' } }, blobs: { image: new Blob([photo], { type: 'image/jpeg' }), depth } }],
  images: [{ path: 'p/a.jpg', blob: img, width: 20, height: 15 }],
  views: [{ id: 'v1', project: 'p1', name: 'Rejects', filter: { statuses: ['reject'] }, sort: { key: 'seq' } }],
});

async function toBytes(write: (sink: (c: Uint8Array) => void) => Promise<unknown>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await write((c) => {
    parts.push(c.slice());
  });
  return new Uint8Array(Buffer.concat(parts));
}

describe('backup', () => {
  it('round trip: every row, decision (undo included, keys kept), scene with its blobs, image and view', async () => {
    const zip = await toBytes((sink) => writeBackup(input(), sink));
    const names = Object.keys(unzipSync(zip));
    expect(names).toEqual(['scenes/0-IMG_0001.jpg/image', 'scenes/0-IMG_0001.jpg/depth', 'images/p/a.jpg', 'items.jsonl', 'decisions.jsonl', 'scenes.jsonl', 'images.jsonl', 'views.jsonl', 'backup.json']);

    const b = await readBackup(zip);
    expect(b.project).toEqual({ id: 'p1', name: 'Bench check', createdAt: '2026-11-20T09:00:00.000Z' });
    expect(b.createdAt).toBe('2026-11-23T12:00:00.000Z');
    expect(b.header.schema).toBe('spatial-lens/backup@1');
    expect(b.header.counts).toEqual({ items: 2, decisions: 3, scenes: 1, images: 1, views: 1 });
    expect(b.items).toEqual(input().items);
    expect(b.decisions).toEqual(input().decisions);
    expect(b.decisions.map((x) => x.key)).toEqual([1, 2, 3]);
    expect(b.scenes).toEqual([
      {
        id: 'IMG 0001.jpg',
        data: { id: 'IMG 0001.jpg', updatedAt: 'x', scene: { schema: 'spatial-lens/scene@1' } },
        blobs: { image: { bytes: photo, type: 'image/jpeg' }, depth: { bytes: depth, type: '' } },
      },
    ]);
    expect(b.images).toEqual([{ path: 'p/a.jpg', bytes: img, type: '', width: 20, height: 15 }]);
    expect(b.views).toEqual([{ id: 'v1', project: 'p1', name: 'Rejects', filter: { statuses: ['reject'] }, sort: { key: 'seq' } }]);
    // The header lists each file with the SHA-256 of its bytes.
    const photoEntry = b.header.files.find((f) => f.path === 'scenes/0-IMG_0001.jpg/image');
    expect(photoEntry).toEqual({ path: 'scenes/0-IMG_0001.jpg/image', bytes: 2000, sha256: createHash('sha256').update(photo).digest('hex') });
  });

  it('as a stream, and items given as an async iterable', async () => {
    async function* rows(): AsyncGenerator<BackupItem> {
      for (const r of input().items as BackupItem[]) yield r;
    }
    const { stream, header } = backupStream({ ...input(), items: rows() });
    const zip = new Uint8Array(await new Response(stream).arrayBuffer());
    expect((await header).counts.items).toBe(2);
    expect((await readBackup(zip)).items.map((r) => r.id)).toEqual(['f.jsonl#0', 'f.jsonl#1']);
  });

  it('refuses an unknown schema version, a non-backup, a damaged file and decisions without keys', async () => {
    const zip = await toBytes((sink) => writeBackup(input(), sink));
    const files = unzipSync(zip);
    const header = JSON.parse(new TextDecoder().decode(files['backup.json']));
    const withHeader = (h: unknown) => zipSync({ ...files, 'backup.json': strToU8(JSON.stringify(h)) });
    await expect(readBackup(withHeader({ ...header, schema: 'spatial-lens/backup@2' }))).rejects.toThrow(
      'This backup was written by a newer version of Spatial Lens (schema spatial-lens/backup@2); this version reads spatial-lens/backup@1. Update the app to open it.',
    );
    await expect(readBackup(withHeader({ ...header, schema: 'spatial-lens/backup@0' }))).rejects.toThrow(/unknown schema version \(spatial-lens\/backup@0\)/);
    await expect(readBackup(withHeader({ ...header, schema: 'spatial-lens/export@1' }))).rejects.toThrow(/not a Spatial Lens backup/);
    await expect(readBackup(withHeader({ ...header, schema: undefined }))).rejects.toThrow(/not a Spatial Lens backup/);
    await expect(readBackup(zipSync({ 'manifest.json': strToU8('{}') }))).rejects.toThrow(/no backup.json/);
    await expect(readBackup(zipSync({ ...files, 'items.jsonl': strToU8('{}\n') }))).rejects.toThrow(/items.jsonl has 3 bytes/);
    const noKey = { ...d(1, 'x', 'accept') };
    delete noKey.key;
    await expect(writeBackup({ ...input(), decisions: [noKey] }, () => {})).rejects.toThrow(/no log key/);
  });
});
