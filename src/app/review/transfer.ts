// Import, export, backup and restore as the user starts them: the heavy work goes to the Compute
// port (the review worker in the browser), this side keeps the queue, the messages and the choice
// about an export that changed since it was written.
import { type QueueFilter, runQueue } from '../../domain/review/queue';
import { ExportModifiedError } from '../../domain/review/exportCheck';
import { importMessage } from '../../domain/review/importMessage';
import { type ImportJournal, interruptedText } from '../../domain/review/importJournal';
import { selectForExport } from '../../domain/review/export/choice';
import { type Ctx, broadcast, fail } from './context';
import { describeChoice, exportReviewed } from './exportReviewed';
import { textsFor } from './queue';
import type { ReviewStorage } from './ports';
import type { ReviewStoreState } from './types';

/** The project's unfinished imports, less the one another tab is running right now (the newest). */
export async function unfinishedLive(storage: ReviewStorage, project: string): Promise<ImportJournal[]> {
  const all = await storage.unfinishedImports(project);
  return (await storage.importRunning(project)) ? all.slice(0, -1) : all;
}

export function interruptedNotice(list: ImportJournal[]): string {
  const more = list.length - 1;
  return `${interruptedText(list[list.length - 1])}${more ? ` (${more} earlier unfinished import${more === 1 ? '' : 's'}: see the queue panel)` : ''}`;
}

/** A filter in words, for the export manifest. */
export function describeFilter(f: QueueFilter): string {
  const parts = Object.entries(f)
    .filter(([, v]) => v !== undefined && (!Array.isArray(v) || v.length))
    .map(([k, v]) => (Array.isArray(v) ? `${k}: ${v.length > 8 ? `${v.length} values` : v.join(', ')}` : `${k}: ${String(v)}`));
  return parts.join('; ') || 'all items';
}

type TransferActions =
  | 'lastImport'
  | 'interrupted'
  | 'dismissImport'
  | 'importFiles'
  | 'modifiedExport'
  | 'resolveModifiedExport'
  | 'exportZip'
  | 'exportMarked'
  | 'setExportMarked'
  | 'exportDialog'
  | 'setExportDialog'
  | 'exportSelection'
  | 'measureExport'
  | 'exporting'
  | 'exportChosen'
  | 'cancelExport'
  | 'backup'
  | 'restore';

const isCancel = (e: unknown) => (e as Error)?.name === 'AbortError';

