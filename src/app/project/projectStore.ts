// The project: every photo kept in this browser with its annotations and lifted objects, for
// reopening a scene and for looking at object sizes across all of them.
import { createStore } from 'zustand/vanilla';
import { isUserError } from '../../domain/errors';
import type { Box3D } from '../../domain/scene/scene';
import { DEFAULT_UNITS_PER_METRE } from '../../domain/lifting/depthScale';
import type { ObjectsStore } from '../objects/objectsStore';
import type { LiftStorage } from '../ports';
import type { SceneStore } from '../scene/sceneStore';

export interface ObjectSummary {
  scene: string;
  id: string;
  category: string;
  box: Box3D;
  plausible: boolean;
}

export interface SceneSummary {
  id: string;
  objects: number;
  annotations: number;
  lifted: boolean;
  hasDepth: boolean;
  /** The depth map's scale as the scene was last lifted (units per metre). */
  depthScale?: number;
  updatedAt: string;
}

export interface ProjectState {
  open: boolean;
  tab: 'scenes' | 'sizes';
  scenes: SceneSummary[];
  objects: ObjectSummary[];
  setOpen(open: boolean, tab?: 'scenes' | 'sizes'): void;
  refresh(): Promise<void>;
  /** Lifts a stored scene again (its edited objects kept) and selects an object in it. */
  openScene(id: string, objectId?: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export function createProjectStore(storage: LiftStorage, scene: SceneStore, objects: ObjectsStore) {
  return createStore<ProjectState>()((set, get) => ({
    open: false,
    tab: 'scenes',
    scenes: [],
    objects: [],

    setOpen(open, tab) {
      set({ open, ...(tab ? { tab } : {}) });
      if (open) void get().refresh();
    },

    async refresh() {
      const rows = await storage.listScenes();
      set({
        scenes: rows.map((r) => ({
          id: r.id,
          objects: r.objects?.length ?? 0,
          annotations: r.annotations?.length ?? 0,
          lifted: !!r.scene,
          hasDepth: !!r.depth,
          ...(r.depth ? { depthScale: r.lifting?.depthScale.unitsPerMetre ?? r.depthUnitsPerMetre } : {}),
          updatedAt: r.updatedAt,
        })),
        objects: rows.flatMap((r) =>
          (r.objects ?? []).filter((o) => o.box3d).map((o) => ({ scene: r.id, id: o.id, category: o.category, box: o.box3d!, plausible: (o.quality as { plausible?: boolean } | undefined)?.plausible !== false })),
        ),
      });
    },

    async openScene(id, objectId) {
      const r = await storage.loadScene(id);
      if (!r) return;
      set({ open: false });
      // imported annotations seed a scene once; after that its objects (deletions included) rule
      if (r.annotations?.length && !r.objects?.length) objects.getState().pendingByImage.set(id, r.annotations);
      else objects.getState().pendingByImage.delete(id);
      try {
        // the scene is lifted again with its own settings, exactly as it was last lifted
        await scene.getState().lift({
          image: new File([r.image], id, { type: r.image.type }),
          depth: r.depth ? new File([r.depth], r.depthName ?? `${id}.depth.png`, { type: 'image/png' }) : undefined,
          intrinsics: r.intrinsics ? new File([r.intrinsics.text], r.intrinsics.name, { type: 'application/json' }) : undefined,
          given: r.objects?.length && r.scene ? { objects: r.objects, worldFromCamera: r.scene.worldFromCamera } : undefined,
          ...(r.lifting ? { photo: r.lifting } : { legacyUnitsPerMetre: r.depthUnitsPerMetre ?? DEFAULT_UNITS_PER_METRE }),
        });
        if (objectId) {
          // the scene's objects arrive once its lift is shown
          const stop = objects.subscribe((s) => {
            if (s.objects.some((o) => o.id === objectId)) {
              stop();
              objects.getState().select(objectId);
            }
          });
          setTimeout(stop, 60_000);
          if (objects.getState().objects.some((o) => o.id === objectId)) objects.getState().select(objectId);
        }
      } catch (e) {
        scene.getState().say({ kind: 'error', text: isUserError(e) ? e.message : String(e) });
      }
    },

    async remove(id) {
      await storage.deleteScene(id);
      await get().refresh();
    },
  }));
}

export type ProjectStore = ReturnType<typeof createProjectStore>;
