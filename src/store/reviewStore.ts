// The review workspace: the project's queue (filtered, sorted, counted), the item on screen, the
// reviewer's decisions (written to IndexedDB before the next item is shown), undo, import, export,
// backup, samples, assignments and the dashboard numbers. Heavy work (parsing, zips) runs in the
// review worker; this store only orchestrates.
import { createStore } from 'zustand/vanilla';
import { isUserError } from '../domain/errors';
import type { Box3D, SceneFile } from '../domain/scene/scene';
import { type Recomputed, recompute } from '../domain/qa/generate/recompute';
import { DEFAULT_SORT, type QueueCounts, type QueueFilter, type QueueSort, type SavedView, nextUndecided, parseSavedView, runQueue } from '../domain/review/queue';
import { type AssignPlan, assignReviewers, samplePerTask } from '../domain/review/sample';
import { decisionTime } from '../domain/review/order';
import { ReviewState, type VerdictRecord, undoRecord } from '../domain/review/state';
import { type ExportCheck, ExportModifiedError } from '../domain/review/exportCheck';
import type { ModifiedExportPolicy } from '../domain/review/import/importer';
import { type ExportChoice, type ExportSelection, selectForExport } from '../domain/review/export/choice';
import type { ExportMeasure } from '../domain/review/export/estimate';
import { describeChoice, exportReviewed } from '../app/review/exportReviewed';
import { importMessage } from '../domain/review/importMessage';
import { type Conflict, conflictIn } from '../domain/review/conflicts';
import { type DashboardStats, computeStats } from '../domain/review/stats';
import { checkFix } from '../domain/review/fixCheck';
import { type BlindAnswer, type BlindTaskAgreement, blindAgreement, blindAsk, blindPrompt, judgeBlind } from '../domain/review/blind';
import { type ImportJournal, interruptedText } from '../domain/review/importJournal';
import { type Edits, type QueueRow, REVIEW_SCHEMA, type Reason, type ReviewDecision, type Status, type StoredDecision, type Verdict } from '../domain/review/types';
import { saveBlob } from '../adapters/browser/download';
import { importRunning, withImportLock } from '../adapters/browser/importLock';
import type { ImportSummary, ReviewClient } from '../adapters/browser/reviewClient';
import { DEFAULT_PROJECT, type StoredItem, type StoredProject } from '../adapters/browser/storage/db';
import { appendDecision, createProject, decisionsAfter, getImage, getItem, listProjects, listViews, queueRows, saveView, setAssignees, storageStatus } from '../adapters/browser/storage/review';
import { listScenes, loadScene } from '../adapters/browser/storage/scenes';
import type { LeaseBook } from '../adapters/browser/storage/leases';
import { dismissImport, unfinishedImports } from '../adapters/browser/storage/imports';
import { fillQuestionStarts, searchTexts } from '../adapters/browser/storage/rowText';
import { setProjectBlind } from '../adapters/browser/storage/projectSettings';

export interface ShownImage {
  path: string;
  url: string | null;
  width?: number;
  height?: number;
}

export interface Current {
  row: QueueRow;
  stored: StoredItem;
  images: ShownImage[];
  /** When the item was shown (the decision's startedAt). */
  startedAt: string;
  /** The scene the item was generated from, when the project holds it. */
  scene: SceneFile | null;
  /** The stored photo (scenes table key) of that scene, to open it in 3D. */
  scenePhoto: string | null;
  recomputed: Recomputed | null;
  /** Every reviewer's effective decision on the item. */
  decisions: VerdictRecord[];
}

/** A photo of the project sent to the 3D view to be lifted, known there by its file. */
export interface LiftedPhoto {
  path: string;
  name: string;
  size: number;
}

/** Whether a file in the 3D view (open or waiting for a model) is that lifted photo. */
export const isLiftedFile = (l: LiftedPhoto, f: { name: string; size: number }) => l.name === f.name && l.size === f.size;

/** A conflict on an item, and which of its two decisions this tab made. */
export interface ShownConflict extends Conflict {
  yours: 'latest' | 'other' | null;
}

/** What the keyboard is in the middle of: choosing a reject reason, writing a comment, fixing. */
export type Pending = null | { kind: 'reject' } | { kind: 'comment'; reasons: Reason[] } | { kind: 'fix' };

export interface Busy {
  label: string;
  done: number;
  total: number;
}

/** What the review keys do, with their default (unshifted) keys: FORMATS §4. */
export const KEY_ACTIONS = {
  accept: { key: 'a', label: 'Accept' },
  reject: { key: 'r', label: 'Reject (then 1–6 for the reason)' },
  fix: { key: 'f', label: 'Fix the answer, options or 3D box' },
  next: { key: 'j', label: 'Next item (also ↓ / →)' },
  prev: { key: 'k', label: 'Previous item (also ↑ / ←)' },
  help: { key: '?', label: 'This help' },
} as const;
export type KeyAction = keyof typeof KEY_ACTIONS;
const KEYS_KEY = 'spatial-lens:keys';

