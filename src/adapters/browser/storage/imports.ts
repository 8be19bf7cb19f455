// The import journal in IndexedDB: an import's progress is put in the same transaction as each
// batch of items it stores, so what the journal says was imported is exactly what is stored, even
// when the tab dies between two batches.
import { type BatchLines, type ImportJournal, afterBatch, coversFiles, isUnfinished, newJournal } from '../../../domain/review/importJournal';
import { countRecords } from '../../../domain/review/import/lineCount';
import { type ImportReport, type ImportReportSource, reportOf } from '../../../domain/review/importReport';
import { db } from './db';

const uid = (): string => (typeof globalThis.crypto?.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
const now = () => new Date().toISOString();

/** One import's journal, kept up to date as the import goes. */
export class ImportTracker {
  private constructor(private j: ImportJournal) {}

  static async start(project: string, dropped: readonly { path: string; blob: { size: number } }[]): Promise<ImportTracker> {
    const t = new ImportTracker(newJournal(uid(), project, dropped, now()));
    await db().imports.put(t.j);
    return t;
  }

  get journal(): ImportJournal {
    return this.j;
  }

  /**
   * The item files the import found. Their records are counted alongside the import (reading a
   * large file twice before the first item would hold it up); the counts join the journal with the
   * next batch once known, so an import cut off in its first moments may not know its total.
   */
  async itemFiles(files: readonly { path: string; blob: Blob; kind: 'parquet' | 'jsonl' | 'json' }[]): Promise<void> {
    this.j = { ...this.j, files: files.map((f) => ({ path: f.path, bytes: f.blob.size, lines: null })), updatedAt: now() };
    await db().imports.put(this.j);
    this.counting = Promise.all(files.map(async (f) => ({ path: f.path, bytes: f.blob.size, lines: await countRecords(f) }))).then((counted) => {
      this.j = { ...this.j, files: counted };
    });
  }

  private counting: Promise<void> | null = null;

  /** Runs `store` (the batch's writes) and records the batch's lines in one transaction. */
  async batch(b: BatchLines, store: () => Promise<void>): Promise<void> {
    const next = afterBatch(this.j, b, now());
    const d = db();
    await d.transaction('rw', [d.packs, d.packRows, d.images, d.imports], async () => {
      await store();
      await d.imports.put(next);
    });
    // the counts may have come in meanwhile: keep them
    this.j = { ...next, files: this.j.files };
  }

  /**
   * Marks the import done, and with it every unfinished import of the same project whose files this
   * one was given again (same paths and sizes); returns those.
   */
  async finish(): Promise<ImportJournal[]> {
    await this.counting;
    this.j = { ...this.j, state: 'done', updatedAt: now() };
    const finished: ImportJournal[] = [];
    const d = db();
    await d.transaction('rw', d.imports, async () => {
      await d.imports.put(this.j);
      for (const old of await d.imports.where('project').equals(this.j.project).toArray()) {
        if (old.id === this.j.id || !isUnfinished(old) || !coversFiles(old, this.j.dropped)) continue;
        const done: ImportJournal = { ...old, state: 'done', finishedBy: this.j.id, updatedAt: now() };
        await d.imports.put(done);
        finished.push(done);
      }
    });
    return finished;
  }

  /** Keeps the import's report with its journal: the project's history of imports and what each met. */
  async saveReport(s: ImportReportSource): Promise<void> {
    this.j = { ...this.j, report: reportOf(this.j.id, this.j.dropped.map((f) => f.path), now(), s) };
    await db().imports.put(this.j);
  }
}

/** The reports of the project's finished imports, newest first. */
export async function importReports(project: string): Promise<ImportReport[]> {
  const all = await db().imports.where('project').equals(project).toArray();
  return all.flatMap((j) => (j.report ? [j.report] : [])).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The project's imports that never finished, oldest first. */
export async function unfinishedImports(project: string): Promise<ImportJournal[]> {
  const all = await db().imports.where('project').equals(project).toArray();
  return all.filter(isUnfinished).sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
}

/** The reviewer has read the notice and will not import the files again. */
export async function dismissImport(id: string): Promise<void> {
  await db().imports.update(id, { state: 'dismissed', updatedAt: now() });
}
