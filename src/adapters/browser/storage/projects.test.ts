// Two new projects left unnamed (even at the same moment, as from two tabs) get two names.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from './db';
import { createProject, listProjects } from './review';

beforeEach(async () => {
  await db().delete();
  await db().open();
});

describe('creating projects', () => {
  it('never stores two projects under one name', async () => {
    const [a, b, c] = await Promise.all([createProject(''), createProject('  '), createProject('')]);
    expect(new Set([a.name, b.name, c.name])).toEqual(new Set(['Untitled project', 'Untitled project 2', 'Untitled project 3']));
    expect((await createProject('My project')).name).toBe('My project 2');
    const names = (await listProjects()).map((p) => p.name);
    expect(names).toHaveLength(new Set(names).size);
  });
});
