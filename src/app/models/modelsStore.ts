// Installed models (from models/manifest.json and those the user dropped), which one plays each
// role in a lift, and the backend preference.
import { createStore } from 'zustand/vanilla';
import { UserError, isUserError } from '../../domain/errors';
import type { ModelChoice } from '../../domain/lifting/job';
import { adapterFor } from '../../domain/models/families';
import { FAMILY_TASK, type ManifestEntry, type ModelFamily, type ModelTask, parseManifest } from '../../domain/models/manifest';
import { type ModelSignature, formatShape } from '../../domain/models/tensor';
import type { BackendPreference, Ports } from '../ports';

export type ModelRole = keyof ModelChoice;

export const ROLE_OF_TASK: Partial<Record<ModelTask, ModelRole>> = {
  'disparity-relative': 'relative',
  'depth-relative': 'relative',
  pointmap: 'relative',
  'depth-metric': 'metric',
  intrinsics: 'camera',
};

export interface InstalledModel extends ManifestEntry {
  origin: 'manifest' | 'added';
  signature?: ModelSignature;
}

export interface ModelsState {
  models: InstalledModel[];
  /** Why models/manifest.json could not be read, if it could not. */
  manifestProblem: string | null;
  selected: Partial<Record<ModelRole, string>>;
  backend: BackendPreference;
  busy: string | null;
  load(): Promise<void>;
  /** Checks a dropped .onnx file against its (guessed or given) family, then keeps it. */
  addModelFile(file: File, family?: ModelFamily): Promise<InstalledModel>;
  setFamily(id: string, family: ModelFamily): Promise<void>;
  remove(id: string): Promise<void>;
  select(role: ModelRole, id: string | null): void;
  setBackend(b: BackendPreference): void;
  choice(): ModelChoice;
}

const PREFS = 'spatial-lens:model-prefs';
const readPrefs = (settings: Ports['settings']): { selected?: Partial<Record<ModelRole, string>>; backend?: BackendPreference } => {
  try {
    return JSON.parse(settings.get(PREFS) ?? '{}');
  } catch {
    return {};
  }
};

const slug = (name: string) => name.replace(/\.onnx$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'model';

export function createModelsStore(ports: Pick<Ports, 'compute' | 'storage' | 'settings' | 'files'>, manifestUrl = 'models/manifest.json') {
  const { compute, storage, settings } = ports;
  const prefs = readPrefs(settings);
  const store = createStore<ModelsState>()((set, get) => {
    const persist = () => settings.set(PREFS, JSON.stringify({ selected: get().selected, backend: get().backend }));
    /** Fill empty roles with the first model that can play them; drop selections of vanished models. */
    const settleSelection = () => {
      const selected = { ...get().selected };
      for (const role of ['relative', 'metric', 'camera'] as ModelRole[]) {
        if (selected[role] && !get().models.some((m) => m.id === selected[role])) delete selected[role];
        if (!selected[role]) {
          const m = get().models.find((x) => ROLE_OF_TASK[x.task] === role);
          if (m) selected[role] = m.id;
        }
      }
      set({ selected });
      persist();
    };
    return {
      models: [],
      manifestProblem: null,
      selected: prefs.selected ?? {},
      backend: prefs.backend ?? 'auto',
      busy: null,

      async load() {
        let fromManifest: InstalledModel[] = [];
        let manifestProblem: string | null = null;
        try {
          const res = await ports.files.asset(manifestUrl);
          if (res.ok) fromManifest = parseManifest(await res.text()).models.map((m) => ({ ...m, origin: 'manifest' as const }));
          else manifestProblem = `models/manifest.json could not be loaded (HTTP ${res.status}).`;
        } catch (e) {
          manifestProblem = isUserError(e) ? e.message : `models/manifest.json could not be loaded (${(e as Error).message}).`;
        }
        const added = (await storage.listStoredModels()) as InstalledModel[];
        set({ models: [...fromManifest, ...added.map((m) => ({ ...m, origin: 'added' as const }))], manifestProblem });
        settleSelection();
      },

      async addModelFile(file, family) {
        set({ busy: `Checking ${file.name}…` });
        try {
          const bytes = new Uint8Array(await file.arrayBuffer());
          const inspected = await compute.inspectModel(file.name, bytes.slice().buffer, get().backend);
          const fam = family ?? inspected.guess;
          if (!fam || fam === 'yolox')
            throw new UserError(
              `${file.name} is an ONNX model, but not a depth, point-map or camera model: expected an image input [1, 3, H, W] and a depth ` +
                `or disparity output [1, H, W] (Depth Anything V2, MiDaS, Metric3D), points [1, H, W, 3] (MoGe), or a field of view (camera model); ` +
                `found inputs ${inspected.signature.inputs.map((i) => `${i.name} ${formatShape(i.shape)}`).join(', ')} and outputs ${inspected.signature.outputs.map((o) => `${o.name} ${formatShape(o.shape)}`).join(', ')}.`,
              'model-mismatch',
            );
          const problem = adapterFor(fam).check(inspected.signature);
          if (problem) throw new UserError(`${file.name}: ${problem}`, 'model-mismatch');
          let id = slug(file.name);
          while (get().models.some((m) => m.id === id && m.sha256 !== inspected.sha256)) id += '-2';
          const entry: InstalledModel = {
            id,
            name: file.name,
            family: fam,
            task: FAMILY_TASK[fam],
            file: file.name,
            sha256: inspected.sha256,
            bytes: inspected.bytes,
            origin: 'added',
            signature: inspected.signature,
            addedAt: new Date().toISOString(),
          };
          await storage.saveModel(entry, bytes);
          set({ models: [...get().models.filter((m) => m.id !== id), entry] });
          const role = ROLE_OF_TASK[entry.task];
          if (role && !get().selected[role]) set({ selected: { ...get().selected, [role]: id } });
          settleSelection();
          return entry;
        } finally {
          set({ busy: null });
        }
      },

      async setFamily(id, family) {
        const m = get().models.find((x) => x.id === id);
        if (!m) return;
        if (m.signature) {
          const problem = adapterFor(family).check(m.signature);
          if (problem) throw new UserError(`${m.name ?? m.id} cannot be a ${adapterFor(family).label} model: ${problem}`, 'model-mismatch');
        }
        const patch = { family, task: FAMILY_TASK[family] };
        if (m.origin === 'added') await storage.updateStoredEntry(id, patch);
        set({ models: get().models.map((x) => (x.id === id ? { ...x, ...patch } : x)) });
        settleSelection();
      },

      async remove(id) {
        const m = get().models.find((x) => x.id === id);
        if (!m || m.origin !== 'added') return;
        await storage.deleteModel(id);
        set({ models: get().models.filter((x) => x.id !== id) });
        settleSelection();
      },

      select(role, id) {
        const selected = { ...get().selected };
        if (id) selected[role] = id;
        else delete selected[role];
        set({ selected });
        persist();
      },

      setBackend(backend) {
        set({ backend });
        persist();
      },

      choice() {
        const pick = (role: ModelRole) => {
          const id = get().selected[role];
          const m = id ? get().models.find((x) => x.id === id) : undefined;
          if (!m) return undefined;
          const { signature: _sig, ...entry } = m;
          return entry as ManifestEntry;
        };
        return { relative: pick('relative'), metric: pick('metric'), camera: pick('camera') };
      },
    };
  });
  return store;
}

export type ModelsStore = ReturnType<typeof createModelsStore>;
