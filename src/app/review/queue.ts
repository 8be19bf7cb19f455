// The project's queue: opening a project, the reviewer, filter, sort, "mine", text search, saved
// views, samples and assignments, and re-reading what other tabs wrote.
import { DEFAULT_SORT, type QueueFilter, type SavedView, parseSavedView, runQueue } from '../../domain/review/queue';
import { assignReviewers, samplePerTask } from '../../domain/review/sample';
import type { QueueRow } from '../../domain/review/types';
import { DEFAULT_PROJECT } from '../../domain/review/project';
import { type Ctx, broadcast, fail, noteConflicts, pickNext } from './context';
import { ReviewSession } from './reviewSession';
import { interruptedNotice, unfinishedLive } from './transfer';
import type { ReviewStoreState } from './types';

export const REVIEWER_SETTING = 'spatial-lens:reviewer';
export const PROJECT_SETTING = 'spatial-lens:project';

const remember = (c: Ctx, k: string, v: string) => {
  try {
    c.deps.settings.set(k, v);
  } catch {
    /* private mode: the default is used next time */
  }
};

/**
 * The question, options and answer of every item, for text search: read from storage when a search
 * is first typed, and again after the queue changed (undefined while they are being read).
 */
export function textsFor(c: Ctx, rows: readonly QueueRow[]): Map<string, string> | undefined {
  const session = c.get().session;
  if (session.search?.rows === rows) return session.search.texts;
  if (session.reading !== rows) {
    session.reading = rows;
    c.set({ searching: true });
    void c.deps.storage
      .searchTexts(session.project)
      .then((texts) => {
        if (session.reading !== rows) return;
        session.search = { rows, texts };
        session.reading = null;
        c.set({ searching: false });
        c.relist();
      })
      .catch((e) => {
        session.reading = null;
        c.set({ searching: false });
        fail(c, e, 'Reading the question texts');
      });
  }
  return undefined;
}

export function relist(c: Ctx, keepCurrent = true): void {
  const t0 = performance.now();
  const { rows, filter, sort, mine, reviewer, session } = c.get();
  const f: QueueFilter = mine ? { ...filter, perspective: reviewer, ids: rows.filter((r) => r.assignees?.includes(reviewer)).map((r) => r.id) } : filter;
  const texts = f.text?.trim() ? textsFor(c, rows) : undefined;
  const risks = c.get().risks;
  // the stored risks are read when an order or filter first needs them (then listed again)
  if ((sort.key === 'risk' || f.mismatch) && c.get().risksRead !== c.get().project) void c.get().readRisks();
  const { rows: listed, counts } = runQueue(rows, session.log, f, sort, { ...(texts ? { textOf: (id: string) => texts.get(id) } : {}), riskOf: (id) => risks.get(id) });
  c.set({ listed, counts, version: session.log.version, filterMs: performance.now() - t0 });
  if (!keepCurrent) return;
  const cur = c.get().current;
  if (cur && listed.some((r) => r.id === cur.row.id)) return;
  const first = pickNext(c, listed, undefined) ?? listed[0];
  if (first) void c.get().show(first.id);
  else c.set({ current: null });
}

type QueueActions = 'project' | 'projects' | 'reviewer' | 'rows' | 'version' | 'filter' | 'sort' | 'listed' | 'counts' | 'filterMs' | 'searching' | 'views' | 'mine' | 'storage' | 'open' | 'newProject' | 'setReviewer' | 'setFilter' | 'setSort' | 'setMine' | 'saveCurrentView' | 'applyView' | 'refresh' | 'sample' | 'assign';

