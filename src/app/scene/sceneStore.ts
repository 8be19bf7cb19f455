// The scene being looked at: opening files (photo, depth map, intrinsics, models), lifting in the
// worker, re-lifting after camera/gravity/filter edits, cancelling, exporting. A failure leaves
// the current scene in place and says why.
import { createStore } from 'zustand/vanilla';
import { UserError, isUserError } from '../../domain/errors';
import { type DroppedRole, classifyDropped, groupDropped } from '../../domain/formats/dropFiles';
import { depthScaleFromJson } from '../../domain/formats/intrinsicsJson';
import type { Intrinsics } from '../../domain/geometry/camera';
import { DEFAULT_UNITS_PER_METRE, isValidScale } from '../../domain/lifting/depthScale';
import { type CarryOver, NO_CARRY, type PhotoSettings, settingsForLegacyScene, settingsForNewPhoto } from '../../domain/lifting/photoSettings';
import type { CalibrationChoice, GravityOverride, LiftOptions } from '../../domain/lifting/pipeline';
import { precheckInputs } from '../../domain/lifting/precheck';
import { adapterFor } from '../../domain/models/families';
import type { LiftedScene } from '../../domain/scene/liftedView';
import type { HeldLift } from '../lift/liftPhoto';
import type { Ports } from '../ports';
import { type SceneFile, type SceneObject, parseScene } from '../../domain/scene/scene';
import { attitudeFromRotation } from '../../domain/geometry/gravity';
import { type Mat4, mat4ToRigid } from '../../domain/geometry/linalg';
import { reframeObjects } from '../../domain/objects/reframe';
import type { ObjectsStore } from '../objects/objectsStore';
import type { ModelsStore } from '../models/modelsStore';
import type { ViewStore } from '../view/viewStore';
import type { Media } from '../review/ports';

export interface SceneFiles {
  image: File;
  depth?: File;
  intrinsics?: File;
  /** A scene file dropped with the photo: its camera, gravity and objects are used. */
  sceneFile?: SceneFile;
  /** Objects kept from an earlier lift of this photo, in that lift's world frame. */
  given?: { objects: SceneObject[]; worldFromCamera: Mat4 };
  /** The photo's own settings when they are known (a scene reopened, a setting changed); else they are worked out from its files. */
  photo?: PhotoSettings;
  /** The depth scale a scene stored before photos kept their own settings was saved with. */
  legacyUnitsPerMetre?: number;
}

export interface Message {
  kind: 'error' | 'info';
  text: string;
}

/** How every photo is processed (the photo's own settings are in PhotoSettings). */
export interface LiftSettings {
  calibration: CalibrationChoice;
  edgeRtol: number;
  outlierK: number;
  assumedCameraHeight: number;
}

/** The settings one edit may change: processing, or the photo's own camera, gravity and scene kind. */
export type SettingsPatch = Partial<LiftSettings> & Partial<Pick<PhotoSettings, 'manualCamera' | 'gravity' | 'sceneKind'>>;

export interface SceneState {
  phase: 'idle' | 'working' | 'ready' | 'needs-model';
  progress: { stage: string; fraction: number; startedAt: number } | null;
  scene: LiftedScene | null;
  /** The lift behind the scene on screen (its working image, depth estimate and full cloud): every edit, export and question starts from it. */
  held: HeldLift | null;
  /** Object URL of the photo on screen. */
  imageUrl: string | null;
  files: SceneFiles | null;
  /** Files waiting for a depth model to be added. */
  pending: SceneFiles | null;
  message: Message | null;
  settings: LiftSettings;
  /** The settings of the photo on screen, as its scene was lifted with them. */
  photo: PhotoSettings;
  /** What the user asked to use for the next photos too. */
  carry: CarryOver;
  openFiles(files: File[]): Promise<void>;
  openSample(): Promise<void>;
  lift(files: SceneFiles): Promise<void>;
  liftPending(): Promise<void>;
  /** Changes settings and lifts the current scene again without running models. */
  update(patch: SettingsPatch): Promise<void>;
  /** The user's depth scale for the photo on screen: its depth map is read again at that scale. */
  setDepthScale(unitsPerMetre: number): Promise<void>;
  /** Use the photo's depth scale, or its intrinsics, for the next photos too (or stop). */
  setCarry(what: 'depthScale' | 'camera', on: boolean): void;
  cancel(): void;
  exportFile(what: 'ply' | 'scene' | 'coco' | 'glb'): Promise<void>;
  dismiss(): void;
  say(m: Message): void;
}

