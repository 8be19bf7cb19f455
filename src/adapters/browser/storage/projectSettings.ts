// Per-project settings kept with the project record (and so in its backups).
import { DEFAULT_PROJECT, type StoredProject, db } from './db';

/** Turns blind review on or off for a project (the default project gets its record on first use). */
export async function setProjectBlind(id: string, blind: boolean): Promise<StoredProject> {
  const d = db();
  return d.transaction('rw', d.projects, async () => {
    const had = await d.projects.get(id);
    const p: StoredProject = { ...(had ?? { id, name: id === DEFAULT_PROJECT ? 'My project' : id, createdAt: new Date().toISOString() }), blind };
    await d.projects.put(p);
    return p;
  });
}