export const queueSlice = (c: Ctx): Pick<ReviewStoreState, QueueActions> => ({
  project: c.deps.settings.get(PROJECT_SETTING) ?? DEFAULT_PROJECT,
  projects: [],
  reviewer: c.deps.settings.get(REVIEWER_SETTING) || 'reviewer',
  rows: [],
  version: 0,
  filter: {},
  sort: DEFAULT_SORT,
  listed: [],
  counts: null,
  filterMs: 0,
  searching: false,
  views: [],
  mine: false,
  storage: { persisted: null, usage: null, quota: null },

  async open(project = c.get().project) {
    const { storage } = c.deps;
    try {
      const projects = await storage.listProjects();
      if (!projects.some((p) => p.id === project)) project = DEFAULT_PROJECT;
      remember(c, PROJECT_SETTING, project);
      const session = await ReviewSession.open(storage, project, c.get().session);
      let rows = await storage.queueRows(project);
      if (rows.some((r) => r.pack !== undefined && r.q === undefined)) {
        // rows stored before they carried the start of their question
        await storage.fillQuestionStarts(project);
        rows = await storage.queueRows(project);
      }
      const views = (await storage.listViews(project)).map((v) => parseSavedView(v));
      const interrupted = await unfinishedLive(storage, project);
      const blind = projects.find((p) => p.id === project)?.blind === true;
      c.set({ session, project, projects, rows, views, current: null, pending: null, conflicts: [], interrupted, blind, answered: null, risks: new Map(), risksRead: null });
      c.relist();
      if (interrupted.length) c.set({ message: { kind: 'error', text: interruptedNotice(interrupted) } });
      c.set({ storage: await storage.storageStatus(true) });
    } catch (e) {
      fail(c, e, 'Opening the project');
    }
  },

  async newProject(name) {
    const p = await c.deps.storage.createProject(name);
    await c.get().open(p.id);
  },

  setReviewer(name) {
    const reviewer = name.trim() || 'reviewer';
    remember(c, REVIEWER_SETTING, reviewer);
    c.set({ reviewer });
    if (c.get().mine) c.relist();
    const cur = c.get().current;
    if (cur && c.get().blind) void c.get().show(cur.row.id);
  },

  setFilter(patch) {
    c.set({ filter: { ...c.get().filter, ...patch } });
    c.relist();
  },
  setSort(sort) {
    c.set({ sort });
    c.relist();
  },
  setMine(mine) {
    c.set({ mine });
    c.relist();
  },

  async saveCurrentView(name) {
    const { views, filter, sort, project } = c.get();
    const v: SavedView = { name: name.trim() || `View ${views.length + 1}`, filter, sort };
    await c.deps.storage.saveView({ id: `${project}/${v.name}`, project, ...v }).catch((e) => fail(c, e, 'Saving the view'));
    c.set({ views: [...c.get().views.filter((x) => x.name !== v.name), v] });
  },
  applyView(v) {
    c.set({ filter: v.filter, sort: v.sort });
    c.relist();
  },

  async refresh(rows = false) {
    const { storage } = c.deps;
    try {
      const session = c.get().session;
      noteConflicts(c, session.log.applyAll(await session.readNew(storage)));
      // another tab may have turned blind review on or off
      const blind = (await storage.listProjects()).find((p) => p.id === c.get().project)?.blind === true;
      if (blind !== c.get().blind) c.set({ blind });
      if (rows) {
        // new items may come from a scene lifted since the scenes were last read
        session.scenesChanged();
        c.set({ rows: await storage.queueRows(c.get().project) });
      }
      c.relist();
      const cur = c.get().current;
      if (cur) c.set({ current: { ...cur, decisions: c.get().session.log.byReviewer(cur.row.id) } });
    } catch (e) {
      fail(c, e, 'Reading the decisions');
    }
  },

  async sample(perTask, seed) {
    const { rows } = runQueue(c.get().rows, c.get().session.log, { ...c.get().filter, ids: undefined }, DEFAULT_SORT);
    const s = samplePerTask(rows, perTask, seed);
    const name = `Sample ${perTask}/task, seed ${seed}`;
    c.set({ filter: { ...c.get().filter, ids: s.items.map((r) => r.id) } });
    await c.get().saveCurrentView(name);
    c.relist();
    c.set({ message: { kind: 'info', text: `${name}: ${s.items.length} items from ${s.strata.length} tasks (saved as a view).` } });
  },

  async assign(reviewers, plan, seed) {
    const ids = c.get().listed.map((r) => r.id);
    try {
      const a = assignReviewers(ids, reviewers, plan, seed);
      const groups = new Map<string, string[]>();
      for (const [id, who] of a.byItem) {
        const k = who.join('\u0000');
        groups.set(k, [...(groups.get(k) ?? []), id]);
      }
      for (const [k, group] of groups) await c.deps.storage.setAssignees(c.get().project, group, k.split('\u0000'));
      c.set({ rows: await c.deps.storage.queueRows(c.get().project) });
      broadcast(c, true);
      c.relist();
      c.set({ message: { kind: 'info', text: `Assigned ${ids.length} items to ${reviewers.join(', ')}; ${a.overlap.length} are reviewed by more than one (for agreement).` } });
    } catch (e) {
      fail(c, e, 'Assigning');
    }
  },
});