export const DEFAULT_SETTINGS: LiftSettings = {
  calibration: 'auto',
  edgeRtol: 0.04,
  outlierK: 3,
  assumedCameraHeight: 1.5,
};

const options = (s: LiftSettings, photo: PhotoSettings): LiftOptions => ({
  calibration: s.calibration,
  edgeRtol: s.edgeRtol,
  outlierK: s.outlierK,
  gravity: photo.gravity,
  assumedCameraHeight: s.assumedCameraHeight,
});

const PHOTO_KEYS = ['manualCamera', 'gravity', 'sceneKind'] as const;

async function roleOf(f: File): Promise<DroppedRole> {
  const head = new Uint8Array(await f.slice(0, 64).arrayBuffer());
  const json = /\.(json|txt)$/i.test(f.name) ? await f.slice(0, 65536).text() : undefined;
  return classifyDropped({ name: f.name, size: f.size, head }, json);
}

/** A scene file's camera and gravity as the photo's settings (its boxes live in that frame). */
function settingsFromScene(scene: SceneFile): { camera: Intrinsics; gravity: GravityOverride } {
  const { R, T } = mat4ToRigid(scene.worldFromCamera);
  const att = attitudeFromRotation(R);
  return { camera: { fx: scene.camera.fx, fy: scene.camera.fy, cx: scene.camera.cx, cy: scene.camera.cy }, gravity: { roll: att.roll, pitch: att.pitch, cameraHeight: T[2] } };
}

async function readSceneFile(f: File): Promise<SceneFile> {
  return parseScene(await f.text(), f.name);
}

const errorText = (e: unknown) => (isUserError(e) ? e.message : `Something went wrong: ${(e as Error)?.message ?? e}. The current scene is kept.`);

