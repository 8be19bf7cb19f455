// The page's handle on the lifting worker: promise per request, progress callbacks, cancel.
import { UserError } from '../../domain/errors';
import type { SceneObject } from '../../domain/scene/scene';
import type { ManifestEntry } from '../../domain/models/manifest';
import type { Annotation2D } from '../../domain/objects/types';
import type { GenerateOptions, GenerateReport } from '../../domain/qa/generate/generate';
import type { QAItem } from '../../domain/qa/types';
import type { CocoImported, InspectedModel, LiftPayload, LiftRequest, ReliftRequest, WorkerRequest, WorkerResponse } from '../../workers/protocol';

type Progress = (stage: string, fraction: number) => void;
type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: unknown) => void; progress?: Progress };
type Omit2<T> = T extends unknown ? Omit<T, 'id'> : never;

export class LiftClient {
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

  async lift(req: Omit<LiftRequest, 'id' | 'type'>, progress?: Progress): Promise<LiftPayload> {
    const transfer = [req.image.bytes, ...(req.depth ? [req.depth.bytes] : [])];
    const r = await this.call({ type: 'lift', ...req }, transfer, progress);
    if (r.type !== 'lifted') throw new Error('unexpected reply');
    return r.payload;
  }

  async relift(req: Omit<ReliftRequest, 'id' | 'type'>, progress?: Progress): Promise<LiftPayload> {
    const r = await this.call({ type: 'relift', ...req }, [], progress);
    if (r.type !== 'lifted') throw new Error('unexpected reply');
    return r.payload;
  }

  async export(what: 'ply' | 'scene' | 'coco' | 'glb', objects?: SceneObject[]): Promise<{ bytes: ArrayBuffer; name: string; mime: string }> {
    const r = await this.call({ type: 'export', what, objects });
    if (r.type !== 'exported') throw new Error('unexpected reply');
    return r;
  }

  async inspectModel(name: string, bytes: ArrayBuffer, backend: 'auto' | 'webgpu' | 'wasm'): Promise<InspectedModel> {
    const r = await this.call({ type: 'inspect-model', name, bytes, backend }, [bytes]);
    if (r.type !== 'inspected') throw new Error('unexpected reply');
    return r.result;
  }

  async liftObjects(annotations: Annotation2D[], keep: SceneObject[]): Promise<{ objects: SceneObject[]; ms: number }> {
    const r = await this.call({ type: 'lift-objects', annotations, keep });
    if (r.type !== 'objects') throw new Error('unexpected reply');
    return r;
  }

  async detect(entry: ManifestEntry, threshold: number, backend: 'auto' | 'webgpu' | 'wasm'): Promise<{ annotations: Annotation2D[]; ms: number; backend: string }> {
    const r = await this.call({ type: 'detect', entry, threshold, backend });
    if (r.type !== 'detections') throw new Error('unexpected reply');
    return r;
  }

  async importCoco(name: string, bytes: ArrayBuffer, images: { name: string; width: number; height: number }[], progress?: Progress): Promise<CocoImported> {
    const r = await this.call({ type: 'import-coco', name, bytes, images }, [bytes], progress);
    if (r.type !== 'coco') throw new Error('unexpected reply');
    return r.result;
  }

  async generateQA(objects: SceneObject[], options: GenerateOptions): Promise<{ items: QAItem[]; report: GenerateReport }> {
    const r = await this.call({ type: 'generate-qa', objects, options });
    if (r.type !== 'qa') throw new Error('unexpected reply');
    return r;
  }

  async exportQA(items: QAItem[], photo: { name: string; bytes: ArrayBuffer }, progress?: Progress): Promise<{ bytes: ArrayBuffer; name: string; mime: string }> {
    const r = await this.call({ type: 'export-qa', items, photo }, [photo.bytes], progress);
    if (r.type !== 'exported') throw new Error('unexpected reply');
    return r;
  }

  /** Stops the running lift (inference included); the scene already shown stays usable. */
  cancel(): void {
    this.worker.postMessage({ type: 'cancel', id: 0 });
  }
}
