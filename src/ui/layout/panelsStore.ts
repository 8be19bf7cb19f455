// Which side panels are shown: each can be hidden to give the centre the room (a small laptop), and
// the choice outlives a reload.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type Side = 'left' | 'right';

export interface PanelsState {
  hidden: ReadonlySet<Side>;
  toggle(side: Side): void;
}

const KEY = 'spatial-lens:hidden-panels';

function read(): Set<Side> {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(v) ? v.filter((x): x is Side => x === 'left' || x === 'right') : []);
  } catch {
    return new Set();
  }
}

export const panelsStore = createStore<PanelsState>()((set, get) => ({
  hidden: read(),
  toggle(side) {
    const hidden = new Set(get().hidden);
    if (!hidden.delete(side)) hidden.add(side);
    try {
      globalThis.localStorage?.setItem(KEY, JSON.stringify([...hidden]));
    } catch {
      /* kept for this session only */
    }
    set({ hidden });
  },
}));

export const usePanels = <T>(sel: (s: PanelsState) => T): T => useStore(panelsStore, sel);
