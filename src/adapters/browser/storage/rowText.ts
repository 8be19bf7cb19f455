// The queue's text, read from the stored items: the search texts of a project (question, options
// and answer, built when a text search is first typed) and the question starts of queue rows stored
// before rows carried them.
import { questionStart, searchText } from '../../../domain/review/rowText';
import { db } from './db';

/** Every item's search text in the project, by app id (generated items and imported packs). */
export async function searchTexts(project: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await db()
    .items.where('project')
    .equals(project)
    .each((r) => void out.set(r.id, searchText(r.item)));
  await db()
    .packs.where('project')
    .equals(project)
    .each((p) => {
      for (const i of p.items) out.set(i.id, searchText(i.item));
    });
  return out;
}

/** Gives the queue rows of packs stored without question starts their starts (once: they are written back). */
export async function fillQuestionStarts(project: string): Promise<number> {
  let filled = 0;
  const d = db();
  const stale = (await d.packRows.where('project').equals(project).toArray()).filter((p) => p.rows.some((r) => r.q === undefined));
  for (const p of stale) {
    const pack = await d.packs.get([project, p.pack]);
    if (!pack) continue;
    const byId = new Map(pack.items.map((i) => [i.id, i.item]));
    const rows = p.rows.map((r) => {
      const item = byId.get(r.id);
      if (r.q !== undefined || !item) return r;
      filled++;
      return { ...r, q: questionStart(String(item.question ?? '')) };
    });
    await d.packRows.put({ ...p, rows });
  }
  return filled;
}
