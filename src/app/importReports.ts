// The project's import history for the screen: every finished import's report, newest first, read
// again after each import and when the project changes; and whether the reports are open.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ImportReport } from '../domain/review/importReport';

export interface ImportReportsState {
  reports: ImportReport[];
  /** The dialog is open (on the report of this import id, or the newest). */
  open: { id: string | null } | null;
  show(id?: string | null): void;
  close(): void;
}

/** The review side as this module needs it: its project and its last import. */
export interface ImportSide {
  getState(): { project: string; lastImport: unknown };
  subscribe(listener: (s: { project: string; lastImport: unknown }, prev: { project: string; lastImport: unknown }) => void): () => void;
}

export type ImportReportsStore = StoreApi<ImportReportsState> & { reload(): Promise<void>; dispose(): void };

export function createImportReports(review: ImportSide, read: (project: string) => Promise<ImportReport[]>): ImportReportsStore {
  const store = createStore<ImportReportsState>()((set) => ({
    reports: [],
    open: null,
    show: (id = null) => {
      set({ open: { id } });
      void reload();
    },
    close: () => set({ open: null }),
  }));
  let asked = 0;
  const reload = async () => {
    const ticket = ++asked;
    const project = review.getState().project;
    const reports = await read(project).catch(() => store.getState().reports);
    // a slower read for an earlier project never overwrites a newer one
    if (ticket === asked) store.setState({ reports });
  };
  const unsubscribe = review.subscribe((s, prev) => {
    if (s.project !== prev.project || s.lastImport !== prev.lastImport) void reload();
  });
  return Object.assign(store, { reload, dispose: unsubscribe });
}
