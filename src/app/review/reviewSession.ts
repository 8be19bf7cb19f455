// One project's review session in this tab: the decision log as read so far (and how far), the
// scenes and row index read for it, the question texts read for search, and what this tab did
// (its decisions' uids, where its undo stops, blind answers not yet stored). The store holds it in
// its state and replaces it when another project is opened; what this tab did carries over.
import type { SceneFile } from '../../domain/scene/scene';
import type { BlindAnswer } from '../../domain/review/blind';
import { ReviewState } from '../../domain/review/state';
import type { QueueRow, StoredDecision } from '../../domain/review/types';
import type { ReviewStorage } from './ports';

/** What this tab did, whichever project is open. */
export interface TabOwn {
  /** The decisions this tab wrote: a conflict on one of them is this tab's to hear of. */
  uids: Set<string>;
  /** Ctrl+Z withdraws this session's decisions only (from this log key on), never a colleague's or yesterday's. */
  firstKey: number | undefined;
  /** Blind answers given in this session and not yet stored with a decision, by reviewer and item. */
  blindAnswers: Map<string, BlindAnswer>;
}

export interface SceneEntry {
  file: SceneFile;
  /** The stored photo (scenes table key). */
  photo: string;
}

const blindKeyOf = (reviewer: string, item: string) => `${reviewer}\u0000${item}`;

export class ReviewSession {
  readonly log: ReviewState;
  /**
   * How far the log has been read from storage. This tab's own writes do not move it: another tab
   * may have committed a smaller key just before ours, and re-reading our own is harmless.
   */
  private readUpTo = 0;
  private scenes: Map<string, SceneEntry> | null = null;
  private indexed: readonly QueueRow[] | null = null;
  private rowIndex = new Map<string, QueueRow>();
  /** The question texts of the queue's rows, once read (for text search), and the rows being read now. */
  search: { rows: readonly QueueRow[]; texts: Map<string, string> } | null = null;
  reading: readonly QueueRow[] | null = null;

  constructor(
    readonly project: string,
    readonly own: TabOwn = { uids: new Set(), firstKey: undefined, blindAnswers: new Map() },
  ) {
    this.log = new ReviewState([], project);
  }

  /** Opens `project`: its whole log read, this tab's own doings carried from `previous`. */
  static async open(storage: ReviewStorage, project: string, previous?: ReviewSession): Promise<ReviewSession> {
    const s = new ReviewSession(project, previous?.own);
    s.log.applyAll(await s.readNew(storage));
    return s;
  }

  /** The decisions written since the last read (by any tab), not yet applied. */
  async readNew(storage: ReviewStorage): Promise<StoredDecision[]> {
    const recs = await storage.decisionsAfter(this.project, this.readUpTo);
    for (const r of recs) if (typeof r.key === 'number' && r.key > this.readUpTo) this.readUpTo = r.key;
    return recs;
  }

  /** Notes a decision this tab wrote (applied to the log, its uid this tab's, undo reaching back to it). */
  wrote(rec: StoredDecision): void {
    this.own.firstKey ??= rec.key;
    this.own.uids.add(rec.uid);
    this.log.apply(rec);
  }

  blindAnswer(reviewer: string, item: string): BlindAnswer | undefined {
    return this.own.blindAnswers.get(blindKeyOf(reviewer, item));
  }
  setBlindAnswer(reviewer: string, item: string, b: BlindAnswer | null): void {
    if (b) this.own.blindAnswers.set(blindKeyOf(reviewer, item), b);
    else this.own.blindAnswers.delete(blindKeyOf(reviewer, item));
  }

  /** The row of `id` in `rows` (indexed once per queue). */
  rowOf(rows: readonly QueueRow[], id: string): QueueRow | undefined {
    if (this.indexed !== rows) {
      this.indexed = rows;
      this.rowIndex = new Map(rows.map((r) => [r.id, r]));
    }
    return this.rowIndex.get(id);
  }

  /** The project's scene of that id with its stored photo (the scenes read once, until they change). */
  async sceneOf(storage: ReviewStorage, id: string): Promise<SceneEntry | null> {
    if (!this.scenes) {
      const scenes = new Map<string, SceneEntry>();
      for (const s of await storage.listScenes()) if (s.scene) scenes.set(s.scene.id, { file: { ...s.scene, objects: s.objects ?? s.scene.objects }, photo: s.id });
      this.scenes = scenes;
    }
    return this.scenes.get(id) ?? null;
  }

  /** The scenes changed (a lift, an object edit, an import): they are read again when next needed. */
  scenesChanged(): void {
    this.scenes = null;
  }
}
