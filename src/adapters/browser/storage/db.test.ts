import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SpatialLensDB } from './db';

describe('IndexedDB schema', () => {
  it('v1 → the current version keeps the models and adds the scenes table', async () => {
    const name = `migrate-${Math.random()}`;
    // a database as version 1 of the app left it
    const v1 = new Dexie(name);
    v1.version(1).stores({ models: 'id, addedAt' });
    await v1.table('models').put({ id: 'm1', entry: { id: 'm1', family: 'midas', file: 'm.onnx', task: 'disparity-relative' }, blob: new Blob(['x']), addedAt: '2026-01-01' });
    v1.close();
    const v2 = new SpatialLensDB(name);
    await v2.open();
    expect(v2.verno).toBe(7);
    expect((await v2.models.get('m1'))?.entry.family).toBe('midas');
    await v2.scenes.put({ id: 'a.jpg', image: new Blob(['img']), updatedAt: '2026-01-02' });
    expect(await v2.scenes.count()).toBe(1);
    v2.close();
  });
});

describe('QA items (v3)', () => {
  it('v2 → v3 keeps scenes and models and adds the items table', async () => {
    const name = `migrate3-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores({ models: 'id, addedAt', scenes: 'id, updatedAt' });
    await v2.table('scenes').put({ id: 'a.jpg', image: new Blob(['img']), updatedAt: '2026-01-02' });
    v2.close();
    const v3 = new SpatialLensDB(name);
    await v3.open();
    expect(v3.verno).toBe(7);
    expect(await v3.scenes.count()).toBe(1);
    await v3.items.put({ id: 's/t/fill/0001', scene: 's', task: 't', seq: 1, item: {} as never, project: 'default' });
    expect(await v3.items.where('scene').equals('s').count()).toBe(1);
    v3.close();
  });
});

describe('projects and the decision log (v4)', () => {
  it('v3 → v4 puts every stored item in the default project and keeps scenes and models', async () => {
    const name = `migrate4-${Math.random()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({ models: 'id, addedAt', scenes: 'id, updatedAt', items: 'id, scene, task, seq' });
    await v3.table('scenes').put({ id: 'a.jpg', image: new Blob(['img']), updatedAt: '2026-01-02' });
    await v3.table('items').bulkPut([
      { id: 'a/t/fill/0001', scene: 'a', task: 't', seq: 1, item: { id: 'a/t/fill/0001', task: 't' } },
      { id: 'a/t/fill/0002', scene: 'a', task: 't', seq: 2, item: { id: 'a/t/fill/0002', task: 't' } },
    ]);
    v3.close();
    const v4 = new SpatialLensDB(name);
    await v4.open();
    expect(v4.verno).toBe(7);
    expect(await v4.scenes.count()).toBe(1);
    const rows = await v4.items.where('[project+seq]').between(['default', 0], ['default', Infinity]).toArray();
    expect(rows.map((r) => r.id)).toEqual(['a/t/fill/0001', 'a/t/fill/0002']);
    expect(rows.every((r) => Array.isArray(r.flags))).toBe(true);
    expect((await v4.projects.get('default'))?.name).toBe('My project');
    // the log refuses a second record with the same uid
    await v4.decisions.add({ schema: 'spatial-lens/review@1', item: 'a/t/fill/0001', decision: 'accept', reviewer: 'ana', startedAt: 'x', decidedAt: 'y', uid: 'u1', project: 'default' });
    await expect(v4.decisions.add({ schema: 'spatial-lens/review@1', item: 'a/t/fill/0001', decision: 'accept', reviewer: 'ana', startedAt: 'x', decidedAt: 'y', uid: 'u1', project: 'default' })).rejects.toThrow();
    expect(await v4.decisions.count()).toBe(1);
    v4.close();
  });
});

describe('packs (v5)', () => {
  it('v4 → v5 keeps items, decisions, images and views, and adds the pack tables', async () => {
    const name = `migrate5-${Math.random()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({
      models: 'id, addedAt',
      scenes: 'id, updatedAt',
      items: 'id, scene, task, seq, project, [project+seq], *assignees',
      projects: 'id',
      images: '[project+path], project',
      decisions: '++key, &uid, item, project, [project+key]',
      views: 'id, project',
    });
    await v4.table('items').put({ id: 'f.jsonl#1', scene: 's', task: 't', seq: 3, item: { id: '1' }, project: 'default', flags: ['missing-image'], assignees: ['ana'] });
    await v4.table('decisions').add({ schema: 'spatial-lens/review@1', item: 'f.jsonl#1', decision: 'reject', reviewer: 'ana', startedAt: 'a', decidedAt: 'b', uid: 'u', project: 'default' });
    await v4.table('images').put({ project: 'default', path: 'a.jpg', blob: new Blob(['x']) });
    await v4.table('views').put({ id: 'default/mine', project: 'default', name: 'mine', filter: {}, sort: { key: 'seq' } });
    v4.close();
    const v5 = new SpatialLensDB(name);
    await v5.open();
    expect(v5.verno).toBe(7);
    expect((await v5.items.where('assignees').equals('ana').first())?.flags).toEqual(['missing-image']);
    expect((await v5.decisions.where('item').equals('f.jsonl#1').first())?.decision).toBe('reject');
    expect(await v5.images.count()).toBe(1);
    expect(await v5.views.count()).toBe(1);
    await v5.packs.add({ project: 'default', pack: 10, last: 11, items: [] });
    expect((await v5.packs.orderBy('last').last())?.pack).toBe(10);
    v5.close();
  });
});

describe('the import journal (v6)', () => {
  it('v5 → v6 keeps packs, decisions and projects, and adds the imports table', async () => {
    const name = `migrate6-${Math.random()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({
      models: 'id, addedAt',
      scenes: 'id, updatedAt',
      items: 'id, scene, task, seq, project, [project+seq], *assignees',
      projects: 'id',
      images: '[project+path], project',
      decisions: '++key, &uid, item, project, [project+key]',
      views: 'id, project',
      packs: '[project+pack], project, last',
      packRows: '[project+pack], project',
    });
    await v5.table('packs').add({ project: 'default', pack: 1, last: 1, items: [{ id: 'f.jsonl#1', item: { id: '1' } }] });
    await v5.table('packRows').add({ project: 'default', pack: 1, rows: [{ id: 'f.jsonl#1', seq: 1, task: 't', format: 'fill', source: 'f.jsonl', scene: 's', flags: [], pack: 1 }] });
    await v5.table('projects').put({ id: 'p1', name: 'P', createdAt: 'x' });
    await v5.table('decisions').add({ schema: 'spatial-lens/review@1', item: 'f.jsonl#1', decision: 'accept', reviewer: 'ana', startedAt: 'a', decidedAt: 'b', uid: 'u', project: 'default' });
    v5.close();
    const v6 = new SpatialLensDB(name);
    await v6.open();
    expect(v6.verno).toBe(7);
    expect((await v6.packRows.get(['default', 1]))?.rows[0].id).toBe('f.jsonl#1');
    expect((await v6.decisions.toArray()).map((d) => d.decision)).toEqual(['accept']);
    expect((await v6.projects.get('p1'))?.blind).toBeUndefined();
    await v6.imports.put({ id: 'i1', project: 'default', dropped: [], files: [], done: 0, added: 0, startedAt: 'a', updatedAt: 'a', state: 'running' });
    expect(await v6.imports.where('project').equals('default').count()).toBe(1);
    v6.close();
  });
});

describe('the items’ risks (v7)', () => {
  it('v6 → v7 keeps the imports and the decisions, and adds the risks table', async () => {
    const name = `migrate7-${Math.random()}`;
    const v6 = new Dexie(name);
    v6.version(6).stores({
      models: 'id, addedAt',
      scenes: 'id, updatedAt',
      items: 'id, scene, task, seq, project, [project+seq], *assignees',
      projects: 'id',
      images: '[project+path], project',
      decisions: '++key, &uid, item, project, [project+key]',
      views: 'id, project',
      packs: '[project+pack], project, last',
      packRows: '[project+pack], project',
      imports: 'id, project',
    });
    await v6.table('imports').put({ id: 'i1', project: 'default', dropped: [], files: [], done: 0, added: 0, startedAt: 'a', updatedAt: 'a', state: 'done' });
    await v6.table('decisions').add({ schema: 'spatial-lens/review@1', item: 'f.jsonl#1', decision: 'reject', reviewer: 'ana', startedAt: 'a', decidedAt: 'b', uid: 'u', project: 'default' });
    v6.close();
    const v7 = new SpatialLensDB(name);
    await v7.open();
    expect(v7.verno).toBe(7);
    expect((await v7.imports.get('i1'))?.state).toBe('done');
    expect((await v7.decisions.toArray()).map((d) => d.decision)).toEqual(['reject']);
    await v7.risks.bulkPut([
      { project: 'default', id: 'f.jsonl#1', risk: 0.9, mismatch: true, errors: 1, warnings: 0 },
      { project: 'p2', id: 'g.jsonl#1', risk: 0.03, mismatch: false, errors: 0, warnings: 0 },
    ]);
    expect((await v7.risks.where('project').equals('default').toArray()).map((r) => [r.id, r.mismatch])).toEqual([['f.jsonl#1', true]]);
    v7.close();
  });
});