export function createSceneStore(ports: Pick<Ports, 'compute' | 'storage' | 'files'> & { media: Media }, models: ModelsStore, view: ViewStore, objects: ObjectsStore) {
  const { compute, storage, files: out, media } = ports;
  let generation = 0; // a newer request makes older replies stale
  return createStore<SceneState>()((set, get) => {
    const show = (payload: LiftedScene, held: HeldLift, files: SceneFiles) => {
      const old = get().imageUrl;
      const same = get().files?.image === files.image;
      const imageUrl = same && old ? old : media.url(files.image);
      if (old && !same) media.revoke(old);
      set({ scene: payload, held, files, imageUrl, phase: 'ready', progress: null, pending: null });
      view.getState().clearMeasure();
      view.getState().setHover(null);
      if (payload.notes.length) set({ message: { kind: 'info', text: payload.notes.join('; ') } });
      // objects follow the scene: a new photo starts its own, the same photo lifted again moves them
      const o = objects.getState();
      if (same) void o.sceneMoved();
      else {
        const from = files.sceneFile ?? files.given;
        const given = from ? reframeObjects(from.objects, from.worldFromCamera, payload) : undefined;
        void o.startScene(files.image.name, given);
      }
      void persist(files, payload).catch((e) => set({ message: { kind: 'error', text: errorText(e) } }));
    };

    /** The photo, its files, its settings and its scene record become (or update) a scene of the project. */
    const persist = async (files: SceneFiles, payload: LiftedScene) =>
      storage.saveScene(files.image.name, {
        image: files.image,
        ...(files.depth ? { depth: files.depth, depthName: files.depth.name } : {}),
        ...(files.intrinsics ? { intrinsics: { name: files.intrinsics.name, text: await files.intrinsics.text() } } : {}),
        lifting: get().photo,
        scene: payload.scene,
      });

    /** The settings a photo is lifted with: its own when known, else from its files and what is carried over. */
    const photoFor = (files: SceneFiles, intrinsicsText: string | undefined): PhotoSettings => {
      if (files.photo) return files.photo;
      const name = files.intrinsics?.name ?? 'the intrinsics file';
      const fromFile = intrinsicsText !== undefined ? depthScaleFromJson(intrinsicsText, files.image.name, name) : undefined;
      const scaleFromFile = fromFile !== undefined ? { unitsPerMetre: fromFile, file: name } : undefined;
      if (files.legacyUnitsPerMetre !== undefined) return settingsForLegacyScene(scaleFromFile, files.legacyUnitsPerMetre);
      return settingsForNewPhoto({ scaleFromFile, carry: get().carry, fromSceneFile: files.sceneFile ? settingsFromScene(files.sceneFile) : undefined });
    };

    /** The photo on screen's settings changed: what is carried over follows the user's latest choice. */
    const carryFollows = (photo: PhotoSettings) => {
      const { carry, scene } = get();
      if (carry.depthScale !== null && carry.depthScale !== photo.depthScale.unitsPerMetre) set({ carry: { ...carry, depthScale: photo.depthScale.unitsPerMetre } });
      if (get().carry.camera && photo.manualCamera && scene) set({ carry: { ...get().carry, camera: { K: photo.manualCamera, width: scene.scene.image.width, height: scene.scene.image.height } } });
    };

    return {
      phase: 'idle',
      progress: null,
      scene: null,
      held: null,
      imageUrl: null,
      files: null,
      pending: null,
      message: null,
      settings: { ...DEFAULT_SETTINGS },
      photo: settingsForNewPhoto({ carry: NO_CARRY }),
      carry: NO_CARRY,

      async openFiles(list) {
        performance.mark('sl:drop');
        const roles = await Promise.all(list.map(async (file) => ({ file, role: await roleOf(file) })));
        const g = groupDropped(roles);
        const notes = g.ignored.map((i) => `${i.file.name} ignored: ${i.why}`);
        for (const m of g.models) {
          try {
            const added = await models.getState().addModelFile(m);
            notes.push(`Model ${added.name} added as ${adapterFor(added.family).label}`);
          } catch (e) {
            set({ message: { kind: 'error', text: errorText(e) } });
            return;
          }
        }
        let sceneFile: SceneFile | undefined;
        try {
          sceneFile = g.scene ? await readSceneFile(g.scene) : undefined;
        } catch (e) {
          return set({ message: { kind: 'error', text: errorText(e) } });
        }
        if (g.annotations) {
          const sizes: { name: string; width: number; height: number }[] = [];
          for (const img of g.images) {
            try {
              sizes.push({ name: img.name, ...(await precheckInputs(new Uint8Array(await img.arrayBuffer()), img.name)) });
            } catch (e) {
              notes.push(errorText(e));
            }
          }
          if (!sizes.length && get().scene) sizes.push({ name: get().scene!.scene.image.file, width: get().scene!.scene.image.width, height: get().scene!.scene.image.height });
          const byImage = await objects.getState().importCoco(g.annotations, sizes);
          // every annotated photo joins the project, to be opened and lifted later
          for (const img of g.images) if (img !== g.image) await storage.saveScene(img.name, { image: img, annotations: byImage.get(img.name) ?? [] });
          if (!g.image && get().scene) {
            void objects.getState().startScene(get().scene!.scene.image.file, objects.getState().objects.filter((x) => x.box3d && (x.source === 'edited' || x.source === 'annotated')));
            return;
          }
        }
        if (sceneFile && !g.image && get().files) {
          const s = settingsFromScene(sceneFile);
          return get().lift({ ...get().files!, sceneFile, photo: { ...get().photo, manualCamera: s.camera, gravity: s.gravity } });
        }
        if (g.intrinsics && !g.image && !g.depth && get().files) {
          // intrinsics alone: apply them to the scene on screen (over intrinsics set by hand: they are the newer word),
          // with the depth scale they name, if any
          const text = await g.intrinsics.text();
          let photo: PhotoSettings;
          try {
            const fromFile = depthScaleFromJson(text, get().files!.image.name, g.intrinsics.name);
            photo = { ...get().photo, manualCamera: null, ...(fromFile !== undefined ? { depthScale: { unitsPerMetre: fromFile, source: 'file' as const, detail: g.intrinsics.name } } : {}) };
          } catch (e) {
            set({ message: { kind: 'error', text: errorText(e) } });
            return;
          }
          return get().lift({ ...get().files!, intrinsics: g.intrinsics, photo });
        }
        if (!g.image) {
          if (g.depth) notes.push(`${g.depth.name} is a depth map: drop it together with its photo`);
          if (notes.length) set({ message: { kind: notes.some((n) => /ignored|depth map/.test(n)) ? 'error' : 'info', text: notes.join('; ') } });
          if (g.models.length && get().pending) return get().liftPending();
          return;
        }
        if (notes.length) set({ message: { kind: 'info', text: notes.join('; ') } });
        await get().lift({ image: g.image, depth: g.depth, intrinsics: g.intrinsics, sceneFile });
      },

      async openSample() {
        performance.mark('sl:drop');
        const index = JSON.parse(await (await out.asset('samples/samples.json')).text());
        const s = index.samples[0];
        const file = async (path: string, type: string) => new File([await (await out.asset(`samples/${path}`)).blob()], path.split('/').pop()!, { type });
        const unitsPerMetre = isValidScale(s.depthUnitsPerMetre) ? s.depthUnitsPerMetre : DEFAULT_UNITS_PER_METRE;
        await get().lift({
          image: await file(s.image, 'image/jpeg'),
          depth: await file(s.depth, 'image/png'),
          intrinsics: await file(s.intrinsics, 'application/json'),
          photo: { ...settingsForNewPhoto({ carry: NO_CARRY }), depthScale: { unitsPerMetre, source: 'file', detail: 'samples.json' } },
        });
      },

      async lift(files) {
        const choice = models.getState().choice();
        let intrinsicsText: string | undefined;
        try {
          intrinsicsText = files.intrinsics ? await files.intrinsics.text() : undefined;
          // the photo's settings travel with it: while it waits for a model, and into the lift
          files = { ...files, photo: photoFor(files, intrinsicsText) };
        } catch (e) {
          set({ message: { kind: 'error', text: errorText(e) } });
          return;
        }
        const photo = files.photo!;
        if (!files.depth && !choice.relative && !choice.metric) {
          // Say what is wrong with the photo itself before asking for a model to lift it.
          try {
            const intrinsics = files.intrinsics && intrinsicsText !== undefined ? { text: intrinsicsText, name: files.intrinsics.name } : undefined;
            await precheckInputs(new Uint8Array(await files.image.arrayBuffer()), files.image.name, intrinsics);
          } catch (e) {
            set({ message: { kind: 'error', text: errorText(e) } });
            return;
          }
          set({ phase: 'needs-model', pending: files });
          return;
        }
        const my = ++generation;
        set({ phase: 'working', progress: { stage: 'read', fraction: 0, startedAt: performance.now() }, message: get().message?.kind === 'info' ? get().message : null });
        try {
          const settings = get().settings;
          const { scene: payload, held } = await compute.lift(
            {
              image: { name: files.image.name, bytes: new Uint8Array(await files.image.arrayBuffer()) },
              depth: files.depth ? { name: files.depth.name, bytes: new Uint8Array(await files.depth.arrayBuffer()), scale: photo.depthScale } : undefined,
              intrinsics: files.intrinsics && intrinsicsText !== undefined ? { name: files.intrinsics.name, text: intrinsicsText } : undefined,
              models: files.depth ? {} : choice,
              backend: models.getState().backend,
              options: options(settings, photo),
              manualCamera: photo.manualCamera ?? undefined,
              carriedCamera: photo.carriedCamera ?? undefined,
              sceneKind: photo.sceneKind,
              pointBudget: view.getState().pointBudget,
            },
            (stage, fraction) => {
              if (my !== generation) return;
              // the inference window, for the long-task check and the benchmark
              const was = get().progress?.stage ?? '';
              if (stage.startsWith('model:') && !was.startsWith('model:')) performance.mark('sl:model-start');
              if (!stage.startsWith('model:') && was.startsWith('model:')) performance.mark('sl:model-end');
              set({ progress: { ...get().progress!, stage, fraction } });
            },
          );
          if (my !== generation) return;
          // the settings now on screen are this photo's (a failed lift leaves the previous photo's in place)
          set({ photo });
          show(payload, held, files);
        } catch (e) {
          if (my !== generation) return;
          const code = isUserError(e) ? e.code : '';
          if (code === 'no-depth-model') set({ phase: 'needs-model', pending: files, progress: null });
          else if (code === 'cancelled') set({ phase: get().scene ? 'ready' : 'idle', progress: null, message: { kind: 'info', text: `Lift of ${files.image.name} cancelled.${get().scene ? ' The previous scene is kept.' : ''}` } });
          else set({ phase: get().scene ? 'ready' : 'idle', progress: null, message: { kind: 'error', text: errorText(e) } });
        }
      },

      async liftPending() {
        const p = get().pending;
        if (p) await get().lift(p);
      },

      async update(patch) {
        const own: Partial<PhotoSettings> = {};
        const common: Partial<LiftSettings> = {};
        for (const [k, v] of Object.entries(patch)) {
          if ((PHOTO_KEYS as readonly string[]).includes(k)) (own as Record<string, unknown>)[k] = v;
          else (common as Record<string, unknown>)[k] = v;
        }
        const settings = { ...get().settings, ...common };
        const photo = { ...get().photo, ...own };
        set({ settings, photo });
        carryFollows(photo);
        const held = get().held;
        if (!get().scene || !held || get().phase === 'working') return;
        const my = ++generation;
        try {
          const r = await compute.relift(held, { options: options(settings, photo), manualCamera: photo.manualCamera, sceneKind: photo.sceneKind, pointBudget: view.getState().pointBudget });
          if (my === generation) show(r.scene, r.held, { ...get().files!, photo });
        } catch (e) {
          if (my === generation) set({ message: { kind: 'error', text: errorText(e) } });
        }
      },

      async setDepthScale(unitsPerMetre) {
        const files = get().files;
        if (!files?.depth) return;
        if (!isValidScale(unitsPerMetre)) {
          set({ message: { kind: 'error', text: `A depth scale must be a positive number of units per metre (found ${unitsPerMetre}); the scene is kept.` } });
          return;
        }
        const photo: PhotoSettings = { ...get().photo, depthScale: { unitsPerMetre, source: 'user' } };
        carryFollows(photo);
        await get().lift({ ...files, photo });
      },

      setCarry(what, on) {
        const { carry, photo, scene } = get();
        if (what === 'depthScale') set({ carry: { ...carry, depthScale: on ? photo.depthScale.unitsPerMetre : null } });
        else if (!on || !scene) set({ carry: { ...carry, camera: null } });
        else {
          const c = scene.scene.camera;
          set({ carry: { ...carry, camera: { K: { fx: c.fx, fy: c.fy, cx: c.cx, cy: c.cy }, width: scene.scene.image.width, height: scene.scene.image.height } } });
        }
      },

      cancel() {
        compute.cancel();
      },

      async exportFile(what) {
        try {
          const held = get().held;
          if (!held) throw new UserError('There is no lifted scene to export.', 'no-scene');
          const f = await compute.exportScene(held, what, objects.getState().objects);
          out.save(new Blob([f.bytes as BlobPart], { type: f.mime }), f.name);
        } catch (e) {
          set({ message: { kind: 'error', text: errorText(e) } });
        }
      },

      dismiss: () => set({ message: null }),
      say: (message) => set({ message }),
    };
  });
}

export type SceneStore = ReturnType<typeof createSceneStore>;
