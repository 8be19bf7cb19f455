// The review store's state and actions, and the small types the screen reads from it.
import type { ItemRisk } from '../../domain/review/itemRisk';
import type { Box3D, SceneFile } from '../../domain/scene/scene';
import type { Recomputed } from '../../domain/qa/generate/recompute';
import type { QueueCounts, QueueFilter, QueueSort, SavedView } from '../../domain/review/queue';
import type { AssignPlan } from '../../domain/review/sample';
import type { VerdictRecord } from '../../domain/review/state';
import type { ExportCheck } from '../../domain/review/exportCheck';
import type { ModifiedExportPolicy } from '../../domain/review/import/importer';
import type { Conflict } from '../../domain/review/conflicts';
import type { DashboardStats } from '../../domain/review/stats';
import type { BlindAnswer, BlindTaskAgreement } from '../../domain/review/blind';
import type { ImportJournal } from '../../domain/review/importJournal';
import type { ExportChoice, ExportSelection } from '../../domain/review/export/choice';
import type { ExportMeasure } from '../../domain/review/export/estimate';
import type { Edits, QueueRow, Reason, Status, Verdict } from '../../domain/review/types';
import type { StoredItem, StoredProject } from './ports';
import type { KeyAction } from './keymap';
import type { ImportSummary } from './ports';
import type { ReviewSession } from './reviewSession';
import type { MarksSlice } from './marks';

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

export interface ReviewStoreState extends MarksSlice {
  /**
   * The open project's review session: its decision log as read so far, the scenes and indexes read
   * for it, and what this tab did in it. Replaced (not mutated into another project) on open.
   */
  session: ReviewSession;
  keys: Record<KeyAction, string>;
  /** Binds an action to another key (kept in this browser); a key bound elsewhere is swapped. */
  rebind(action: KeyAction, key: string): void;
  project: string;
  projects: StoredProject[];
  reviewer: string;
  rows: QueueRow[];
  /** The session's decisions changed (its log is read and applied in place). */
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
  /** Each item's audited risk (empty until audited), for the risk sort and the mismatch filter. */
  risks: ReadonlyMap<string, ItemRisk>;
  /** The review worker is auditing the project's items (progress). */
  auditing: { done: number; total: number } | null;
  /** The project whose stored risks were read (null: not yet since it was opened). */
  risksRead: string | null;
  /** Audits the project's items (all, or `ids`) in the review worker and reads their risks back. */
  auditRisks(ids?: string[], opts?: { quiet?: boolean }): Promise<void>;
  readRisks(): Promise<void>;
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
  /**
   * Exports in the last drop that no longer match their manifests, waiting for the user's choice,
   * with the drop's files held until then.
   */
  modifiedExport: { checks: ExportCheck[]; files: { path: string; blob: Blob }[] } | null;
  /** The user's choice for them: import nothing, or import with the items flagged. */
  resolveModifiedExport(choice: 'refuse' | 'flag'): Promise<void>;
  exportZip(filter?: QueueFilter): Promise<void>;
  /** The export dialog (Export reviewed…): open or closed. */
  exportDialog: boolean;
  setExportDialog(open: boolean): void;
  /** The items a choice of the dialog exports, with the counts its boxes show. */
  exportSelection(choice: ExportChoice): ExportSelection;
  /** What the chosen items would write (for the size estimate), measured by the review jobs. */
  measureExport(ids: string[]): Promise<ExportMeasure>;
  /** The export under way from the dialog (aborting it cancels the export), or null. */
  exporting: AbortController | null;
  /** Writes the dialog's choice; the dialog closes when the zip is saved. */
  exportChosen(choice: ExportChoice): Promise<void>;
  /** Stops the export under way (between two items); nothing is saved. */
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

/** Whether the item on screen shows its key: always outside blind review, else once the reviewer answered it or decided on it. */
export function isRevealed(s: Pick<ReviewStoreState, 'blind' | 'answered' | 'current' | 'reviewer'>): boolean {
  if (!s.blind || s.answered) return true;
  return !!s.current?.decisions.some((d) => d.reviewer === s.reviewer);
}
