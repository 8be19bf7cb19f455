// What an export holds, as the person chose it in the export dialog: which items (the queue's
// current filter or the whole project, narrowed by status and task), in which layout, with the
// original images and the marked photos or without. Pure: the store and the dialog call it with the
// queue's rows and decisions.
import { type QueueFilter, type QueueOptions, type QueueSort, DEFAULT_SORT, runQueue } from '../queue';
import type { ReviewLookup } from '../state';
import type { QueueRow, Status } from '../types';

/**
 * Layouts an export can write:
 *   - as-imported: every item in its source's own layout (SPAR-Bench parquet back to parquet);
 *   - qa-jsonl: every item as a Spatial Lens QA item;
 *   - spar7m: SPAR-7M's training layout (`qa_jsonl/train/<task>/<format>/<format>_<n>.jsonl`);
 *   - spar-bench-parquet: one parquet file with SPAR-Bench's columns and the images inside.
 */
export const EXPORT_LAYOUTS = ['as-imported', 'qa-jsonl', 'spar7m', 'spar-bench-parquet'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];

export const LAYOUT_LABELS: ReadonlyMap<ExportLayout, string> = new Map([
  ['as-imported', 'As imported (each source’s own layout)'],
  ['qa-jsonl', 'Spatial Lens QA JSONL'],
  ['spar7m', 'SPAR-7M training layout (qa_jsonl/…)'],
  ['spar-bench-parquet', 'SPAR-Bench parquet (images inside)'],
]);

export interface ExportChoice {
  /** The queue's current filter (its text, sources, flags… kept) or every item of the project. */
  scope: 'filter' | 'project';
  /** Statuses to export; the dialog starts with accepted and fixed, as review tools export "done" work. */
  statuses: Status[];
  /** Tasks to export; null: every task. */
  tasks: string[] | null;
  layout: ExportLayout;
  /** The original images the records name (inside the parquet for the parquet layout). */
  images: boolean;
  /** A copy of each photo with the item's marks drawn in. */
  marked: boolean;
}

export const isExportLayout = (v: unknown): v is ExportLayout => typeof v === 'string' && (EXPORT_LAYOUTS as readonly string[]).includes(v);

/** The dialog's first choice: the current filter's statuses and tasks when it names some, else accepted and fixed items of every task. */
export function defaultChoice(filter: QueueFilter, marked = true): ExportChoice {
  return {
    scope: 'filter',
    statuses: filter.statuses?.length ? [...filter.statuses] : ['accept', 'fix'],
    tasks: filter.tasks?.length ? [...filter.tasks] : null,
    layout: 'as-imported',
    images: true,
    marked,
  };
}

/** The queue filter that selects the choice's items. */
export function choiceFilter(filter: QueueFilter, choice: Pick<ExportChoice, 'scope' | 'statuses' | 'tasks'>): QueueFilter {
  const base: QueueFilter = choice.scope === 'filter' ? { ...filter } : {};
  base.statuses = [...choice.statuses];
  if (choice.tasks) base.tasks = [...choice.tasks];
  else delete base.tasks;
  return base;
}

export interface ExportSelection {
  /** The items to export, in queue order. */
  ids: string[];
  /** Items of the scope per status (with the chosen tasks), for the dialog's status boxes. */
  byStatus: Record<Status, number>;
  /** Items of the scope per task (with the chosen statuses), every task of the scope listed. */
  byTask: Map<string, number>;
  /** Per task and format, the items to export (SPAR-7M's file names carry the count). */
  byTaskFormat: Map<string, number>;
}

/**
 * The items a choice exports. With no status chosen nothing is exported (an empty status list
 * never means "all", unlike the queue's filter).
 */
export function selectForExport(rows: readonly QueueRow[], lookup: ReviewLookup, filter: QueueFilter, choice: Pick<ExportChoice, 'scope' | 'statuses' | 'tasks'>, opts: QueueOptions = {}, sort: QueueSort = DEFAULT_SORT): ExportSelection {
  // one pass: the queue counts statuses over the chosen tasks and tasks over the chosen statuses
  const { rows: chosen, counts } = runQueue(rows, lookup, choiceFilter(filter, choice), sort, opts);
  const none = !choice.statuses.length || (choice.tasks !== null && !choice.tasks.length);
  const byTask = new Map([...counts.byTask].map(([t, n]) => [t, choice.statuses.length ? n : 0]));
  const byTaskFormat = new Map<string, number>();
  if (!none) for (const r of chosen) byTaskFormat.set(taskFormatKey(r.task, r.format), (byTaskFormat.get(taskFormatKey(r.task, r.format)) ?? 0) + 1);
  return { ids: none ? [] : chosen.map((r) => r.id), byStatus: { ...counts.byStatus }, byTask, byTaskFormat };
}

export const taskFormatKey = (task: string, format: string): string => `${task}\u0000${format}`;
