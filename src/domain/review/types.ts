// Review records as docs/formats.md, review decision lay them out: one decision per record, append-only; an
// item's state is its latest decision that was not withdrawn by an undo.
import type { QAFormat, QAItem } from '../qa/types';
import type { BlindAnswer } from './blind';
import { questionStart } from './rowText';
import type { MarkCorrection } from './markCorrections';

export const REVIEW_SCHEMA = 'spatial-lens/review@1';

/** Reject reasons in key order: `R` then `1`–`6` (docs/formats.md, review decision). The first four are SPAR's error types. */
export const REASONS = ['vague-stem', 'incorrect-choices', 'ambiguous-answer', 'factual-inconsistency', 'bad-3d', 'other'] as const;
export type Reason = (typeof REASONS)[number];

export type Verdict = 'accept' | 'fix' | 'reject';
export type Status = 'undecided' | Verdict;
export const STATUSES: readonly Status[] = ['undecided', 'accept', 'fix', 'reject'];

/** A 3D box as the objects issue stores it (centre, size l/w/h, yaw about z), before and after a fix. */
export interface BoxEdit {
  object: string;
  before: { center: [number, number, number]; size: [number, number, number]; yaw: number };
  after: { center: [number, number, number]; size: [number, number, number]; yaw: number };
}

/** What a fix changed, each as [original, fixed]. */
export interface Edits {
  answer?: [string, string];
  options?: [string[], string[]];
  boxes?: BoxEdit[];
}

export interface ReviewDecision {
  schema: typeof REVIEW_SCHEMA;
  /** The app's item id (StoredItem.id), not the source id. */
  item: string;
  decision: Verdict | 'undo';
  reasons?: Reason[];
  comment?: string;
  edits?: Edits;
  reviewer: string;
  startedAt: string;
  decidedAt: string;
  /** For `undo`: the key of the withdrawn record. */
  undoes?: number;
  /** Blind review: the reviewer's own answer, given before the key was shown (absent in older records). */
  blind?: BlindAnswer;
  /** Marks the reviewer placed or moved on the item's photos (measured in place of the found ones). */
  marks?: MarkCorrection[];
}

/** A decision as stored: its log key (auto-increment), a unique id (a retried write cannot duplicate it) and its project. */
export interface StoredDecision extends ReviewDecision {
  key?: number;
  uid: string;
  project: string;
}

/** Where an imported item came from (docs/formats.md, QA item: `spatial_lens.source`). */
export type SourceLayout = 'spatial-lens' | 'spar7m' | 'spar-bench';
export interface ItemSource {
  file: string;
  line: number;
  layout: SourceLayout;
  /** The record's own id, untouched (SPAR-Bench ids are numbers and restart at 0 per file). */
  id: string | number;
  /** SPAR-7M: the image size the 0–1000 marks were scaled with (so export gives back the same integers). */
  markScale?: { width: number; height: number }[];
  /** SPAR-Bench parquet: the `path` of each embedded image's struct (null where it had none). */
  imagePaths?: (string | null)[];
  /** SPAR-7M: per image whose camera files were not all found, what is missing (camera files read at import). */
  cameraNotes?: string[];
}

/** Flags an item can carry; the queue filters on them. */
export type ItemFlag = 'missing-image' | 'html-in-text' | 'duplicate-id' | 'no-scene' | 'multi-view' | 'modified-after-export' | 'mark-outside' | 'inverted-box' | 'oversized';

/** The app's id of an imported item: `<source file>#<source id>` (docs/formats.md, review decision). */
export const importedId = (file: string, sourceId: string | number): string => `${file}#${sourceId}`;

/** What the queue keeps in memory per item (100k of them): enough to filter, sort and count. */
export interface QueueRow {
  id: string;
  seq: number;
  task: string;
  format: QAFormat;
  /** Source file for imports, "generated" for the app's own items. */
  source: string;
  scene: string;
  flags: ItemFlag[];
  /** Reviewers the item is assigned to (for overlap); absent: anyone. */
  assignees?: string[];
  /** Imported items: the pack (storage record) that holds the item. */
  pack?: number;
  /** The start of the question (a few words, for the queue's rows). */
  q?: string;
}

export const queueRow = (id: string, seq: number, item: QAItem, flags: ItemFlag[] = [], assignees?: string[]): QueueRow => {
  const src = item.spatial_lens.source as ItemSource | undefined;
  const row: QueueRow = { id, seq, task: item.task, format: item.spatial_lens.format, source: src?.file ?? 'generated', scene: item.spatial_lens.scene, flags, q: questionStart(String(item.question ?? '')) };
  if (assignees?.length) row.assignees = assignees;
  return row;
};
