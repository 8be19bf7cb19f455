/// <reference lib="webworker" />
// The lifting worker: every verb is a message in, an app function, a message out, off the page's
// thread. It keeps no scene: the page holds the lift and sends what each verb needs with it.
import { isUserError, UserError } from '../domain/errors';
import { Workspace } from '../domain/geometry/workspace';
import { liftObjects } from '../domain/objects/liftObject';
import { decodePhoto } from '../adapters/browser/browserDecode';
import { markedJpeg, photoPixels } from '../adapters/browser/markedPhoto';
import { exportScene } from '../app/lift/exportScene';
import { sceneGlbFile } from '../adapters/gltf/sceneGlb';
import { liftedSceneOf, sceneBuffers } from '../app/lift/liftedScene';
import { type HeldLift, liftPhoto, reliftPhoto } from '../app/lift/liftPhoto';
import { inspectModelFile } from '../app/models/inspectModel';
import { detectObjects } from '../app/objects/detect';
import { importCocoFile } from '../app/objects/importCoco';
import { exportSceneQuestions, generateSceneQuestions } from '../app/qa/questions';
import type { LiftedScene } from '../domain/scene/liftedView';
import { InferenceClient } from './inferenceClient';
import type { WorkerRequest, WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

// scratch memory reused between lifts; what leaves the worker is copied out of it when posted
const mem = new Workspace();
const inference = new InferenceClient();
let cancelled = false;

const post = (msg: WorkerResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer);
const now = () => performance.now();
const decode = async (bytes: Uint8Array, name: string) => {
  const p = await decodePhoto(bytes, name);
  return { image: p.image, stored: p.stored, type: p.info.type };
};
/** Every ArrayBuffer under a plain value: what a reply can hand over instead of copying. */
function buffersIn(x: unknown, out: Set<ArrayBuffer>, depth = 0): Set<ArrayBuffer> {
  if (!x || typeof x !== 'object' || depth > 8) return out;
  if (ArrayBuffer.isView(x)) {
    if (x.buffer instanceof ArrayBuffer) out.add(x.buffer);
  } else if (x instanceof ArrayBuffer) out.add(x);
  else for (const v of Object.values(x)) buffersIn(v, out, depth + 1);
  return out;
}
// The held lift is handed over, not copied: the worker keeps nothing of it (its scratch memory
// replaces what was handed over), and a copy of a large photo's cloud would cost the page seconds.
const lifted = (id: number, scene: LiftedScene, held: HeldLift) => post({ type: 'lifted', id, scene, held }, [...buffersIn(held, new Set(sceneBuffers(scene)))]);
const exported = (id: number, f: { bytes: Uint8Array; name: string; mime: string }) => {
  const bytes = f.bytes.byteOffset === 0 && f.bytes.byteLength === f.bytes.buffer.byteLength ? (f.bytes.buffer as ArrayBuffer) : (f.bytes.slice().buffer as ArrayBuffer);
  post({ type: 'exported', id, bytes, name: f.name, mime: f.mime }, [bytes]);
};

async function handle(req: WorkerRequest): Promise<void> {
  const progress = (stage: string, fraction: number) => post({ type: 'progress', id: req.id, stage, fraction });
  switch (req.type) {
    case 'cancel':
      cancelled = true;
      inference.cancel();
      return;
    case 'lift': {
      cancelled = false;
      inference.preference = req.backend;
      const checkCancel = () => {
        if (cancelled) throw new UserError('Cancelled.', 'cancelled');
      };
      const { held, timings } = await liftPhoto(req, { decode, runner: inference, onProgress: progress, checkCancel, mem });
      return lifted(req.id, liftedSceneOf(held, req.pointBudget, timings), held);
    }
    case 'relift': {
      cancelled = false;
      const t0 = now();
      const held = reliftPhoto(req.held, req, progress, mem);
      return lifted(req.id, liftedSceneOf(held, req.pointBudget, { relift: now() - t0 }), held);
    }
    case 'export':
      return exported(req.id, req.what === 'glb' ? await sceneGlbFile(req.lift, req.objects ?? []) : exportScene(req.lift, req.what, req.objects ?? []));
    case 'lift-objects': {
      const t0 = now();
      const objects = liftObjects(req.annotations, req.view, new Map(req.keep.map((o) => [o.id, o])));
      return post({ type: 'objects', id: req.id, objects, ms: now() - t0 });
    }
    case 'detect': {
      inference.preference = req.backend;
      const r = await detectObjects(req.image, req.stored, req.entry, req.threshold, inference);
      return post({ type: 'detections', id: req.id, ...r });
    }
    case 'generate-qa':
      return post({ type: 'qa', id: req.id, ...generateSceneQuestions(req.lift, req.objects, req.options) });
    case 'export-qa':
      return exported(req.id, await exportSceneQuestions(req.scene, req.items, new Uint8Array(req.photo.bytes), { pixels: photoPixels, jpeg: markedJpeg }, progress));
    case 'import-coco':
      return post({ type: 'coco', id: req.id, result: importCocoFile(req.name, req.bytes, req.images, (f) => progress('import', f)) });
    case 'inspect-model':
      return post({ type: 'inspected', id: req.id, result: await inspectModelFile(req.name, req.bytes, (n, b) => inference.inspect(n, b)) });
  }
}

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  try {
    await handle(req);
  } catch (e) {
    post({ type: 'error', id: req.id, message: String((e as Error)?.message ?? e), code: isUserError(e) ? (e as UserError).code : 'internal', user: isUserError(e) });
  }
};
