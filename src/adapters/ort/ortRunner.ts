// A ModelRunner over onnxruntime: the same class serves onnxruntime-web (worker) and
// onnxruntime-node (CLI, benches), which share onnxruntime-common's API.
import { dict } from '../../domain/dict';
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import type { ModelRunner } from '../../domain/lifting/job';
import type { ManifestEntry } from '../../domain/models/manifest';
import type { ModelSignature, TensorData } from '../../domain/models/tensor';
import { UserError } from '../../domain/errors';

export interface OrtModule {
  InferenceSession: { create(bytes: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession> };
  Tensor: new (type: 'float32' | 'int64', data: Float32Array | BigInt64Array, dims: readonly number[]) => Tensor;
}

export interface OrtRunnerOptions {
  /** Bytes of a model's .onnx file. */
  load(entry: ManifestEntry): Promise<Uint8Array>;
  sessionOptions(entry: ManifestEntry): InferenceSession.SessionOptions;
  /** Backend name to report (resolved by the caller from the providers it asked for). */
  backend: string;
}

export class OrtRunner implements ModelRunner {
  private sessions = new Map<string, Promise<InferenceSession>>();

  constructor(
    private ort: OrtModule,
    private opts: OrtRunnerOptions,
  ) {}

  backend(): string {
    return this.opts.backend;
  }

  session(entry: ManifestEntry): Promise<InferenceSession> {
    let s = this.sessions.get(entry.id);
    if (!s) {
      s = this.opts.load(entry).then((bytes) => createSession(this.ort, bytes, this.opts.sessionOptions(entry), entry.name ?? entry.file));
      this.sessions.set(entry.id, s);
      s.catch(() => this.sessions.delete(entry.id));
    }
    return s;
  }

  async signature(entry: ManifestEntry): Promise<ModelSignature> {
    return signatureOf(await this.session(entry));
  }

  async run(entry: ManifestEntry, feeds: Record<string, TensorData>): Promise<Record<string, TensorData>> {
    const session = await this.session(entry);
    const ortFeeds = dict<Tensor>();
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new this.ort.Tensor(t.type, t.data, t.dims);
    const results = await session.run(ortFeeds);
    const out = dict<TensorData>();
    for (const [name, t] of Object.entries(results)) {
      if (t.type !== 'float32' && t.type !== 'int64') continue;
      // WebGPU outputs may live on the GPU: getData() downloads them
      const data = (t.location && t.location !== 'cpu' ? await t.getData(true) : t.data) as Float32Array | BigInt64Array;
      out[name] = { type: t.type, data, dims: [...t.dims] };
    }
    return out;
  }

  async release(): Promise<void> {
    for (const s of this.sessions.values()) await s.then((x) => x.release()).catch(() => {});
    this.sessions.clear();
  }
}

/** A session from bytes, with a message a person can act on when the bytes are no ONNX model. */
export async function createSession(ort: OrtModule, bytes: Uint8Array, options: InferenceSession.SessionOptions, name: string): Promise<InferenceSession> {
  if (bytes.length === 0) throw new UserError(`${name} is empty (0 bytes): an ONNX model file holds the model's graph and weights.`, 'model-not-onnx');
  if (bytes.length < 16) throw new UserError(`${name} is not an ONNX model (only ${bytes.length} bytes).`, 'model-not-onnx');
  try {
    return await ort.InferenceSession.create(bytes, options);
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/protobuf|parse|load model|invalid model|model_path/i.test(msg))
      throw new UserError(`${name} is not a valid ONNX model: the runtime could not parse it as one (the file is damaged, cut short, or of another kind).`, 'model-not-onnx');
    throw new UserError(`${name} could not be loaded: ${msg.slice(0, 200)}`, 'model-load');
  }
}

export function signatureOf(session: InferenceSession): ModelSignature {
  const conv = (m: InferenceSession.ValueMetadata) => ({ name: m.name, type: m.isTensor ? m.type : 'non-tensor', shape: m.isTensor ? [...m.shape] : undefined });
  return { inputs: session.inputMetadata.map(conv), outputs: session.outputMetadata.map(conv) };
}