export interface ReviewStoreState {
  keys: Record<KeyAction, string>;
  /** Binds an action to another key (kept in this browser); a key bound elsewhere is swapped. */
  rebind(action: KeyAction, key: string): void;
  project: string;
  projects: StoredProject[];
  reviewer: string;
  rows: QueueRow[];
  /** Bumped whenever decisions change (the lookup itself is mutable). */
  version: number;
  filter: QueueFilter;
  sort: QueueSort;
  listed: QueueRow[];
  counts: QueueCounts | null;
  /** Time the last filter took, ms. */
  filterMs: number;
  /** A text search is waiting for the question texts to be read (once per queue). */
  searching: boolean;
  views: SavedView[];
  current: Current | null;
  pending: Pending;
  helpOpen: boolean;
  busy: Busy | null;
  message: { kind: 'error' | 'info'; text: string } | null;
  lastImport: ImportSummary | null;
  /** Imports of this project that did not finish (the tab was closed or reloaded), oldest first. */
  interrupted: ImportJournal[];
  /** Forgets an unfinished import's notice (its files will not be imported again). */
  dismissImport(id: string): Promise<void>;
  /** Blind review in this project: the key stays hidden until the reviewer has answered. */
  blind: boolean;
  setBlind(on: boolean): Promise<void>;
  /** Blind review: the reviewer's own answer to the item on screen, once given (or their earlier decision's). */
  answered: BlindAnswer | null;
  /** Gives the reviewer's answer to the item on screen (null: they cannot tell) and reveals its key. */
  answerBlind(answer: string | null): void;
  blindStats(): { tasks: BlindTaskAgreement[]; overall: BlindTaskAgreement };
  storage: { persisted: boolean | null; usage: number | null; quota: number | null };
  /** Only items assigned to the reviewer, judged by their own decisions. */
  mine: boolean;
  /** Items decided differently at the same time by this tab and another tab or reviewer (latest first). */
  conflicts: ShownConflict[];
  dismissConflict(item: string): void;
  open(project?: string): Promise<void>;
  newProject(name: string): Promise<void>;
  setReviewer(name: string): void;
  setFilter(patch: Partial<QueueFilter>): void;
  setSort(sort: QueueSort): void;
  setMine(on: boolean): void;
  saveCurrentView(name: string): Promise<void>;
  applyView(v: SavedView): void;
  show(id: string): Promise<void>;
  step(by: number): Promise<void>;
  /** Decides the item on screen; resolves false when nothing was saved (no item, busy, a storage error). */
  decide(verdict: Verdict, opts?: { reasons?: Reason[]; comment?: string; edits?: Edits }): Promise<boolean>;
  undo(): Promise<void>;
  setPending(p: Pending): void;
  setHelp(open: boolean): void;
  /** Re-reads decisions written since (by another tab too) and the queue after an import. */
  refresh(rows?: boolean): Promise<void>;
  /** `modifiedExports`: what to do with an export that changed since it was written (default: ask). */
  importFiles(files: { path: string; blob: Blob }[], modifiedExports?: ModifiedExportPolicy): Promise<void>;
  /** Exports in the last drop that no longer match their manifests, waiting for the user's choice. */
  modifiedExport: { checks: ExportCheck[] } | null;
  /** The user's choice for them: import nothing, or import with the items flagged. */
  resolveModifiedExport(choice: 'refuse' | 'flag'): Promise<void>;
  exportZip(filter?: QueueFilter): Promise<void>;
  /** The export dialog (Export reviewed…): open or closed. */
  exportDialog: boolean;
  setExportDialog(open: boolean): void;
  /** The items a choice of the dialog exports, with the counts its boxes show. */
  exportSelection(choice: ExportChoice): ExportSelection;
  /** What the chosen items would write (for the size estimate), measured by the review worker. */
  measureExport(ids: string[]): Promise<ExportMeasure>;
  /** Writes the dialog's choice; the dialog closes when the zip is saved. */
  exportChosen(choice: ExportChoice): Promise<void>;
  /** Stops the export under way (between two items). */
  cancelExport(): void;
  /** Whether exports draw each item's marks into a copy of its photos (a JPEG encode per photo). */
  exportMarked: boolean;
  setExportMarked(on: boolean): void;
  /** Boxes being edited in a fix, by object id: the 3D view draws them and the evidence follows. */
  previewBoxes: Record<string, Box3D> | null;
  setPreviewBoxes(boxes: Record<string, Box3D> | null): void;
  /**
   * Photos lifted on demand in this session: while the 3D view holds one, items drawn on it show
   * their marks measured in 3D (imported items have no scene objects to highlight).
   */
  liftedPhotos: LiftedPhoto[];
  photoLifting(p: LiftedPhoto): void;
  backup(): Promise<void>;
  restore(file: File): Promise<void>;
  sample(perTask: number, seed: number): Promise<void>;
  assign(reviewers: string[], plan: AssignPlan, seed: number): Promise<void>;
  stats(): DashboardStats;
  statusOf(id: string): Status;
  /** The project's scenes changed (a lift, an object edit): answers are recomputed from the new ones. */
  scenesChanged(): void;
  dismiss(): void;
}

