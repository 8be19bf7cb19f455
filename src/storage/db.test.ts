import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SpatialLensDB } from './db';

describe('IndexedDB schema', () => {
  it('v1 → v2 keeps the models and adds the scenes table', async () => {
    const name = `migrate-${Math.random()}`;
    // a database as version 1 of the app left it
    const v1 = new Dexie(name);
    v1.version(1).stores({ models: 'id, addedAt' });
    await v1.table('models').put({ id: 'm1', entry: { id: 'm1', family: 'midas', file: 'm.onnx', task: 'disparity-relative' }, blob: new Blob(['x']), addedAt: '2026-01-01' });
    v1.close();
    const v2 = new SpatialLensDB(name);
    await v2.open();
    expect(v2.verno).toBe(2);
    expect((await v2.models.get('m1'))?.entry.family).toBe('midas');
    await v2.scenes.put({ id: 'a.jpg', image: new Blob(['img']), updatedAt: '2026-01-02' });
    expect(await v2.scenes.count()).toBe(1);
    v2.close();
  });
});
