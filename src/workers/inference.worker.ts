/// <reference lib="webworker" />
// Runs ONNX models with onnxruntime-web: WebGPU on a real GPU adapter, else multi-threaded WASM.
// It lives in its own worker so that cancelling a lift can terminate it mid-inference without
// losing the scene state held by the lifting worker.
import type { InferenceSession } from 'onnxruntime-common';
import { isUserError } from '../domain/errors';
import type { ManifestEntry } from '../domain/models/manifest';
import type { TensorData } from '../domain/models/tensor';
import { storedModelBytes } from '../adapters/browser/storage/models';
import { type BackendChoice, chooseBackend } from '../adapters/browser/backend';
import { type OrtModule, OrtRunner, createSession, signatureOf } from '../adapters/ort/ortRunner';
import { wasmSessionOptions, wasmThreads } from '../adapters/ort/wasmSettings';
import { sha256Hex } from '../domain/formats/hash';
import { UserError } from '../domain/errors';
import type { InferenceRequest, InferenceResponse } from './inferenceProtocol';
import type { BackendPreference } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let current: { pref: BackendPreference; choice: BackendChoice; runner: OrtRunner } | null = null;

async function loadOrt(backend: 'webgpu' | 'wasm'): Promise<OrtModule & { env: { wasm: { numThreads?: number; proxy?: boolean } } }> {
  const ort = backend === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm');
  // Threads need cross-origin isolation (vite.config.ts serves COOP/COEP; the service worker adds them when deployed).
  ort.env.wasm.numThreads = wasmThreads(self.crossOriginIsolated, navigator.hardwareConcurrency).threads;
  // This worker is already off the page's thread: a proxy worker would only add a copy of every tensor.
  ort.env.wasm.proxy = false;
  return ort as unknown as OrtModule & { env: { wasm: { numThreads?: number; proxy?: boolean } } };
}

async function modelBytes(entry: ManifestEntry): Promise<Uint8Array> {
  if (entry.origin === 'added') {
    const bytes = await storedModelBytes(entry.id);
    if (!bytes) throw new UserError(`Model "${entry.name ?? entry.id}" is no longer in the browser's storage; add it again.`, 'model-missing');
    return bytes;
  }
  // A relative build base ('./', any static host and subpath): the worker lives in assets/, the app one level up.
  const root = import.meta.env.BASE_URL.startsWith('/') ? self.location.origin + import.meta.env.BASE_URL : new URL('../', self.location.href).href;
  const res = await fetch(new URL(`models/${entry.file}`, root));
  if (!res.ok) throw new UserError(`models/${entry.file} is listed in models/manifest.json but the server has no such file (HTTP ${res.status}).`, 'model-missing');
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (entry.sha256) {
    const sha = await sha256Hex(bytes);
    if (sha !== entry.sha256) throw new UserError(`models/${entry.file} does not match the sha256 in models/manifest.json (found ${sha.slice(0, 12)}…).`, 'model-hash');
  }
  return bytes;
}

async function runnerFor(pref: BackendPreference): Promise<OrtRunner> {
  if (current && current.pref === pref) return current.runner;
  await current?.runner.release();
  const choice = await chooseBackend(pref);
  const ort = await loadOrt(choice.backend);
  const threads = ort.env.wasm.numThreads ?? 1;
  const runner = new OrtRunner(ort, {
    load: modelBytes,
    sessionOptions: (): InferenceSession.SessionOptions =>
      choice.backend === 'webgpu' ? { executionProviders: ['webgpu'], graphOptimizationLevel: 'all' } : wasmSessionOptions(),
    backend: choice.backend === 'webgpu' ? `webgpu (${choice.reason})` : `wasm, ${threads} thread${threads > 1 ? 's' : ''} (${choice.reason})`,
  });
  current = { pref, choice, runner };
  return runner;
}

function reply(msg: InferenceResponse, transfer: Transferable[] = []) {
  self.postMessage(msg, transfer);
}

self.onmessage = async (ev: MessageEvent<InferenceRequest>) => {
  const req = ev.data;
  try {
    if (req.type === 'inspect') {
      const ort = await loadOrt('wasm');
      const session = await createSession(ort, new Uint8Array(req.bytes), wasmSessionOptions(), req.name);
      const signature = signatureOf(session);
      await session.release();
      reply({ type: 'inspect', id: req.id, signature });
    } else if (req.type === 'signature') {
      const runner = await runnerFor(req.backend);
      reply({ type: 'signature', id: req.id, signature: await runner.signature(req.entry), backend: runner.backend() });
    } else {
      const runner = await runnerFor(req.backend);
      const outputs = await runner.run(req.entry, req.feeds);
      // Outputs that view shared or larger memory are copied so their buffers can be transferred.
      for (const t of Object.values(outputs) as TensorData[]) {
        const b = t.data.buffer;
        if (!(b instanceof ArrayBuffer) || t.data.byteOffset !== 0 || t.data.byteLength !== b.byteLength) t.data = t.data.slice() as typeof t.data;
      }
      const transfer = Object.values(outputs).map((t: TensorData) => t.data.buffer as ArrayBuffer);
      reply({ type: 'run', id: req.id, outputs, backend: runner.backend() }, transfer);
    }
  } catch (e) {
    reply({ type: 'error', id: req.id, message: String((e as Error)?.message ?? e), code: isUserError(e) ? (e as UserError).code : 'internal', user: isUserError(e) });
  }
};