const REVIEWER_KEY = 'spatial-lens:reviewer';
const PROJECT_KEY = 'spatial-lens:project';
const local = {
  get: (k: string): string | null => {
    try {
      return globalThis.localStorage?.getItem(k) ?? null;
    } catch {
      return null;
    }
  },
  set: (k: string, v: string) => {
    try {
      globalThis.localStorage?.setItem(k, v);
    } catch {
      /* private mode: the default is used next time */
    }
  },
};

// randomUUID needs a secure context; localhost and https are, a LAN address over http is not
/** Runs `fn` once the frame in progress has been painted (the next item first, bookkeeping after). */
const afterPaint = (fn: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => setTimeout(fn, 0)) : setTimeout(fn, 0));

/** Whether the item on screen shows its key: always outside blind review, else once the reviewer answered it or decided on it. */
export function isRevealed(s: Pick<ReviewStoreState, 'blind' | 'answered' | 'current' | 'reviewer'>): boolean {
  if (!s.blind || s.answered) return true;
  return !!s.current?.decisions.some((d) => d.reviewer === s.reviewer);
}

const blindKeyOf = (reviewer: string, item: string) => `${reviewer}\u0000${item}`;
const answerFirst = (cur: Current) => `Blind review: ${blindPrompt(blindAsk(cur.stored.item)).replace(/^Your answer first/, 'your answer first')}`;

