// Questions about the current scene: what to generate (tasks, formats, how many, seed), the
// generated items (kept in IndexedDB as the project's review queue), the one being looked at,
// and the export. Generation runs in the lifting worker, which holds the scene's full cloud.
import { createStore } from 'zustand/vanilla';
import { isUserError } from '../../domain/errors';
import { emptyTaskReasons, type GenerateReport } from '../../domain/qa/generate/generate';
export { emptyTaskReasons };
import { TASKS } from '../../domain/qa/generate/tasks';
import type { QAFormat, QAItem } from '../../domain/qa/types';
import type { ObjectsStore } from '../objects/objectsStore';
import type { Ports } from '../ports';
import type { SceneStore } from '../scene/sceneStore';

export interface QAState {
  items: QAItem[];
  /** The last generation's report (counts, balance, skips, notes). */
  report: GenerateReport | null;
  selectedId: string | null;
  /** Only items of this task are listed (null: all). */
  filter: string | null;
  tasks: string[];
  formats: QAFormat[];
  perScene: number;
  seed: number;
  busy: string | null;
  message: { kind: 'error' | 'info'; text: string } | null;
  toggleTask(id: string): void;
  setTasks(ids: string[]): void;
  toggleFormat(f: QAFormat): void;
  setPerScene(n: number): void;
  setSeed(n: number): void;
  setFilter(task: string | null): void;
  select(id: string | null): void;
  /** Moves the selection through the listed items. */
  step(by: number): void;
  /** The stored items of a scene (on opening it). */
  load(sceneId: string | null): Promise<void>;
  generate(): Promise<void>;
  exportZip(): Promise<void>;
  dismiss(): void;
}

export const ALL_TASK_IDS = TASKS.map((t) => t.id);

/** Tasks as menus group them: SPAR single-view, SPAR multi-view, HiSpatial by level. */
export const TASK_GROUPS: { name: string; tasks: { id: string; title: string; needs?: string }[] }[] = (() => {
  const groups = new Map<string, { id: string; title: string; needs?: string }[]>();
  for (const t of TASKS) {
    const name = t.family === 'spar' ? (t.needs === 'views' ? 'SPAR multi-view' : 'SPAR single view') : `HiSpatial ${t.level}`;
    groups.set(name, [...(groups.get(name) ?? []), { id: t.id, title: t.title, needs: t.needs }]);
  }
  return [...groups].map(([name, tasks]) => ({ name, tasks }));
})();

export function createQAStore(ports: Pick<Ports, 'compute' | 'storage' | 'files'>, scene: SceneStore, objects: ObjectsStore, project: () => string) {
  const { compute, storage, files: out } = ports;
  return createStore<QAState>()((set, get) => {
    const fail = (e: unknown) => set({ busy: null, message: { kind: 'error', text: isUserError(e) ? e.message : `Questions: ${(e as Error)?.message ?? e}` } });
    const listed = () => {
      const { items, filter } = get();
      return filter ? items.filter((i) => i.task === filter) : items;
    };
    let loading = 0;
    return {
      items: [],
      report: null,
      selectedId: null,
      filter: null,
      tasks: ALL_TASK_IDS,
      formats: ['fill', 'select', 'sentence', 'judge'],
      perScene: 100,
      seed: 0,
      busy: null,
      message: null,
      toggleTask: (id) => set({ tasks: get().tasks.includes(id) ? get().tasks.filter((t) => t !== id) : ALL_TASK_IDS.filter((t) => t === id || get().tasks.includes(t)) }),
      setTasks: (tasks) => set({ tasks }),
      toggleFormat: (f) => set({ formats: get().formats.includes(f) ? get().formats.filter((x) => x !== f) : [...get().formats, f] }),
      setPerScene: (perScene) => set({ perScene: Math.max(1, Math.min(100_000, Math.round(perScene) || 1)) }),
      setSeed: (seed) => set({ seed: Math.max(0, Math.round(seed) || 0) }),
      setFilter: (filter) => set({ filter, selectedId: null }),
      select: (selectedId) => set({ selectedId }),
      step(by) {
        const list = listed();
        if (!list.length) return;
        const at = list.findIndex((i) => i.id === get().selectedId);
        const next = at < 0 ? (by > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, at + by));
        set({ selectedId: list[next].id });
      },
      async load(sceneId) {
        const mine = ++loading;
        if (!sceneId) return set({ items: [], report: null, selectedId: null, filter: null });
        try {
          const items = await storage.itemsOfScene(sceneId);
          if (mine === loading) set({ items, report: null, selectedId: null, filter: null });
        } catch (e) {
          fail(e);
        }
      },
      async generate() {
        const { scene: payload, held } = scene.getState();
        if (!payload || !held) return set({ message: { kind: 'error', text: 'Open and lift a photo first: questions are generated from its objects and points.' } });
        const { tasks, formats, perScene, seed } = get();
        if (!tasks.length) return set({ message: { kind: 'error', text: 'Choose at least one task.' } });
        if (!formats.length) return set({ message: { kind: 'error', text: 'Choose at least one format.' } });
        set({ busy: 'Generating questions…', message: null });
        try {
          const { items, report } = await compute.generateQA(held, objects.getState().objects, { tasks, formats, perScene, seed });
          const { kept } = await storage.replaceGenerated(payload.scene.id, items, project());
          const sr = report.scenes[0];
          const reviewed = kept ? ` ${kept} reviewed question${kept > 1 ? 's were' : ' was'} kept as decided.` : '';
          const unused = sr?.excluded.length ? ` ${sr.excluded.length} object${sr.excluded.length > 1 ? 's' : ''} not used (see the report).` : '';
          set({
            items,
            report,
            selectedId: items[0]?.id ?? null,
            filter: null,
            busy: null,
            message: items.length
              ? { kind: 'info', text: `Generated ${items.length} question${items.length > 1 ? 's' : ''} in ${report.ms.toFixed(0)} ms; they are in the review queue.${reviewed}${unused}` }
              : { kind: 'error', text: `No question could be generated: ${sr?.notes[0] ?? emptyReason(report)} (see the report).` },
          });
        } catch (e) {
          fail(e);
        }
      },
      async exportZip() {
        const { files, scene: shown } = scene.getState();
        const items = listed();
        if (!files || !shown || !items.length) return;
        set({ busy: 'Drawing marked photos…' });
        try {
          const r = await compute.exportQA(shown.scene, items, { name: files.image.name, bytes: await files.image.arrayBuffer() }, (_stage, f) => set({ busy: `Drawing marked photos… ${Math.round(f * 100)} %` }));
          out.save(new Blob([r.bytes as BlobPart], { type: r.mime }), r.name);
          set({ busy: null });
        } catch (e) {
          fail(e);
        }
      },
      dismiss: () => set({ message: null }),
    };
  });
}

export type QAStore = ReturnType<typeof createQAStore>;

/** The reason an empty generation gives: the task that skipped most candidates, and why. */
function emptyReason(report: GenerateReport): string {
  const top = emptyTaskReasons(report)[0];
  return top ? `${top.task} skipped all ${top.skipped} candidate${top.skipped > 1 ? 's' : ''}, most because ${top.reason}` : 'every candidate was skipped';
}
