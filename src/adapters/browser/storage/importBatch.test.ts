// An import batch that the browser's storage refuses says what the batch held; images are stored
// with their hash, which the next import reads to reuse them.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from './db';
import { batchWords, imageHashes, putImportBatch } from './review';

beforeEach(async () => {
  await db().delete();
  await db().open();
});

describe('import batches', () => {
  it('a full storage names the batch by what it held: images, items or both', async () => {
    expect(batchWords(0, 120)).toBe('the import batch of 120 images');
    expect(batchWords(2000, 0)).toBe('the import batch of 2,000 items');
    expect(batchWords(1, 1)).toBe('the import batch of 1 item and 1 image');
    const full = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    const spy = vi.spyOn(db(), 'transaction').mockImplementation((() => Promise.reject(full)) as never);
    try {
      await expect(putImportBatch('p', [], [{ path: 'a.png', blob: new Blob([new Uint8Array(3)]) }], 1)).rejects.toThrow(
        'Browser storage is full: the import batch of 1 image could not be saved. Everything stored before is intact; free space (delete a project or scenes) or export a backup.',
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('stored images keep their SHA-256 for the next import', async () => {
    await putImportBatch('p', [], [{ path: 'a.png', blob: new Blob([new Uint8Array(3)]), sha256: 'ab'.repeat(32) }, { path: 'b.png', blob: new Blob([new Uint8Array(4)]) }], 1);
    expect(await imageHashes('p')).toEqual(new Map([['ab'.repeat(32), 'a.png']]));
    expect(await imageHashes('other')).toEqual(new Map());
  });
});