export const transferSlice = (c: Ctx): Pick<ReviewStoreState, TransferActions> => ({
  lastImport: null,
  interrupted: [],
  modifiedExport: null,
  exportMarked: true,
  setExportMarked: (exportMarked) => c.set({ exportMarked }),

  async dismissImport(id) {
    await c.deps.storage.dismissImport(id).catch((e) => fail(c, e, 'Dismissing the notice'));
    c.set({ interrupted: c.get().interrupted.filter((j) => j.id !== id) });
  },

  async importFiles(files, modifiedExports) {
    if (!files.length) return;
    const { storage, compute } = c.deps;
    c.set({ busy: { label: 'Importing', done: 0, total: 1 }, message: null });
    try {
      const before = new Set(c.get().rows.map((r) => r.id));
      const project = c.get().project;
      const summary = await storage.withImportLock(project, () => compute.importFiles(project, files, (label, done, total) => c.set({ busy: { label, done, total } }), modifiedExports));
      const session = c.get().session;
      session.scenesChanged();
      // decisions an exported zip brought back are in the log now: read them before anything is listed
      if (summary.reviews) session.log.applyAll(await session.readNew(storage));
      c.set({ rows: await storage.queueRows(c.get().project), busy: null, lastImport: summary });
      broadcast(c, true);
      c.relist(false);
      // imported items join the queue and the first one is shown
      const first = c.get().rows.find((r) => !before.has(r.id));
      if (first) {
        if (!c.get().listed.some((r) => r.id === first.id)) {
          c.set({ filter: {} });
          c.relist(false);
        }
        await c.get().show(first.id);
      }
      c.set({ interrupted: await unfinishedLive(storage, c.get().project) });
      c.set({ message: importMessage(summary) });
      // the new items' risks, measured off the page; the queue can sort by them once they are in
      const added = c.get().rows.filter((r) => !before.has(r.id)).map((r) => r.id);
      if (added.length) void c.get().auditRisks(added, { quiet: true });
    } catch (e) {
      // the drop's files are held while the user decides about the export that changed
      if (e instanceof ExportModifiedError) c.set({ busy: null, modifiedExport: { checks: e.checks, files } });
      else fail(c, e, 'Import');
      c.set({ interrupted: await unfinishedLive(storage, c.get().project).catch(() => c.get().interrupted) });
    }
  },

  async resolveModifiedExport(choice) {
    const files = c.get().modifiedExport?.files ?? [];
    const zips = c.get().modifiedExport?.checks.map((x) => x.zip).join(', ') ?? 'the export';
    c.set({ modifiedExport: null });
    if (choice === 'flag') return c.get().importFiles(files, 'flag');
    c.set({ message: { kind: 'error', text: `Import refused: ${zips} changed after it was exported, so nothing from this drop was imported.` } });
  },

  async exportZip(filter) {
    const s = c.get();
    const f = filter ?? { ...s.filter, statuses: s.filter.statuses?.length ? s.filter.statuses : ['accept', 'fix'] };
    const ids = runQueue(s.rows, s.session.log, f, s.sort).rows.map((r) => r.id);
    if (!ids.length) return c.set({ message: { kind: 'error', text: 'Nothing to export: no item matches (by default only accepted and fixed items are exported).' } });
    c.set({ busy: { label: 'Exporting', done: 0, total: ids.length } });
    try {
      const r = await c.deps.compute.exportItems(s.project, ids, describeFilter(f), s.exportMarked, (label, done, total) => c.set({ busy: { label, done, total } }));
      c.deps.files.save(r.blob, r.name);
      // the manifest's own hash: the one thing that can later show the zip is the one written now
      const sha = r.manifestSha256 ? ` Its manifest's SHA-256 is ${r.manifestSha256}: keep it to check the zip later.` : '';
      c.set({ busy: null, message: { kind: 'info', text: `Exported ${ids.length} items to ${r.name}.${sha}` } });
    } catch (e) {
      fail(c, e, 'Export');
    }
  },

  exportDialog: false,
  setExportDialog: (exportDialog) => c.set({ exportDialog }),
  exportSelection(choice) {
    const { rows, filter, sort, session } = c.get();
    const texts = filter.text?.trim() ? textsFor(c, rows) : undefined;
    return selectForExport(rows, session.log, filter, choice, texts ? { textOf: (id) => texts.get(id) } : {}, sort);
  },
  measureExport: (ids) => c.deps.compute.measureExport(c.get().project, ids),
  exporting: null,

  async exportChosen(choice) {
    const selection = c.get().exportSelection(choice);
    if (!selection.ids.length) return c.set({ message: { kind: 'error', text: 'Nothing to export: no item has the chosen statuses and tasks.' } });
    const exporting = new AbortController();
    c.set({ busy: { label: 'Exporting', done: 0, total: selection.ids.length }, exportMarked: choice.marked, exporting });
    try {
      const progress = (label: string, done: number, total: number) => c.set({ busy: { label, done, total } });
      const describe = describeChoice(choice, describeFilter(c.get().filter));
      const text = await exportReviewed(c.deps.compute, (blob, name) => c.deps.files.save(blob, name), { project: c.get().project, choice, selection, describe, progress, signal: exporting.signal });
      c.set({ busy: null, exportDialog: false, message: { kind: 'info', text } });
    } catch (e) {
      // the dialog stays open after a cancel or a failure, for another try
      if (isCancel(e)) c.set({ busy: null, message: { kind: 'info', text: 'Export cancelled; nothing was saved.' } });
      else fail(c, e, 'Export');
    } finally {
      c.set({ exporting: null });
    }
  },
  cancelExport: () => c.get().exporting?.abort(),

  async backup() {
    c.set({ busy: { label: 'Backing up', done: 0, total: 1 } });
    try {
      const r = await c.deps.compute.backup(c.get().project, (label, done, total) => c.set({ busy: { label, done, total } }));
      c.deps.files.save(r.blob, r.name);
      c.set({ busy: null, message: { kind: 'info', text: `Saved the whole project to ${r.name}.` } });
    } catch (e) {
      fail(c, e, 'Backup');
    }
  },

  async restore(file) {
    c.set({ busy: { label: 'Restoring', done: 0, total: 1 } });
    try {
      const r = await c.deps.compute.restore(file, (label, done, total) => c.set({ busy: { label, done, total } }));
      c.set({ busy: null });
      await c.get().open(r.project);
      c.set({ message: { kind: 'info', text: `Restored "${r.name}": ${r.items} items, ${r.decisions} decisions, ${r.images} images.${r.merge ? ` ${r.merge}` : ''}` } });
    } catch (e) {
      fail(c, e, 'Restore');
    }
  },
});
