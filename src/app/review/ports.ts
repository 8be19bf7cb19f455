// What the review side of the application needs from the world. The browser fills these with
// IndexedDB (Dexie), the review worker, BroadcastChannel, localStorage, Web Locks and object URLs;
// tests fill them with the same Dexie adapter over fake-indexeddb, the worker's jobs run in-process,
// an in-memory hub shared by the tabs of one test, a Map and fake URLs.
import type { ImportReportSource } from '../../domain/review/importReport';
import type { BatchLines, ImportJournal } from '../../domain/review/importJournal';
import type { RgbaImage } from '../../domain/qa/export/drawMarks';
import type { Mark, QAItem } from '../../domain/qa/types';
import type { ModifiedExportPolicy } from '../../domain/review/import/importer';
import type { ItemFlag, QueueRow, ReviewDecision, StoredDecision } from '../../domain/review/types';
import type { ExportLayout } from '../../domain/review/export/choice';
import type { ExportMeasure } from '../../domain/review/export/estimate';
import type { ItemRisk } from '../../domain/review/itemRisk';
import type { StoredImage, StoredItem, StoredProject, StoredScene, StoredView } from '../records';

// the records the storage holds (app/records.ts; Dexie's tables in the browser)
export type { StoredImage, StoredItem, StoredProject, StoredScene, StoredView };
/** What an import did, for its message and report. */
export interface ImportSummary {
  added: number;
  images: number;
  /** Images of the drop already stored with the same bytes: not stored again. */
  imagesReused: number;
  scenes: number;
  /** Decisions brought back by re-imported exports. */
  reviews: number;
  /** The first 500 problems (bad lines with their line numbers, refused zip entries…). */
  problems: { file: string; line?: number; message: string }[];
  problemCount: number;
  duplicates: number;
  /** Of the duplicates, items already in the project (the same file imported again). */
  existing: number;
  /** Files of unfinished earlier imports that this one imported again, so finished. */
  finished: string[];
  /** The first 500 items imported without (some of) their images. */
  missingImages: { appId: string; images: string[] }[];
  missingCount: number;
  /** Export zips in the drop, each checked against its manifest (`modified`: it no longer matches). */
  exports: { zip: string; filesListed: number; manifestSha256: string; modified: boolean }[];
  /** Items imported with the `modified-after-export` flag. */
  flagged: number;
  ms: number;
}

export type Progress = (label: string, done: number, total: number) => void;

/** The review's repositories: projects, the queue and its items, images, the decision log, views, scenes, import journals. */
export interface ReviewStorage {
  listProjects(): Promise<StoredProject[]>;
  createProject(name: string): Promise<StoredProject>;
  setProjectBlind(project: string, blind: boolean): Promise<StoredProject>;
  queueRows(project: string): Promise<QueueRow[]>;
  getItem(row: QueueRow, project: string): Promise<StoredItem | undefined>;
  /** Rows stored before they carried the start of their question get it. */
  fillQuestionStarts(project: string): Promise<number>;
  /** The question, options and answer of every item, by id (for text search). */
  searchTexts(project: string): Promise<Map<string, string>>;
  setAssignees(project: string, ids: string[], assignees: string[]): Promise<void>;
  getImage(project: string, path: string): Promise<StoredImage | undefined>;
  /** Resolves once the decision is durably stored; a retried uid is not written twice. */
  appendDecision(d: ReviewDecision, project: string, uid: string): Promise<StoredDecision>;
  /** The project's decisions with a key above `after`, in log order (other tabs' included). */
  decisionsAfter(project: string, after?: number): Promise<StoredDecision[]>;
  listViews(project: string): Promise<StoredView[]>;
  saveView(v: StoredView): Promise<unknown>;
  listScenes(): Promise<StoredScene[]>;
  loadScene(id: string): Promise<StoredScene | undefined>;
  unfinishedImports(project: string): Promise<ImportJournal[]>;
  dismissImport(id: string): Promise<void>;
  /** Whether an import of the project is running in some tab now. */
  importRunning(project: string): Promise<boolean>;
  /** Runs an import holding the project's import lock (so other tabs know it is alive). */
  withImportLock<T>(project: string, fn: () => Promise<T>): Promise<T>;
  storageStatus(ask?: boolean): Promise<{ persisted: boolean | null; usage: number | null; quota: number | null }>;
  /** The items' audited risks (what the review worker's risk job stored). */
  itemRisks(project: string): Promise<Map<string, ItemRisk>>;
}

/** How the export dialog asked for the items to be written. */
export interface ExportFormat {
  layout: ExportLayout;
  images: boolean;
  /** Exported items per task and format (`taskFormatKey`): SPAR-7M's file names carry the count. */
  byTaskFormat: [string, number][];
}

/** The review's heavy jobs (a worker in the browser, in-process in tests). */
export interface ReviewCompute {
  /** Rejects with an ExportModifiedError when an export in the drop changed and `modifiedExports` is 'ask' (the default). */
  importFiles(project: string, files: { path: string; blob: Blob }[], progress?: Progress, modifiedExports?: ModifiedExportPolicy): Promise<ImportSummary>;
  /** Without a format: each source's own layout, with images. Aborting the signal stops it between two items; it then rejects with the signal's reason. */
  exportItems(project: string, ids: string[], filter: string, marked: boolean, progress?: Progress, opts?: { format?: ExportFormat; signal?: AbortSignal }): Promise<{ blob: Blob; name: string; count?: number; manifestSha256?: string }>;
  /** What an export of these items would hold (records per layout, images, marked photos), for its size estimate. */
  measureExport(project: string, ids: string[]): Promise<ExportMeasure>;
  backup(project: string, progress?: Progress): Promise<{ blob: Blob; name: string }>;
  restore(blob: Blob, progress?: Progress): Promise<{ project: string; name: string; items: number; decisions: number; images: number; merge: string }>;
  /** Audits the project's items (all, or `ids`) one by one, measuring those with marks from their pixels and depth, and stores each one's risk. */
  auditRisks(project: string, progress?: Progress, ids?: string[]): Promise<RiskSummary>;
}