const uid = (): string => (typeof globalThis.crypto?.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** What the store uses beside storage: the tabs' leases (absent: no other tab is known). */
export interface ReviewStoreDeps {
  leases?: Pick<LeaseBook, 'claim' | 'others'>;
}

export function createReviewStore(client: ReviewClient, deps: ReviewStoreDeps = {}) {
  return createStore<ReviewStoreState>()((set, get) => {
    let state = new ReviewState([], DEFAULT_PROJECT);
    // blind answers given in this session and not yet stored with a decision, by reviewer and item
    const blindAnswers = new Map<string, BlindAnswer>();
    // How far the log has been read from IndexedDB. This tab's own writes do not move it: another
    // tab may have committed a smaller key just before ours, and re-reading our own is harmless.
    let readUpTo = 0;
    // Ctrl+Z withdraws this session's decisions only, never a colleague's or yesterday's
    let sessionFirstKey: number | undefined;
    const readLog = async (project: string) => {
      const recs = await decisionsAfter(project, readUpTo);
      for (const r of recs) if (typeof r.key === 'number' && r.key > readUpTo) readUpTo = r.key;
      return recs;
    };
    // the decisions this tab wrote: a conflict on one of them is this tab's to hear of
    const ownUids = new Set<string>();
    let scenes: Map<string, { file: SceneFile; photo: string }> | null = null;
    // The files of a drop held while the user decides about an export that changed since it was written
    let pendingImport: { path: string; blob: Blob }[] = [];
    // the review worker's job id of the export under way, for Cancel
    let exportJob: number | null = null;
    // Tabs on the same project learn of each other's decisions (the log is the truth; this is a nudge).
    const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('spatial-lens-review') : null;
    channel?.addEventListener('message', (ev: MessageEvent<{ project: string; rows?: boolean }>) => {
      if (ev.data?.project === get().project) void get().refresh(ev.data.rows);
    });
    const fail = (e: unknown, what: string) => set({ busy: null, message: { kind: 'error', text: isUserError(e) ? e.message : `${what}: ${(e as Error)?.message ?? e}` } });

    // The question, options and answer of every item, for text search: read from storage when a
    // search is first typed, and again after the queue changed
    let search: { rows: QueueRow[]; texts: Map<string, string> } | null = null;
    let reading: QueueRow[] | null = null;
    const textsFor = (rows: QueueRow[]): Map<string, string> | undefined => {
      if (search?.rows === rows) return search.texts;
      if (reading !== rows) {
        reading = rows;
        const project = get().project;
        set({ searching: true });
        void searchTexts(project)
          .then((texts) => {
            if (reading !== rows) return;
            search = { rows, texts };
            reading = null;
            set({ searching: false });
            relist();
          })
          .catch((e) => {
            reading = null;
            set({ searching: false });
            fail(e, 'Reading the question texts');
          });
      }
      return undefined;
    };

    const relist = (keepCurrent = true) => {
      const t0 = performance.now();
      const { rows, filter, sort, mine, reviewer } = get();
      const f: QueueFilter = mine ? { ...filter, perspective: reviewer, ids: rows.filter((r) => r.assignees?.includes(reviewer)).map((r) => r.id) } : filter;
      const texts = f.text?.trim() ? textsFor(rows) : undefined;
      const { rows: listed, counts } = runQueue(rows, state, f, sort, texts ? { textOf: (id) => texts.get(id) } : {});
      set({ listed, counts, version: state.version, filterMs: performance.now() - t0 });
      if (!keepCurrent) return;
      const cur = get().current;
      if (cur && listed.some((r) => r.id === cur.row.id)) return;
      const first = pickNext(listed, undefined) ?? listed[0];
      if (first) void get().show(first.id);
      else set({ current: null });
    };

    const sceneOf = async (id: string): Promise<{ file: SceneFile; photo: string } | null> => {
      if (!scenes) {
        scenes = new Map();
        for (const s of await listScenes()) if (s.scene) scenes.set(s.scene.id, { file: { ...s.scene, objects: s.objects ?? s.scene.objects }, photo: s.id });
      }
      return scenes.get(id) ?? null;
    };

    // Object URLs of the photos shown lately: neighbours in the queue often share a photo, and the
    // next item's are made ahead (prefetch), so moving on reads nothing from IndexedDB
    const photoUrls = new Map<string, Omit<ShownImage, 'path'>>();
    const cachedUrl = async (key: string, load: () => Promise<{ blob: Blob; width?: number; height?: number } | undefined>): Promise<Omit<ShownImage, 'path'> | null> => {
      const hit = photoUrls.get(key);
      if (hit) {
        photoUrls.delete(key);
        photoUrls.set(key, hit);
        return hit;
      }
      const img = await load();
      if (!img) return null;
      const shown = { url: URL.createObjectURL(img.blob), width: img.width, height: img.height };
      photoUrls.set(key, shown);
      if (photoUrls.size > 24) {
        const [oldest, old] = photoUrls.entries().next().value!;
        photoUrls.delete(oldest);
        // the one on screen may still use it: let it go a moment later
        setTimeout(() => URL.revokeObjectURL(old.url!), 5000);
      }
      return shown;
    };
    const photoUrl = (project: string, at: string) => cachedUrl(`${project}\u0000${at}`, () => getImage(project, at));
    const imagesOf = async (stored: StoredItem, found: { file: SceneFile; photo: string } | null): Promise<ShownImage[]> => {
      const scene = found?.file ?? null;
      const out: ShownImage[] = [];
      for (const [k, path] of stored.item.image.entries()) {
        // an import resolved each image once: null is known missing, no need to look again
        const at = stored.imagePaths ? stored.imagePaths[k] : path;
        const img = at ? await photoUrl(stored.project, at) : null;
        if (img) {
          out.push({ path, ...img });
          continue;
        }
        // a generated item shows the scene's stored photo
        if (scene && (path === scene.image.file || stored.item.image.length === 1)) {
          const photo = await cachedUrl(`scene\u0000${found!.photo}`, async () => {
            const r = await loadScene(found!.photo);
            return r && { blob: r.image, width: scene.image.width, height: scene.image.height };
          });
          if (photo) {
            out.push({ path, ...photo });
            continue;
          }
        }
        out.push({ path, url: null });
      }
      return out;
    };

    /** Reads the item and makes its photos' URLs, so that showing it next costs no IndexedDB read. */
    const prefetch = async (row: QueueRow | undefined) => {
      if (!row) return;
      const stored = await getItem(row, get().project).catch(() => undefined);
      for (const [k, path] of stored?.item.image.entries() ?? []) {
        const at = stored!.imagePaths ? stored!.imagePaths[k] : path;
        if (at) await photoUrl(stored!.project, at).catch(() => null);
      }
    };

    let rowIndex = new Map<string, QueueRow>();
    let indexed: QueueRow[] | null = null;
    const rowOf = (id: string) => {
      if (indexed !== get().rows) {
        indexed = get().rows;
        rowIndex = new Map(indexed.map((r) => [r.id, r]));
      }
      return rowIndex.get(id);
    };

    const perspective = () => (get().mine ? get().reviewer : undefined);

    /**
     * The next undecided item after `after`, passing over those this reviewer's other tabs show (when
     * every one left is open elsewhere, one of them: the reviewer is never left without an item); the
     * pick is claimed at once so that a tab deciding at the same moment picks another.
     */
    function pickNext(rows: readonly QueueRow[], after: QueueRow | undefined): QueueRow | undefined {
      const { project, reviewer } = get();
      const opts = { perspective: perspective() };
      const held = deps.leases?.others(project, reviewer);
      const next = (held?.size ? nextUndecided(rows, after, state, { ...opts, skip: (id) => held.has(id) }) : undefined) ?? nextUndecided(rows, after, state, opts);
      if (next) deps.leases?.claim(project, reviewer, next.id);
      return next;
    }

    /** Keeps the conflicts list up to date for items whose decisions changed. */
    const noteConflicts = (items: Iterable<string>) => {
      let list = get().conflicts;
      const before = list;
      for (const item of items) {
        const c = conflictIn(state.records(item));
        const yours = c ? (ownUids.has(c.latest.uid) ? 'latest' : ownUids.has(c.other.uid) ? 'other' : null) : null;
        if (c && (yours || get().current?.row.id === item)) list = [{ ...c, yours }, ...list.filter((x) => x.item !== item)];
        else if (!c && list.some((x) => x.item === item)) list = list.filter((x) => x.item !== item);
      }
      if (list !== before) set({ conflicts: list.slice(0, 20) });
    };
    const broadcast = (rows = false) => channel?.postMessage({ project: get().project, rows });

    const defaults = Object.fromEntries(Object.entries(KEY_ACTIONS).map(([a, v]) => [a, v.key])) as Record<KeyAction, string>;
    let savedKeys: Partial<Record<KeyAction, string>> = {};
    try {
      savedKeys = JSON.parse(local.get(KEYS_KEY) ?? '{}') as Partial<Record<KeyAction, string>>;
    } catch {
      /* a broken saved keymap falls back to the defaults */
    }
    return {
      keys: { ...defaults, ...savedKeys },
      rebind(action, key) {
        const keys = { ...get().keys };
        const clash = (Object.keys(keys) as KeyAction[]).find((a) => a !== action && keys[a] === key);
        if (clash) keys[clash] = keys[action];
        keys[action] = key;
        local.set(KEYS_KEY, JSON.stringify(keys));
        set({ keys });
      },
      project: local.get(PROJECT_KEY) ?? DEFAULT_PROJECT,
      projects: [],
      reviewer: local.get(REVIEWER_KEY) || 'reviewer',
      rows: [],
      version: 0,
      filter: {},
      sort: DEFAULT_SORT,
      listed: [],
      counts: null,
      filterMs: 0,
      searching: false,
      views: [],
      current: null,
      pending: null,
      helpOpen: false,
      busy: null,
      message: null,
      lastImport: null,
      interrupted: [],
      blind: false,
      answered: null,
      async setBlind(on) {
        const was = get().blind;
        // the box follows the click at once; the setting is stored right after
        set({ blind: on });
        try {
          const p = await setProjectBlind(get().project, on);
          set({ projects: get().projects.map((x) => (x.id === p.id ? p : x)) });
          broadcast();
          const cur = get().current;
          if (cur) await get().show(cur.row.id);
        } catch (e) {
          set({ blind: was });
          fail(e, 'Saving the blind review setting');
        }
      },
      answerBlind(answer) {
        const cur = get().current;
        if (!cur || !get().blind || isRevealed(get())) return;
        const b = judgeBlind(cur.stored.item, answer);
        blindAnswers.set(blindKeyOf(get().reviewer, cur.row.id), b);
        set({ answered: b });
      },
      blindStats: () => blindAgreement(get().rows, state),
      async dismissImport(id) {
        await dismissImport(id).catch((e) => fail(e, 'Dismissing the notice'));
        set({ interrupted: get().interrupted.filter((j) => j.id !== id) });
      },
      storage: { persisted: null, usage: null, quota: null },
      mine: false,
      conflicts: [],
      dismissConflict: (item) => set({ conflicts: get().conflicts.filter((c) => c.item !== item) }),

      async open(project = get().project) {
        try {
          const projects = await listProjects();
          if (!projects.some((p) => p.id === project)) project = DEFAULT_PROJECT;
          local.set(PROJECT_KEY, project);
          readUpTo = 0;
          state = new ReviewState(await readLog(project), project);
          scenes = null;
          let rows = await queueRows(project);
          if (rows.some((r) => r.pack !== undefined && r.q === undefined)) {
            // rows stored before they carried the start of their question
            await fillQuestionStarts(project);
            rows = await queueRows(project);
          }
          const views = (await listViews(project)).map((v) => parseSavedView(v));
          const interrupted = await unfinishedLive(project);
          const blind = projects.find((p) => p.id === project)?.blind === true;
          set({ project, projects, rows, views, current: null, pending: null, conflicts: [], interrupted, blind, answered: null });
          relist();
          if (interrupted.length) set({ message: { kind: 'error', text: interruptedNotice(interrupted) } });
          set({ storage: await storageStatus(true) });
        } catch (e) {
          fail(e, 'Opening the project');
        }
      },

      async newProject(name) {
        const p = await createProject(name);
        await get().open(p.id);
      },

      setReviewer(name) {
        const reviewer = name.trim() || 'reviewer';
        local.set(REVIEWER_KEY, reviewer);
        set({ reviewer });
        if (get().mine) relist();
        const cur = get().current;
        if (cur && get().blind) void get().show(cur.row.id);
      },

      setFilter(patch) {
        set({ filter: { ...get().filter, ...patch } });
        relist();
      },
      setSort(sort) {
        set({ sort });
        relist();
      },
      setMine(mine) {
        set({ mine });
        relist();
      },

      async saveCurrentView(name) {
        const v: SavedView = { name: name.trim() || `View ${get().views.length + 1}`, filter: get().filter, sort: get().sort };
        await saveView({ id: `${get().project}/${v.name}`, project: get().project, ...v }).catch((e) => fail(e, 'Saving the view'));
        set({ views: [...get().views.filter((x) => x.name !== v.name), v] });
      },
      applyView(v) {
        set({ filter: v.filter, sort: v.sort });
        relist();
      },

      async show(id) {
        const row = rowOf(id);
        const stored = row && (await getItem(row, get().project));
        if (!row || !stored) return;
        const found = await sceneOf(stored.item.spatial_lens.scene);
        const scene = found?.file ?? null;
        const images = await imagesOf(stored, found);
        let recomputed: Recomputed | null = null;
        if (scene) {
          try {
            recomputed = recompute(stored.item, scene);
          } catch (e) {
            recomputed = { status: 'invalid', reason: (e as Error).message };
          }
        }
        const answered = blindAnswers.get(blindKeyOf(get().reviewer, id)) ?? state.latestBy(id, get().reviewer)?.blind ?? null;
        set({ current: { row, stored, images, startedAt: new Date().toISOString(), scene, scenePhoto: found?.photo ?? null, recomputed, decisions: state.byReviewer(id) }, pending: null, answered });
      },

      async step(by) {
        const { listed, current } = get();
        if (!listed.length) return;
        const at = current ? listed.findIndex((r) => r.id === current.row.id) : -1;
        const next = at < 0 ? (by > 0 ? 0 : listed.length - 1) : Math.max(0, Math.min(listed.length - 1, at + by));
        if (next === at) return;
        await get().show(listed[next].id);
      },

      async decide(verdict, opts = {}) {
        const cur = get().current;
        if (!cur || get().busy) return false;
        if (verdict === 'fix' && opts.edits) {
          // a fix of the wrong kind (a letter not among the options, a number without its unit) is never stored
          const checked = checkFix(cur.stored.item, opts.edits);
          if (!checked.ok) {
            set({ message: { kind: 'error', text: `The fix was not saved: ${checked.message}` } });
            return false;
          }
          opts = { ...opts, edits: checked.edits };
        }
        // blind review: a verdict on the key waits for the reviewer's own answer (a reject does not)
        if (get().blind && verdict !== 'reject' && !isRevealed(get())) {
          set({ message: { kind: 'info', text: answerFirst(cur) } });
          return false;
        }
        const d: ReviewDecision = {
          schema: REVIEW_SCHEMA,
          item: cur.row.id,
          decision: verdict,
          reviewer: get().reviewer,
          startedAt: cur.startedAt,
          // after the decision on screen even when this clock is behind the one that made it
          decidedAt: decisionTime(new Date(), state.latest(cur.row.id)?.decidedAt),
        };
        if (opts.reasons?.length) d.reasons = opts.reasons;
        if (opts.comment) d.comment = opts.comment;
        if (opts.edits && Object.keys(opts.edits).length) d.edits = opts.edits;
        const blind = get().blind ? get().answered : null;
        if (blind) d.blind = blind;
        try {
          // committed before anything moves: a crash after this line loses nothing
          const rec = await appendDecision(d, get().project, uid());
          blindAnswers.delete(blindKeyOf(d.reviewer, d.item));
          sessionFirstKey ??= rec.key;
          ownUids.add(rec.uid);
          state.apply(rec);
          broadcast();
          noteConflicts([cur.row.id]);
          // the next item first (the list as it was still has it in order), the counts after it is drawn
          const next = pickNext(get().listed, cur.row);
          if (next) await get().show(next.id);
          else {
            // the same showing, with its decision: keys typed ahead must not take it for a new one
            const now = get().current;
            set({ ...(now?.row.id === cur.row.id ? { current: { ...now, decisions: state.byReviewer(cur.row.id) } } : {}), pending: null, message: { kind: 'info', text: 'Every item in this view is decided.' } });
          }
          afterPaint(() => {
            relist(false);
            if (next) void prefetch(nextUndecided(get().listed, next, state, { perspective: perspective() }));
          });
          return true;
        } catch (e) {
          fail(e, 'Saving the decision');
          return false;
        }
      },

      async undo() {
        const target = sessionFirstKey === undefined ? undefined : state.undoTarget(get().reviewer, { sinceKey: sessionFirstKey });
        if (!target) return set({ message: { kind: 'info', text: 'Nothing to undo: no decision of yours in this session is left.' } });
        try {
          const rec = undoRecord(target, get().reviewer, uid());
          const { key: _k, uid: u, project, ...rest } = rec;
          const stored: StoredDecision = await appendDecision(rest, project, u);
          state.apply(stored);
          broadcast();
          noteConflicts([target.item]);
          relist(false);
          // the withdrawn decision's blind answer stays given: the key was seen
          if (target.blind) blindAnswers.set(blindKeyOf(target.reviewer, target.item), target.blind);
          await get().show(target.item);
          set({ message: { kind: 'info', text: `Undid the ${target.decision} of ${target.item}.` } });
        } catch (e) {
          fail(e, 'Undo');
        }
      },

      setPending: (pending) => {
        const cur = get().current;
        // the fix form shows the answer: in blind review it opens once the reviewer has answered
        if (pending?.kind === 'fix' && cur && get().blind && !isRevealed(get())) return set({ message: { kind: 'info', text: answerFirst(cur) } });
        set({ pending });
      },
      setHelp: (helpOpen) => set({ helpOpen }),

      async refresh(rows = false) {
        try {
          noteConflicts(state.applyAll(await readLog(get().project)));
          // another tab may have turned blind review on or off
          const blind = (await listProjects()).find((p) => p.id === get().project)?.blind === true;
          if (blind !== get().blind) set({ blind });
          if (rows) {
            // new items may come from a scene lifted since the scenes were last read
            scenes = null;
            set({ rows: await queueRows(get().project) });
          }
          relist();
          const cur = get().current;
          if (cur) set({ current: { ...cur, decisions: state.byReviewer(cur.row.id) } });
        } catch (e) {
          fail(e, 'Reading the decisions');
        }
      },

      async importFiles(files, modifiedExports) {
        if (!files.length) return;
        set({ busy: { label: 'Importing', done: 0, total: 1 }, message: null });
        try {
          const before = new Set(get().rows.map((r) => r.id));
          const project = get().project;
          const summary = await withImportLock(project, () => client.importFiles(project, files, (label, done, total) => set({ busy: { label, done, total } }), modifiedExports));
          scenes = null;
          // decisions an exported zip brought back are in the log now: read them before anything is listed
          if (summary.reviews) state.applyAll(await readLog(get().project));
          set({ rows: await queueRows(get().project), busy: null, lastImport: summary });
          broadcast(true);
          relist(false);
          // FORMATS §4: imported items join the queue and the first one is shown
          const first = get().rows.find((r) => !before.has(r.id));
          if (first) {
            if (!get().listed.some((r) => r.id === first.id)) {
              set({ filter: {} });
              relist(false);
            }
            await get().show(first.id);
          }
          set({ interrupted: await unfinishedLive(get().project) });
          set({ message: importMessage(summary) });
        } catch (e) {
          if (e instanceof ExportModifiedError) {
            pendingImport = files;
            set({ busy: null, modifiedExport: { checks: e.checks } });
          } else fail(e, 'Import');
          set({ interrupted: await unfinishedLive(get().project).catch(() => get().interrupted) });
        }
      },

      modifiedExport: null,
      async resolveModifiedExport(choice) {
        const files = pendingImport;
        const zips = get().modifiedExport?.checks.map((c) => c.zip).join(', ') ?? 'the export';
        pendingImport = [];
        set({ modifiedExport: null });
        if (choice === 'flag') return get().importFiles(files, 'flag');
        set({ message: { kind: 'error', text: `Import refused: ${zips} changed after it was exported, so nothing from this drop was imported.` } });
      },

      previewBoxes: null,
      setPreviewBoxes: (previewBoxes) => set({ previewBoxes }),
      liftedPhotos: [],
      photoLifting: (p) => set((s) => ({ liftedPhotos: [p, ...s.liftedPhotos.filter((x) => x.path !== p.path)].slice(0, 50) })),
      exportMarked: true,
      setExportMarked: (exportMarked) => set({ exportMarked }),
      async exportZip(filter) {
        const f = filter ?? { ...get().filter, statuses: get().filter.statuses?.length ? get().filter.statuses : ['accept', 'fix'] };
        const ids = runQueue(get().rows, state, f, get().sort).rows.map((r) => r.id);
        if (!ids.length) return set({ message: { kind: 'error', text: 'Nothing to export: no item matches (by default only accepted and fixed items are exported).' } });
        set({ busy: { label: 'Exporting', done: 0, total: ids.length } });
        try {
          const r = await client.exportItems(get().project, ids, describe(f), get().exportMarked, (label, done, total) => set({ busy: { label, done, total } }));
          saveBlob(r.blob, r.name);
          // the manifest's own hash: the one thing that can later show the zip is the one written now
          const sha = r.manifestSha256 ? ` Its manifest's SHA-256 is ${r.manifestSha256}: keep it to check the zip later.` : '';
          set({ busy: null, message: { kind: 'info', text: `Exported ${ids.length} items to ${r.name}.${sha}` } });
        } catch (e) {
          fail(e, 'Export');
        }
      },

      exportDialog: false,
      setExportDialog: (exportDialog) => set({ exportDialog }),
      exportSelection: (choice) => {
        const texts = get().filter.text?.trim() ? textsFor(get().rows) : undefined;
        return selectForExport(get().rows, state, get().filter, choice, texts ? { textOf: (id) => texts.get(id) } : {}, get().sort);
      },
      measureExport: (ids) => client.measureExport(get().project, ids),
      async exportChosen(choice) {
        const selection = get().exportSelection(choice);
        if (!selection.ids.length) return set({ message: { kind: 'error', text: 'Nothing to export: no item has the chosen statuses and tasks.' } });
        set({ busy: { label: 'Exporting', done: 0, total: selection.ids.length }, exportMarked: choice.marked });
        try {
          const progress = (label: string, done: number, total: number) => set({ busy: { label, done, total } });
          const text = await exportReviewed(client, saveBlob, { project: get().project, choice, selection, describe: describeChoice(choice, describe(get().filter)), progress, started: (job) => (exportJob = job) });
          set({ busy: null, exportDialog: false, message: { kind: 'info', text } });
        } catch (e) {
          if ((e as Error)?.name === 'AbortError' || /cancelled/.test((e as Error)?.message ?? '')) set({ busy: null, message: { kind: 'info', text: 'Export cancelled; nothing was saved.' } });
          else fail(e, 'Export');
        } finally {
          exportJob = null;
        }
      },
      cancelExport: () => {
        if (exportJob !== null) client.cancel(exportJob);
      },

      async backup() {
        set({ busy: { label: 'Backing up', done: 0, total: 1 } });
        try {
          const r = await client.backup(get().project, (label, done, total) => set({ busy: { label, done, total } }));
          saveBlob(r.blob, r.name);
          set({ busy: null, message: { kind: 'info', text: `Saved the whole project to ${r.name}.` } });
        } catch (e) {
          fail(e, 'Backup');
        }
      },

      async restore(file) {
        set({ busy: { label: 'Restoring', done: 0, total: 1 } });
        try {
          const r = await client.restore(file, (label, done, total) => set({ busy: { label, done, total } }));
          set({ busy: null });
          await get().open(r.project);
          set({ message: { kind: 'info', text: `Restored "${r.name}": ${r.items} items, ${r.decisions} decisions, ${r.images} images.${r.merge ? ` ${r.merge}` : ''}` } });
        } catch (e) {
          fail(e, 'Restore');
        }
      },

      async sample(perTask, seed) {
        const { rows } = runQueue(get().rows, state, { ...get().filter, ids: undefined }, DEFAULT_SORT);
        const s = samplePerTask(rows, perTask, seed);
        const name = `Sample ${perTask}/task, seed ${seed}`;
        set({ filter: { ...get().filter, ids: s.items.map((r) => r.id) } });
        await get().saveCurrentView(name);
        relist();
        set({ message: { kind: 'info', text: `${name}: ${s.items.length} items from ${s.strata.length} tasks (saved as a view).` } });
      },

      async assign(reviewers, plan, seed) {
        const ids = get().listed.map((r) => r.id);
        try {
          const a = assignReviewers(ids, reviewers, plan, seed);
          const groups = new Map<string, string[]>();
          for (const [id, who] of a.byItem) {
            const k = who.join('\u0000');
            groups.set(k, [...(groups.get(k) ?? []), id]);
          }
          for (const [k, group] of groups) await setAssignees(get().project, group, k.split('\u0000'));
          set({ rows: await queueRows(get().project) });
          broadcast(true);
          relist();
          set({ message: { kind: 'info', text: `Assigned ${ids.length} items to ${reviewers.join(', ')}; ${a.overlap.length} are reviewed by more than one (for agreement).` } });
        } catch (e) {
          fail(e, 'Assigning');
        }
      },

      stats: () => computeStats(get().rows, state),
      statusOf: (id) => state.status(id),
      scenesChanged: () => {
        scenes = null;
      },
      dismiss: () => set({ message: null }),
    };
  });
}

/** The project's unfinished imports, less the one another tab is running right now (the newest). */
async function unfinishedLive(project: string): Promise<ImportJournal[]> {
  const all = await unfinishedImports(project);
  return (await importRunning(project)) ? all.slice(0, -1) : all;
}

function interruptedNotice(list: ImportJournal[]): string {
  const more = list.length - 1;
  return `${interruptedText(list[list.length - 1])}${more ? ` (${more} earlier unfinished import${more === 1 ? '' : 's'}: see the queue panel)` : ''}`;
}

/** A filter in words, for the export manifest. */
function describe(f: QueueFilter): string {
  const parts = Object.entries(f)
    .filter(([, v]) => v !== undefined && (!Array.isArray(v) || v.length))
    .map(([k, v]) => (Array.isArray(v) ? `${k}: ${v.length > 8 ? `${v.length} values` : v.join(', ')}` : `${k}: ${String(v)}`));
  return parts.join('; ') || 'all items';
}

export type ReviewStore = ReturnType<typeof createReviewStore>;
