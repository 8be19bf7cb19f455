// The page's handle on the lifting worker, as the app's Compute port: a promise per request,
// progress callbacks, cancel. Each request sends the parts of the held lift its verb reads.
import { UserError } from '../../domain/errors';
import type { ManifestEntry } from '../../domain/models/manifest';
import type { Annotation2D } from '../../domain/objects/types';
import type { GenerateOptions } from '../../domain/qa/generate/generate';
import type { QAItem } from '../../domain/qa/types';
import type { LiftedView } from '../../domain/scene/liftedView';
import type { SceneFile, SceneObject } from '../../domain/scene/scene';
import type { SavedFile, SceneExport } from '../../app/lift/exportScene';
import { type HeldLift, type ReliftSettings, reliftSource } from '../../app/lift/liftPhoto';
import type { BackendPreference, Compute, Lifted, PageLiftRequest, Progress } from '../../app/ports';
import type { WorkerRequest, WorkerResponse } from '../../workers/protocol';

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: unknown) => void; progress?: Progress };
type Omit2<T> = T extends unknown ? Omit<T, 'id'> : never;

const sceneCloud = (held: HeldLift) => ({ scene: held.job.lift.scene, cloud: held.job.lift.cloud });
const file = (r: WorkerResponse): SavedFile => {
  if (r.type !== 'exported') throw new Error('unexpected reply');
  return { bytes: new Uint8Array(r.bytes), name: r.name, mime: r.mime };
};

export class LiftClient implements Compute {
  private worker: Worker;
  private pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('../../workers/lift.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<WorkerResponse>) => {
      const msg = ev.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') return p.progress?.(msg.stage, msg.fraction);
      this.pending.delete(msg.id);
      if (msg.type === 'error') p.reject(msg.user ? new UserError(msg.message, msg.code) : new Error(msg.message));
      else p.resolve(msg);
    };
    this.worker.onerror = (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(`the lifting worker crashed: ${ev.message}`));
      this.pending.clear();
    };
  }

  private call(req: Omit2<WorkerRequest>, transfer: Transferable[] = [], progress?: Progress): Promise<WorkerResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      this.worker.postMessage({ ...req, id }, transfer);
    });
  }

  private static lifted(r: WorkerResponse): Lifted {
    if (r.type !== 'lifted') throw new Error('unexpected reply');
    return { scene: r.scene, held: r.held };
  }

  async lift(req: PageLiftRequest, progress?: Progress): Promise<Lifted> {
    const transfer = [req.image.bytes.buffer, ...(req.depth ? [req.depth.bytes.buffer] : [])] as ArrayBuffer[];
    return LiftClient.lifted(await this.call({ type: 'lift', ...req }, transfer, progress));
  }

  // the held lift is copied, not transferred: the page keeps it for the next edit
  async relift(held: HeldLift, settings: ReliftSettings & { pointBudget: number }, progress?: Progress): Promise<Lifted> {
    return LiftClient.lifted(await this.call({ type: 'relift', held: reliftSource(held), ...settings }, [], progress));
  }

  async exportScene(held: HeldLift, what: SceneExport, objects: SceneObject[]): Promise<SavedFile> {
    return file(await this.call({ type: 'export', what, lift: sceneCloud(held), objects }));
  }

  async inspectModel(name: string, bytes: ArrayBuffer, backend: BackendPreference) {
    const r = await this.call({ type: 'inspect-model', name, bytes, backend }, [bytes]);
    if (r.type !== 'inspected') throw new Error('unexpected reply');
    return r.result;
  }

  async liftObjects(view: LiftedView, annotations: Annotation2D[], keep: SceneObject[]): Promise<{ objects: SceneObject[]; ms: number }> {
    const { depth, keep: kept, width, height, camera, R, T, stored, hasSupportPlane } = view;
    const r = await this.call({ type: 'lift-objects', view: { depth, keep: kept, width, height, camera, R, T, stored, hasSupportPlane }, annotations, keep });
    if (r.type !== 'objects') throw new Error('unexpected reply');
    return r;
  }

  async detect(held: HeldLift, entry: ManifestEntry, threshold: number, backend: BackendPreference) {
    const r = await this.call({ type: 'detect', image: held.input.image, stored: held.input.storedSize, entry, threshold, backend });
    if (r.type !== 'detections') throw new Error('unexpected reply');
    return r;
  }

  async importCoco(name: string, bytes: ArrayBuffer, images: { name: string; width: number; height: number }[], progress?: Progress) {
    const r = await this.call({ type: 'import-coco', name, bytes, images }, [bytes], progress);
    if (r.type !== 'coco') throw new Error('unexpected reply');
    return r.result;
  }

  async generateQA(held: HeldLift, objects: SceneObject[], options: GenerateOptions) {
    const r = await this.call({ type: 'generate-qa', lift: sceneCloud(held), objects, options });
    if (r.type !== 'qa') throw new Error('unexpected reply');
    return r;
  }

  async exportQA(scene: SceneFile, items: QAItem[], photo: { name: string; bytes: ArrayBuffer }, progress?: Progress): Promise<SavedFile> {
    return file(await this.call({ type: 'export-qa', scene, items, photo }, [photo.bytes], progress));
  }

  /** Stops the running lift (inference included); the scene already shown stays usable. */
  cancel(): void {
    this.worker.postMessage({ type: 'cancel', id: 0 });
  }
}
