// What an import has done so far, written as it goes (in the same transaction as each batch of
// items), so that an import cut off by a reload, a closed tab or a crash is known on the next open:
// which files, how many of their lines were handled, when it started. Importing the same files
// again then finishes it (the lines already stored are counted as already there).
//
// "Lines" are the records of the item files: the non-blank lines of a JSONL file, the rows of a
// parquet file, counted while the import goes. A line is handled once it is stored, refused as
// malformed, or skipped as a duplicate; a .json file's values are not counted (its total stays
// unknown).

export interface JournalFile {
  /** The item file's path as the import names it (a zip's entries are under `<zip path>/`). */
  path: string;
  bytes: number;
  /** Its lines (records); null when not known ahead. */
  lines: number | null;
}

export type JournalState = 'running' | 'done' | 'dismissed';
import type { ImportReport } from './importReport';

export interface ImportJournal {
  id: string;
  project: string;
  /** The files as dropped (a zip is one file): a later import of the same files finishes this one. */
  dropped: { path: string; bytes: number }[];
  /** The item files found in them, zips unpacked, once the import has reached its items. */
  files: JournalFile[];
  /** Lines handled so far (stored, refused or skipped), over all item files. */
  done: number;
  /** Items stored so far. */
  added: number;
  startedAt: string;
  updatedAt: string;
  /** `running` until the import ends; an import whose tab died stays `running` for good. */
  state: JournalState;
  /** The import that finished this one by importing the same files again. */
  finishedBy?: string;
  /** What the import met (problems, missing images), kept so earlier imports' reports stay readable. */
  report?: ImportReport;
}

export function newJournal(id: string, project: string, dropped: readonly { path: string; blob: { size: number } }[], at: string): ImportJournal {
  return { id, project, dropped: dropped.map((f) => ({ path: f.path, bytes: f.blob.size })), files: [], done: 0, added: 0, startedAt: at, updatedAt: at, state: 'running' };
}

/** What a batch of the import handled: its stored items, and its refused or skipped records. */
export interface BatchLines {
  items: readonly unknown[];
  problems: readonly { line?: number; kind?: string }[];
}

/** Records a refusal or a skip names a line for; problems with a whole file or zip entry handle no line. */
const handlesLine = (p: { line?: number; kind?: string }) => p.line !== undefined && (p.kind === undefined || p.kind === 'line' || p.kind === 'duplicate');

export function afterBatch(j: ImportJournal, b: BatchLines, at: string): ImportJournal {
  let handled = b.items.length;
  for (const p of b.problems) if (handlesLine(p)) handled++;
  return { ...j, done: j.done + handled, added: j.added + b.items.length, updatedAt: at };
}

/** Lines handled and, when every item file's count is known, the total. */
export function journalLines(j: ImportJournal): { done: number; total: number | null } {
  let total: number | null = 0;
  for (const f of j.files) total = total === null || f.lines === null ? null : total + f.lines;
  return { done: j.done, total: j.files.length ? total : null };
}

const n = (x: number) => x.toLocaleString('en-US');
const plural = (k: number, one: string, many = `${one}s`) => (k === 1 ? one : many);

/** The files in words: one or two by name, more as a count. */
function filesText(j: ImportJournal): string {
  const names = (j.files.length ? j.files : j.dropped).map((f) => f.path);
  const dropped = j.dropped.map((f) => f.path);
  const shown = dropped.length <= names.length ? dropped : names;
  if (shown.length <= 2) return shown.join(' and ');
  return `${shown[0]} and ${shown.length - 1} more files`;
}

/** When, in a few words (local time). */
function whenText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'earlier';
  const pad = (k: number) => String(k).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The notice for an import that did not finish: how far it got, and what to do. */
export function interruptedText(j: ImportJournal): string {
  const { done, total } = journalLines(j);
  const again = `import the ${plural(j.dropped.length, 'file')} again to finish`;
  const what = `The import of ${filesText(j)} (started ${whenText(j.startedAt)}) did not finish`;
  if (!j.files.length) return `${what}: it stopped before reading any item; ${again}.`;
  const lines = total === null ? `${n(done)} ${plural(done, 'line')} imported (of a total not known yet: a .json file's records are not counted ahead, a large file's were still being counted)` : `${n(done)} of ${n(total)} lines imported`;
  return `${what}: ${lines}; ${again}.`;
}

/** Whether an import of `dropped` covers every file an earlier import was given (same path and size). */
export function coversFiles(j: ImportJournal, dropped: readonly { path: string; bytes: number }[]): boolean {
  if (!j.dropped.length) return false;
  return j.dropped.every((f) => dropped.some((d) => d.path === f.path && d.bytes === f.bytes));
}

/** An import that was running when its tab went away (or is still running in another tab). */
export const isUnfinished = (j: ImportJournal): boolean => j.state === 'running';
