// The current scene's objects: 2D annotations and their 3D boxes. Every edit is one undoable
// step (snapshots of the list); boxes given with the input or edited by hand are never replaced
// by a lift without being asked.
import { createStore } from 'zustand/vanilla';
import { UserError, isUserError } from '../../domain/errors';
import type { Box3D, SceneObject } from '../../domain/scene/scene';
import { annotationOf, isPinned } from '../../domain/objects/annotations';
import type { Annotation2D, BBox, ImportProblem } from '../../domain/objects/types';
import { UNNAMED, normaliseCategory, withCategory } from '../../domain/objects/categories';
import { AGNOSTIC_IOU, describeSuppressed, suppressOverlaps } from '../../domain/objects/suppress';
import type { LiftedView } from '../../domain/scene/liftedView';
import type { HeldLift } from '../lift/liftPhoto';
import type { ModelsStore } from '../models/modelsStore';
import type { Compute } from '../ports';

/** The lift on screen, as the objects read it: its view (depth, camera, pose) and what the detector reads. */
export type CurrentLift = () => { view: LiftedView; held: HeldLift } | null;

export type Tool = 'select' | 'box' | 'polygon';

export interface ObjectsState {
  objects: SceneObject[];
  selectedId: string | null;
  past: SceneObject[][];
  future: SceneObject[][];
  tool: Tool;
  drawCategory: string;
  detectThreshold: number;
  /** Detections overlapping a kept one by more than this IoU are dropped, whatever their class (1 = off). */
  overlapIou: number;
  /** 2D annotations imported for photos not lifted yet, by image file name. */
  pendingByImage: Map<string, Annotation2D[]>;
  problems: ImportProblem[];
  busy: string | null;
  message: { kind: 'error' | 'info'; text: string } | null;
  select(id: string | null): void;
  setTool(t: Tool): void;
  setDrawCategory(c: string): void;
  setDetectThreshold(t: number): void;
  setOverlapIou(t: number): void;
  /** Imports a COCO instances file for the given photos (name and stored size). */
  importCoco(file: File, images: { name: string; width: number; height: number }[]): Promise<Map<string, Annotation2D[]>>;
  /** New scene on screen: objects from pending annotations for it, or from the scene file. */
  startScene(imageName: string, given?: SceneObject[]): Promise<void>;
  /** The same scene was lifted again (camera, gravity, filters): boxes follow, pinned ones stay. */
  sceneMoved(): Promise<void>;
  liftAll(force?: boolean): Promise<void>;
  detect(): Promise<void>;
  addDrawn(bbox: BBox, polygon?: number[][]): Promise<void>;
  setBbox(id: string, bbox: BBox): Promise<void>;
  setBox3d(id: string, box: Box3D): void;
  setCategory(id: string, category: string): void;
  /** Marks the box's +length axis as the object's front (orientation questions need it), or unmarks it. */
  setFacing(id: string, known: boolean): void;
  accept(id: string): void;
  remove(id: string): void;
  relift(id: string): Promise<void>;
  undo(): void;
  redo(): void;
  dismiss(): void;
}

let drawn = 0;

