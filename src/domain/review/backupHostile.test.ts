// Backups that are cut short, crafted or bombs are refused with a message naming what is wrong,
// before anything is restored.
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zeroZip } from '../../test/bombs';
import type { QAItem } from '../qa/types';
import { type BackupInput, readBackup, writeBackup } from './backup';
import { REVIEW_SCHEMA, type StoredDecision } from './types';

const qa = (id: string): QAItem => ({
  id,
  image: ['a.jpg'],
  task: 'dist',
  question: 'How far?',
  answer: '1.3',
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks: [], evidence: {}, scene: 's1', generator: { name: 'spatial-lens', version: '0', seed: 7 } },
});
const dec = (key: number, extra: Partial<StoredDecision> = {}): StoredDecision => ({
  schema: REVIEW_SCHEMA,
  item: 'f.jsonl#0',
  decision: 'accept',
  reviewer: 'ana',
  startedAt: '2026-11-23T10:00:00.000Z',
  decidedAt: '2026-11-23T10:00:09.000Z',
  key,
  uid: `u${key}`,
  project: 'p1',
  ...extra,
});
const input = (decisions: StoredDecision[] = [dec(1)]): BackupInput => ({
  project: { id: 'p1', name: 'P' },
  createdAt: '2026-11-23T12:00:00.000Z',
  items: [{ id: 'f.jsonl#0', seq: 1, scene: 's1', task: 'dist', flags: [], item: qa('0') }],
  decisions,
});

async function backupZip(i: BackupInput): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await writeBackup(i, (c) => void parts.push(c.slice()));
  return new Uint8Array(Buffer.concat(parts));
}

/** The backup with `backup.json` replaced (hashes of the other files untouched). */
function withHeader(zip: Uint8Array, edit: (h: Record<string, unknown>) => unknown, raw?: string): Uint8Array {
  const files = unzipSync(zip);
  const h = JSON.parse(new TextDecoder().decode(files['backup.json']));
  files['backup.json'] = strToU8(raw ?? JSON.stringify(edit(h)));
  return zipSync(files);
}

describe('restoring a hostile backup', () => {
  it('a backup.json cut short, or valid JSON that lacks the project, is named, not a TypeError', async () => {
    const zip = await backupZip(input());
    const head = new TextDecoder().decode(unzipSync(zip)['backup.json']);
    await expect(readBackup(withHeader(zip, () => null, head.slice(0, head.length / 2)))).rejects.toThrow('backup.json in this zip is not valid JSON (cut short or edited by hand).');
    await expect(readBackup(withHeader(zip, (h) => ({ schema: h.schema, files: h.files })))).rejects.toThrow(
      'backup.json cannot be used: it names no project (was it cut short or edited by hand?). Nothing was restored.',
    );
    await expect(readBackup(withHeader(zip, (h) => ({ ...h, project: { name: 'x' } })))).rejects.toThrow('backup.json cannot be used: its project has no id');
    await expect(readBackup(withHeader(zip, (h) => ({ ...h, files: [null] })))).rejects.toThrow('backup.json lists null, which is not a file with a path, a size and a SHA-256');
    await expect(readBackup(withHeader(zip, (h) => ({ ...h, files: 'all of them' })))).rejects.toThrow('backup.json lists no files.');
  });

  it('rows that cannot be restored are named by file and record, with their hashes intact', async () => {
    const bad = await backupZip(input([dec(1), dec(2, { decision: '__proto__' as 'accept' })]));
    await expect(readBackup(bad)).rejects.toThrow('The backup cannot be restored: decisions.jsonl, record 2: the decision "__proto__" is not accept, fix, reject or undo. Nothing was restored.');
    const reasons = await backupZip(input([dec(1, { decision: 'reject', reasons: ['constructor' as 'other'] })]));
    await expect(readBackup(reasons)).rejects.toThrow(/decisions\.jsonl, record 1: the reasons \["constructor"\] are not among vague-stem/);
    const noItem = await backupZip({ ...input(), items: [{ id: 'x', seq: 1, scene: 's', task: 't', item: null as unknown as QAItem }] });
    await expect(readBackup(noItem)).rejects.toThrow('items.jsonl, record 1: the item has no QA item with its spatial_lens part');
  });

  it('a file changed after the backup was written is named, with the hash that no longer matches', async () => {
    const files = unzipSync(await backupZip(input()));
    files['items.jsonl'] = strToU8(new TextDecoder().decode(files['items.jsonl']).replace('1.3', '9.9'));
    await expect(readBackup(zipSync(files))).rejects.toThrow('The zip is damaged or was changed after it was written: items.jsonl does not match its SHA-256.');
    expect(createHash('sha256').update(files['items.jsonl']).digest('hex')).toHaveLength(64);
  });

  it('a zip bomb given as a backup is refused before inflating, quickly', async () => {
    const bomb = new Blob([zeroZip([{ name: 'backup.json', bytes: 2.3e9 }])]);
    const cpu = process.cpuUsage();
    await expect(readBackup(bomb)).rejects.toThrow(
      'This file is not a readable zip (the zip would expand 1011 times (2.3 MB to 2.3 GB); the limit is 100 times, so nothing in it was unpacked).',
    );
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});
