// The lifting worker's view of the inference worker: a ModelRunner whose calls are messages.
import { UserError } from '../domain/errors';
import type { ModelRunner } from '../domain/lifting/job';
import type { ManifestEntry } from '../domain/models/manifest';
import type { ModelSignature, TensorData } from '../domain/models/tensor';
import type { InferenceRequest, InferenceResponse } from './inferenceProtocol';
import type { BackendPreference } from './protocol';

type Pending = { resolve: (r: InferenceResponse) => void; reject: (e: unknown) => void };

type Req = InferenceRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class InferenceClient implements ModelRunner {
  private worker: Worker | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private lastBackend = '';
  private signatures = new Map<string, ModelSignature>();

  constructor(public preference: BackendPreference = 'auto') {}

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./inference.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<InferenceResponse>) => {
      const p = this.pending.get(ev.data.id);
      if (!p) return;
      this.pending.delete(ev.data.id);
      if (ev.data.type === 'error') p.reject(ev.data.user ? new UserError(ev.data.message, ev.data.code) : new Error(ev.data.message));
      else p.resolve(ev.data);
    };
    w.onerror = (ev) => this.failAll(new Error(`the inference worker crashed: ${ev.message}`));
    this.worker = w;
    return w;
  }

  private call(req: Req, transfer: Transferable[] = []): Promise<InferenceResponse> {
    const id = this.nextId++;
    const worker = this.spawn();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id }, transfer);
    });
  }

  private failAll(e: unknown) {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Stops whatever runs now: the worker is terminated and a fresh one starts on the next call. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.signatures.clear();
    this.failAll(new UserError('Cancelled.', 'cancelled'));
  }

  backend(): string {
    return this.lastBackend;
  }

  async signature(entry: ManifestEntry): Promise<ModelSignature> {
    const key = `${this.preference}:${entry.id}`;
    const known = this.signatures.get(key);
    if (known) return known;
    const r = await this.call({ type: 'signature', entry, backend: this.preference });
    if (r.type !== 'signature') throw new Error('unexpected reply');
    this.lastBackend = r.backend;
    this.signatures.set(key, r.signature);
    return r.signature;
  }

  async run(entry: ManifestEntry, feeds: Record<string, TensorData>): Promise<Record<string, TensorData>> {
    const transfer = Object.values(feeds).map((t) => t.data.buffer as ArrayBuffer);
    const r = await this.call({ type: 'run', entry, backend: this.preference, feeds }, transfer);
    if (r.type !== 'run') throw new Error('unexpected reply');
    this.lastBackend = r.backend;
    return r.outputs;
  }

  async inspect(name: string, bytes: ArrayBuffer): Promise<ModelSignature> {
    const r = await this.call({ type: 'inspect', name, bytes }, [bytes]);
    if (r.type !== 'inspect') throw new Error('unexpected reply');
    return r.signature;
  }

  /** Forget cached signatures (a model was replaced or removed). */
  forget(): void {
    this.signatures.clear();
  }
}