export function createObjectsStore(compute: Compute, models: ModelsStore, current: CurrentLift) {
  return createStore<ObjectsState>()((set, get) => {
    /** One undoable step. */
    const commit = (objects: SceneObject[], extra: Partial<ObjectsState> = {}) =>
      set({ objects, past: [...get().past.slice(-199), get().objects], future: [], ...extra });
    const fail = (e: unknown) => set({ busy: null, message: { kind: 'error', text: isUserError(e) ? e.message : `Objects: ${(e as Error)?.message ?? e}` } });

    /** Lifts annotations; merges the result into the list in place of same-id objects. */
    const lift = async (annotations: Annotation2D[], pinned: SceneObject[], undoable = true) => {
      if (!annotations.length) return;
      set({ busy: `Lifting ${annotations.length} object${annotations.length > 1 ? 's' : ''}…` });
      try {
        const on = current();
        if (!on) throw new UserError('Lift a scene first: objects are lifted with its depth and camera.', 'no-scene');
        const { objects: lifted } = await compute.liftObjects(on.view, annotations, pinned);
        const byId = new Map(lifted.map((o) => [o.id, o]));
        const prior = new Map(get().objects.map((o) => [o.id, o]));
        const merged = [...get().objects.map((o) => (byId.has(o.id) ? { ...byId.get(o.id)!, ...keepFlags(o) } : o)), ...lifted.filter((o) => !prior.has(o.id))];
        if (undoable) commit(merged, { busy: null });
        else set({ objects: merged, busy: null });
      } catch (e) {
        fail(e);
      }
    };

    return {
      objects: [],
      selectedId: null,
      past: [],
      future: [],
      tool: 'select',
      drawCategory: '',
      detectThreshold: 0.3,
      overlapIou: AGNOSTIC_IOU,
      pendingByImage: new Map(),
      problems: [],
      busy: null,
      message: null,

      select: (selectedId) => set({ selectedId }),
      setTool: (tool) => set({ tool }),
      setDrawCategory: (c) => set({ drawCategory: normaliseCategory(c) ?? '' }),
      setDetectThreshold: (detectThreshold) => set({ detectThreshold }),
      setOverlapIou: (overlapIou) => set({ overlapIou }),

      async importCoco(file, images) {
        set({ busy: `Importing ${file.name}…` });
        try {
          const r = await compute.importCoco(file.name, await file.arrayBuffer(), images, (_s, f) => set({ busy: `Importing ${file.name}: ${Math.round(f * 100)} %` }));
          performance.mark('sl:annotations-imported');
          const byImage = new Map(r.byImage);
          const pending = new Map(get().pendingByImage);
          for (const [name, anns] of byImage) pending.set(name, anns);
          const errors = r.problems.filter((p) => p.severity === 'error').length;
          const imported = r.byImage.reduce((n, [, a]) => n + a.length, 0);
          const problems = r.problems.length
            ? `; ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} (${errors} skipped): ${r.problems
                .slice(0, 3)
                .map((p) => `${p.where}: ${p.message.replace(/\.$/, '')}`)
                .join('; ')}${r.problems.length > 3 ? '; …' : ''}`
            : '';
          set({
            pendingByImage: pending,
            problems: r.problems,
            busy: null,
            message: { kind: errors ? 'error' : 'info', text: `Imported ${imported} of ${r.total} annotations for ${byImage.size} photo${byImage.size === 1 ? '' : 's'}${problems}` },
          });
          return byImage;
        } catch (e) {
          fail(e);
          return new Map();
        }
      },

      async startScene(imageName, given) {
        const pending = get().pendingByImage.get(imageName) ?? [];
        const givenObjects = given ?? [];
        set({ objects: [...givenObjects], selectedId: null, past: [], future: [] });
        const ids = new Set(givenObjects.map((o) => o.id));
        const fresh = pending.filter((a) => !ids.has(a.id));
        const toLift = [...givenObjects.filter((o) => !isPinned(o)).map(annotationOf), ...fresh];
        if (toLift.length) await lift(toLift, givenObjects.filter(isPinned), false);
      },

      async sceneMoved() {
        const objects = get().objects;
        if (!objects.length) return;
        await lift(objects.filter((o) => !isPinned(o)).map(annotationOf), [], false);
      },

      async liftAll(force = false) {
        const objects = get().objects;
        await lift(objects.filter((o) => force || !isPinned(o)).map(annotationOf), force ? [] : objects.filter(isPinned));
      },

      async detect() {
        const entry = models.getState().models.find((m) => m.family === 'yolox');
        if (!entry) return fail(new UserError('No COCO detector is installed: models/manifest.json should list yolox-nano-coco.', 'no-detector'));
        set({ busy: 'Detecting objects…' });
        try {
          const { signature: _s, ...e } = entry;
          const on = current();
          if (!on) throw new UserError('Open a photo first.', 'no-scene');
          const r = await compute.detect(on.held, e, get().detectThreshold, models.getState().backend);
          // a new detection run replaces the unconfirmed detections of the last one
          const kept = get().objects.filter((o) => !(o.source === 'detected' && !o.accepted));
          const { kept: fresh, suppressed } = suppressOverlaps(r.annotations, get().overlapIou, kept.flatMap((o) => (o.bbox2d ? [{ id: o.id, category: o.category, bbox: o.bbox2d }] : [])));
          const dropped = suppressed.length ? `; ${suppressed.length} overlapping detection${suppressed.length === 1 ? '' : 's'} dropped: ${describeSuppressed(suppressed)}` : '';
          set({ objects: kept, busy: null, message: { kind: 'info', text: `${fresh.length} object${fresh.length === 1 ? '' : 's'} detected in ${r.ms.toFixed(0)} ms (${r.backend}); accept or delete each${dropped}` } });
          await lift(fresh, []);
        } catch (e) {
          fail(e);
        }
      },

      async addDrawn(bbox, polygon) {
        if (!(bbox[2] >= 1 && bbox[3] >= 1)) return;
        const id = `drawn-${Date.now().toString(36)}-${drawn++}`;
        // never a silent default: an unnamed box says so until it is named
        const category = normaliseCategory(get().drawCategory) ?? UNNAMED;
        const a: Annotation2D = { id, category, bbox, ...(polygon ? { segmentation: { polygons: polygon } } : {}), source: 'drawn' };
        await lift([a], []);
        // a box that could not be lifted is not there: the lift's message stays
        if (!get().objects.some((o) => o.id === id)) return;
        set({
          objects: get().objects.map((o) => (o.id === id ? { ...o, origin: 'drawn' } : o)),
          selectedId: id,
          ...(category === UNNAMED ? { message: { kind: 'info' as const, text: 'New box: type its category in the Objects panel (any name).' } } : {}),
        });
      },

      async setBbox(id, bbox) {
        const o = get().objects.find((x) => x.id === id);
        if (!o) return;
        const moved = { ...o, bbox2d: bbox, mask: undefined };
        commit(get().objects.map((x) => (x.id === id ? moved : x)));
        // a hand-edited 3D box stays; its 2D box changed, so offer to lift it again instead
        if (isPinned(o)) return set({ message: { kind: 'info', text: `${o.category}: the 3D box was edited by hand and is kept; use “Lift again from 2D” to replace it.` } });
        await lift([annotationOf(moved)], [], false);
      },

      setBox3d(id, box) {
        commit(get().objects.map((o) => (o.id === id ? { ...o, box3d: box, source: 'edited' } : o)));
      },

      setCategory(id, category) {
        const name = normaliseCategory(category);
        if (!name) return set({ message: { kind: 'error', text: 'A category needs a name (1–80 characters); the object keeps its old one.' } });
        commit(get().objects.map((o) => (o.id === id ? withCategory(o, name) : o)));
      },

      setFacing(id, known) {
        // a front given by hand pins the box: a re-lift could turn its yaw and the front with it
        commit(
          get().objects.map((o) => {
            if (o.id !== id) return o;
            const { orientation: _, ...rest } = o;
            return known ? { ...rest, orientation: { source: 'manual' }, source: 'edited' } : rest;
          }),
        );
      },

      accept(id) {
        commit(get().objects.map((o) => (o.id === id ? { ...o, accepted: true } : o)));
      },

      remove(id) {
        commit(
          get().objects.filter((o) => o.id !== id),
          { selectedId: get().selectedId === id ? null : get().selectedId },
        );
      },

      async relift(id) {
        const o = get().objects.find((x) => x.id === id);
        if (!o) return;
        await lift([annotationOf(o)], []);
      },

      undo() {
        const past = get().past;
        if (!past.length) return;
        set({ objects: past[past.length - 1], past: past.slice(0, -1), future: [get().objects, ...get().future] });
      },

      redo() {
        const [next, ...rest] = get().future;
        if (!next) return;
        set({ objects: next, future: rest, past: [...get().past, get().objects] });
      },

      dismiss: () => set({ message: null }),
    };
  });
}

/** Review flags a lift must not reset. */
const keepFlags = (o: SceneObject) => ({
  ...(o.accepted ? { accepted: true } : {}),
  ...(o.origin ? { origin: o.origin } : {}),
});

export type ObjectsStore = ReturnType<typeof createObjectsStore>;
