// How the scene is looked at: colours, point size, hover and the measure tool.
import { createStore } from 'zustand/vanilla';
import type { ColourMode } from '../../domain/lifting/display';
import type { Vec3 } from '../../domain/geometry/linalg';

export interface Hover {
  /** Pixel of the stored photo. */
  u: number;
  v: number;
  world: Vec3 | null;
}

export type Mode = 'scene' | 'qa' | 'review' | 'dashboard';

export interface ViewState {
  /** Which workspace is shown: the lifted scene and its objects, or the questions about it. */
  mode: Mode;
  setMode(m: Mode): void;
  colourMode: ColourMode;
  pointSize: number;
  pointBudget: number;
  showFrustum: boolean;
  hover: Hover | null;
  measuring: boolean;
  measurePoints: Vec3[];
  /** Stored-photo pixel of each measure point picked in the photo (null when picked in 3D). */
  measurePixels: ([number, number] | null)[];
  /** Bumped to ask the 3D view to return to its home position. */
  resetToken: number;
  /** What the selected box's 3D handles do. */
  boxMode: 'translate' | 'rotate' | 'scale';
  setBoxMode(m: 'translate' | 'rotate' | 'scale'): void;
  setColourMode(m: ColourMode): void;
  setPointSize(s: number): void;
  setPointBudget(n: number): void;
  toggleFrustum(): void;
  setHover(h: Hover | null): void;
  toggleMeasure(): void;
  /** Adds a picked point (and the photo pixel it came from); a third pick starts anew. */
  pick(p: Vec3, pixel?: [number, number]): void;
  clearMeasure(): void;
  resetView(): void;
}

export const createViewStore = () =>
  createStore<ViewState>()((set, get) => ({
    mode: 'scene',
    setMode: (mode) => set({ mode, measuring: false, measurePoints: [], measurePixels: [] }),
    colourMode: 'rgb',
    pointSize: 2,
    pointBudget: 300_000,
    showFrustum: true,
    hover: null,
    measuring: false,
    measurePoints: [],
    measurePixels: [],
    resetToken: 0,
    boxMode: 'translate',
    setBoxMode: (boxMode) => set({ boxMode }),
    setColourMode: (colourMode) => set({ colourMode }),
    setPointSize: (pointSize) => set({ pointSize }),
    setPointBudget: (pointBudget) => set({ pointBudget }),
    toggleFrustum: () => set({ showFrustum: !get().showFrustum }),
    setHover: (hover) => set({ hover }),
    toggleMeasure: () => set({ measuring: !get().measuring, measurePoints: [], measurePixels: [] }),
    pick: (p, pixel) => {
      const fresh = get().measurePoints.length >= 2;
      set({
        measurePoints: fresh ? [p] : [...get().measurePoints, p],
        measurePixels: fresh ? [pixel ?? null] : [...get().measurePixels, pixel ?? null],
      });
    },
    clearMeasure: () => set({ measurePoints: [], measurePixels: [] }),
    resetView: () => set({ resetToken: get().resetToken + 1 }),
  }));

export type ViewStore = ReturnType<typeof createViewStore>;