/** What a risk audit did. */
export interface RiskSummary {
  items: number;
  /** Items measured from their pixels and depth. */
  measured: number;
  mismatches: number;
  ms: number;
}

/** A message to the other tabs of this browser on the same origin (BroadcastChannel; a hub in tests). */
export interface Broadcast {
  post(msg: unknown): void;
  /** Hears the other tabs' messages (never this tab's own); returns how to stop. */
  listen(fn: (msg: unknown) => void): () => void;
}

/** URLs the page can show a blob under (object URLs; fake ones in tests). */
export interface Media {
  url(blob: Blob): string;
  revoke(url: string): void;
}

/** The key/value store the tabs' leases live in (localStorage: synchronous, and seen by every tab). */
export type LeaseStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** The life of this tab among the others: which tabs are alive, and the page events that matter to leases. */
export interface TabLife {
  /** This tab's id (its leases are written under it). */
  readonly tab: string;
  /** The ids of the tabs known to be open (undefined: not known; leases then lapse by time alone). */
  alive(): Promise<ReadonlySet<string> | undefined>;
  /** Calls `fn` when another tab claimed, renewed or let go of a lease. */
  onLeasesChanged(fn: () => void): void;
  /** The tab is going away (let its item go) / came back from the back-forward cache (claim again). */
  onHide(fn: () => void): void;
  onShow(fn: () => void): void;
}

export interface ReviewPorts {
  storage: ReviewStorage;
  compute: ReviewCompute;
  broadcast: Broadcast;
  media: Media;
  leaseStorage: LeaseStorage | null;
  tabs: TabLife;
}

/** One import's journal as the import goes (what it found, each batch with its writes, the end). */
export interface ImportJournalWriter {
  itemFiles(files: readonly { path: string; blob: Blob; kind: 'parquet' | 'jsonl' | 'json' }[]): Promise<void>;
  /** Runs `store` (the batch's writes) and records the batch's lines in one transaction. */
  batch(b: BatchLines, store: () => Promise<void>): Promise<void>;
  /** Marks the import done, and the unfinished imports it finished; returns those. */
  finish(): Promise<ImportJournal[]>;
  /** Keeps the import's report with its journal (the project's history of imports). */
  saveReport(s: ImportReportSource): Promise<void>;
}

/** What the review jobs (import, export, backup, restore) read and write, beside the session's repositories. */
export interface ReviewJobStorage extends Pick<ReviewStorage, 'queueRows' | 'getItem' | 'getImage' | 'appendDecision' | 'decisionsAfter' | 'setAssignees' | 'loadScene' | 'listScenes' | 'listViews'> {
  getProject(id: string): Promise<StoredProject | undefined>;
  putProject(p: StoredProject): Promise<unknown>;
  /** Ids of the project's items (the queue is one table: ids are unique across projects). */
  projectItemIds(project: string): Promise<Set<string>>;
  imageSizes(project: string): Promise<Map<string, { width: number; height: number } | undefined>>;
  /** The project's images by path: their bytes, and their pixels (0 when the size is not known). */
  imageBytes(project: string): Promise<Map<string, { bytes: number; pixels: number }>>;
  imageHashes(project: string): Promise<Map<string, string>>;
  projectImages(project: string): Promise<StoredImage[]>;
  putImages(images: StoredImage[]): Promise<unknown>;
  /** The highest queue position stored (new items go after it). */
  lastSeq(): Promise<number>;
  /** One import batch as one pack: its items, their queue rows and the images they name, in one transaction. */
  putImportBatch(project: string, items: { appId: string; item: QAItem; flags: ItemFlag[]; imagePaths?: (string | null)[] }[], images: Omit<StoredImage, 'project'>[], firstSeq: number): Promise<void>;
  /** Generated items, one record each (regenerating replaces them). */
  putItems(items: StoredItem[]): Promise<unknown>;
  saveScene(id: string, patch: Partial<Omit<StoredScene, 'id' | 'updatedAt'>>): Promise<void>;
  putScene(s: StoredScene): Promise<unknown>;
  /** Every stored scene, in key order. */
  allScenes(): Promise<StoredScene[]>;
  projectViews(project: string): Promise<StoredView[]>;
  putView(v: StoredView): Promise<unknown>;
  startImport(project: string, dropped: readonly { path: string; blob: { size: number } }[]): Promise<ImportJournalWriter>;
  putRisks(project: string, risks: readonly { id: string; risk: ItemRisk }[]): Promise<void>;
}

/** Photos decoded and drawn on (OffscreenCanvas in the browser): an export's marked copies. */
export interface MarkedPhotos {
  pixels(blob: Blob): Promise<RgbaImage>;
  markedJpeg(base: RgbaImage, marks: readonly Mark[], index: number): Promise<Uint8Array>;
}
