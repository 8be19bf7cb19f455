/// <reference lib="webworker" />
// The lifting worker: decoding, the depth stage (through the inference worker), calibration,
// filtering, gravity, the bird's-eye view and exports, all off the page's thread. It keeps the
// last lift (full cloud and depth estimate) so that exports and camera/gravity edits need no
// second inference.
import { jsonProblem } from '../domain/formats/jsonError';
import { isUserError, UserError } from '../domain/errors';
import { decodeDepthPng } from '../domain/formats/depthPng';
import { orientationSwapsAxes, readExif } from '../domain/formats/exif';
import { sha256Hex } from '../domain/formats/hash';
import { writePly } from '../domain/formats/ply';
import { serializeScene } from '../domain/scene/scene';
import { renderBev } from '../domain/geometry/bev';
import { decimationIndices } from '../domain/geometry/decimate';
import { Workspace } from '../domain/geometry/workspace';
import { stopwatch } from '../domain/lifting/stopwatch';
import { type LiftJobInput, type LiftJobResult, cameraBeforeModels, relift, runLiftJob } from '../domain/lifting/job';
import { decodePhoto } from '../adapters/browser/browserDecode';
import { guessFamily } from '../domain/models/families';
import type { ManifestEntry } from '../domain/models/manifest';
import { sceneToGlb } from '../adapters/gltf/sceneGlb';
import { detectionsToAnnotations, yoloxDecode, yoloxInput } from '../domain/models/yolox';
import { type LiftContext, liftContextOf, liftObjects } from '../domain/objects/liftObject';
import { cocoWithBoxes } from '../domain/objects/cocoExport';
import { parseCocoAnnotations } from '../domain/objects/coco';
import type { BBox } from '../domain/objects/types';
import type { SceneObject } from '../domain/scene/scene';
import { InferenceClient } from './inferenceClient';
import type { BackendPreference, FileBytes, LiftPayload, LiftRequest, ReliftRequest, WorkerRequest, WorkerResponse } from './protocol';
import { zipSync } from 'fflate';
import { itemsJsonl, markedImages, spar7mFiles } from '../domain/qa/export/bundle';
import { questionPhotos } from '../domain/qa/export/originals';
import { markedJpeg, photoPixels } from '../adapters/browser/markedPhoto';
import { type GenerateOptions, generateQA } from '../domain/qa/generate/generate';
import type { QAItem } from '../domain/qa/types';

declare const self: DedicatedWorkerGlobalScope;

const mem = new Workspace();
const inference = new InferenceClient();
/** The last lift: its inputs, its result (job.camera is the camera it used) and the camera the
 * sources gave before any manual edit (what "use the automatic camera" returns to). */
let last: { input: LiftJobInput; job: LiftJobResult; autoCamera: LiftJobResult['camera'] } | null = null;
let cancelled = false;

const post = (msg: WorkerResponse, transfer: Transferable[] = []) => self.postMessage(msg, transfer);
const now = () => performance.now();

function checkCancel() {
  if (cancelled) throw new UserError('Cancelled.', 'cancelled');
}

async function lift(req: LiftRequest): Promise<void> {
  cancelled = false;
  const { lap, timings } = stopwatch();
  const progress = (stage: string, fraction: number) => post({ type: 'progress', id: req.id, stage, fraction });
  progress('decode', 0);
  const bytes = new Uint8Array(req.image.bytes);
  const photo = await decodePhoto(bytes, req.image.name);
  const [exif, sha256] = await Promise.all([readExif(bytes), sha256Hex(bytes)]);
  lap('decode');
  checkCancel();
  const depthMap = req.depth ? { map: decodeDepthPng(new Uint8Array(req.depth.bytes), req.depth.scale.unitsPerMetre, req.depth.name), name: req.depth.name, scale: req.depth.scale } : undefined;
  if (depthMap) lap('depthDecode');
  const input: LiftJobInput = {
    id: req.image.name.replace(/\.[^.]+$/, ''),
    image: photo.image,
    imageFile: req.image.name,
    storedSize: photo.stored,
    sha256,
    exif,
    rawWidth: orientationSwapsAxes(exif?.orientation) ? photo.stored.height : photo.stored.width,
    intrinsicsJson: req.intrinsics,
    manualCamera: req.manualCamera,
    carriedCamera: req.carriedCamera,
    depthMap,
    sceneKind: req.sceneKind,
    models: req.models,
    options: req.options,
    provenance: { imageType: photo.info.type, ...(exif?.orientation && exif.orientation !== 1 ? { exifOrientation: exif.orientation } : {}) },
  };
  inference.preference = req.backend;
  const job = await runLiftJob(input, depthMap ? null : inference, (stage, f) => {
    checkCancel();
    progress(stage, f);
  }, mem);
  lap('lift');
  checkCancel();
  last = { input: { ...input, manualCamera: undefined }, job, autoCamera: job.camera };
  const payload = buildPayload(job, input, req.pointBudget, timings);
  post({ type: 'lifted', id: req.id, payload }, transferables(payload));
}

async function reliftLast(req: ReliftRequest): Promise<void> {
  if (!last) throw new UserError('There is no lifted scene to update.', 'no-scene');
  cancelled = false;
  const t0 = now();
  const input: LiftJobInput = { ...last.input, options: req.options, manualCamera: req.manualCamera ?? undefined, sceneKind: req.sceneKind };
  const job = { ...last.job };
  const camera = req.manualCamera ? cameraBeforeModels(input, [])! : last.autoCamera;
  job.lift = relift(input, job.estimate, camera, (stage, f) => post({ type: 'progress', id: req.id, stage, fraction: f }), mem);
  job.lift.scene.lift = { ...job.lift.scene.lift, notes: job.notes, modelsMs: job.modelsMs, ...(job.backend ? { backend: job.backend } : {}) };
  job.camera = camera;
  last = { input: { ...input }, job, autoCamera: last.autoCamera };
  const payload = buildPayload({ ...job }, input, req.pointBudget, { relift: now() - t0 });
  post({ type: 'lifted', id: req.id, payload }, transferables(payload));
}

function buildPayload(job: LiftJobResult, input: LiftJobInput, budget: number, timings: Record<string, number>): LiftPayload {
  const t0 = now();
  const { lift } = job;
  const idx = decimationIndices(lift.cloud.count, budget);
  const n = idx.length;
  const xyz = new Float32Array(n * 3), rgb = new Uint8Array(n * 3), pixel = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const s = idx[k];
    xyz[k * 3] = lift.cloud.xyz[s * 3];
    xyz[k * 3 + 1] = lift.cloud.xyz[s * 3 + 1];
    xyz[k * 3 + 2] = lift.cloud.xyz[s * 3 + 2];
    rgb[k * 3] = lift.cloud.rgb[s * 3];
    rgb[k * 3 + 1] = lift.cloud.rgb[s * 3 + 1];
    rgb[k * 3 + 2] = lift.cloud.rgb[s * 3 + 2];
    pixel[k] = lift.cloud.pixel[s];
  }
  // Ceilings hide a room from above: the bird's-eye view leaves out what is well above the camera.
  const zCeiling = lift.gravitySource !== 'none' ? lift.frame.height + 0.5 : Infinity;
  const bev = renderBev(lift.cloud.xyz, lift.cloud.rgb, lift.cloud.count, { maxSize: 512, zCeiling, include: [[lift.frame.T[0], lift.frame.T[1]]] });
  timings.display = now() - t0;
  return {
    scene: lift.scene,
    width: lift.width,
    height: lift.height,
    camera: { fx: job.camera.fx, fy: job.camera.fy, cx: job.camera.cx, cy: job.camera.cy },
    R: lift.frame.R,
    T: lift.frame.T,
    display: { xyz, rgb, pixel, count: n },
    totalPoints: lift.cloud.count,
    depth: lift.depth.slice(),
    keep: lift.keep.slice(),
    bev: { width: bev.width, height: bev.height, rgba: bev.rgba, originX: bev.originX, originY: bev.originY, cell: bev.cell },
    stats: lift.stats,
    plausibility: lift.plausibility,
    depthScale: input.depthMap?.scale ?? null,
    notes: job.notes,
    backend: job.backend,
    modelsMs: job.modelsMs,
    timings,
  };
}

const transferables = (p: LiftPayload): Transferable[] => [p.display.xyz.buffer, p.display.rgb.buffer, p.display.pixel.buffer, p.depth.buffer, p.keep.buffer, p.bev.rgba.buffer] as ArrayBuffer[];

/** What object lifting needs from the last lift. */
function liftContext(): LiftContext {
  if (!last) throw new UserError('Lift a scene first: objects are lifted with its depth and camera.', 'no-scene');
  return liftContextOf(last.job);
}

async function detect(id: number, entry: ManifestEntry, threshold: number, backend: BackendPreference) {
  if (!last) throw new UserError('Open a photo first.', 'no-scene');
  const t0 = now();
  const img = last.input.image;
  const { tensor, ratio } = yoloxInput(img);
  inference.preference = backend;
  const sig = await inference.signature(entry);
  const inputName = sig.inputs[0]?.name ?? 'images';
  const out = await inference.run(entry, { [inputName]: tensor });
  const output = Object.values(out)[0];
  if (!output || output.dims.length !== 3 || output.dims[2] !== 85)
    throw new UserError(`${entry.name ?? entry.id} is not a YOLOX COCO detector: expected an output [1, N, 85], found [${output?.dims.join(', ')}].`, 'model-mismatch');
  const dets = yoloxDecode(output.data as Float32Array, ratio, img.width, img.height, { scoreThreshold: threshold });
  // detections are on the working grid: annotations live in the stored photo's pixels
  const s = last.input.storedSize.width / img.width;
  const annotations = detectionsToAnnotations(dets).map((a) => ({ ...a, bbox: a.bbox.map((v) => v * s) as BBox }));
  post({ type: 'detections', id, annotations, ms: now() - t0, backend: inference.backend() });
}

function generateQa(id: number, objects: SceneObject[], options: GenerateOptions) {
  if (!last) throw new UserError('Lift a scene first: questions are generated from its objects and points.', 'no-scene');
  const { lift } = last.job;
  const scene = { ...lift.scene, objects };
  const { items, report } = generateQA([{ scene, points: lift.cloud.xyz.subarray(0, lift.cloud.count * 3) }], options);
  post({ type: 'qa', id, items, report });
}

/** The photo at its stored size (EXIF orientation applied): marks are in its pixels. */
async function exportQa(id: number, items: QAItem[], photo: FileBytes) {
  if (!last) throw new UserError('There is no lifted scene to export questions for.', 'no-scene');
  const scene = last.job.lift.scene;
  const enc = new TextEncoder();
  const files: Record<string, Uint8Array> = { 'qa.jsonl': enc.encode(itemsJsonl(items)) };
  const sizeOf = (image: string) => {
    if (image !== scene.image.file) throw new UserError(`The items name a photo (${image}) that is not this scene's.`, 'qa-export');
    return scene.image;
  };
  for (const f of spar7mFiles(items, sizeOf)) files[`spar7m/${f.path}`] = enc.encode(f.text);
  // the photo the records name, as it was opened: the zip alone is a dataset (both layouts find it by name)
  Object.assign(files, questionPhotos(items, new Map([[scene.image.file, new Uint8Array(photo.bytes)]])).files);
  const marked = markedImages(items);
  if (marked.length) {
    const base = await photoPixels(new Blob([photo.bytes]));
    for (let k = 0; k < marked.length; k++) {
      const m = marked[k];
      files[`marked/${m.name}`] = await markedJpeg(base, m.item.spatial_lens.marks, m.index);
      post({ type: 'progress', id, stage: 'marked images', fraction: (k + 1) / marked.length });
    }
  }
  // JPEGs do not compress further: store them, deflate the text
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level: /\.(jpe?g|png|webp|gif|avif)$/i.test(name) ? 0 : 6 }]])));
  post({ type: 'exported', id, bytes: zip.buffer as ArrayBuffer, name: `${scene.id}.qa.zip`, mime: 'application/zip' }, [zip.buffer as ArrayBuffer]);
}

async function exportLast(id: number, what: 'ply' | 'scene' | 'coco' | 'glb', objects: SceneObject[] = []) {
  if (!last) throw new UserError('There is no lifted scene to export.', 'no-scene');
  const { lift } = last.job;
  const base = lift.scene.id;
  if (what === 'glb') {
    const c = last.job.camera;
    const bytes = await sceneToGlb({ id: base, xyz: lift.cloud.xyz, rgb: lift.cloud.rgb, count: lift.cloud.count, objects, camera: { fy: c.fy, width: lift.width, height: lift.height, R: lift.frame.R, T: lift.frame.T } });
    post({ type: 'exported', id, bytes, name: `${base}.glb`, mime: 'model/gltf-binary' }, [bytes]);
    return;
  }
  if (what === 'scene' || what === 'coco') {
    const scene = { ...lift.scene, objects };
    const text = what === 'scene' ? serializeScene(scene) : JSON.stringify(cocoWithBoxes(scene), null, 1);
    const bytes = new TextEncoder().encode(text);
    post({ type: 'exported', id, bytes: bytes.buffer as ArrayBuffer, name: `${base}.${what === 'scene' ? 'scene' : 'coco3d'}.json`, mime: 'application/json' }, [bytes.buffer as ArrayBuffer]);
    return;
  }
  const bytes = writePly(lift.cloud.xyz, lift.cloud.rgb, lift.cloud.count, [
    'Spatial Lens point cloud: world frame, z up, metres',
    `scene ${base}`,
  ]);
  post({ type: 'exported', id, bytes: bytes.buffer as ArrayBuffer, name: `${base}.ply`, mime: 'application/octet-stream' }, [bytes.buffer as ArrayBuffer]);
}

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  try {
    switch (req.type) {
      case 'cancel':
        cancelled = true;
        inference.cancel();
        return;
      case 'lift':
        return await lift(req);
      case 'relift':
        return await reliftLast(req);
      case 'export':
        return await exportLast(req.id, req.what, req.objects);
      case 'lift-objects': {
        const t0 = now();
        const objects = liftObjects(req.annotations, liftContext(), new Map(req.keep.map((o) => [o.id, o])));
        post({ type: 'objects', id: req.id, objects, ms: now() - t0 });
        return;
      }
      case 'detect':
        return await detect(req.id, req.entry, req.threshold, req.backend);
      case 'generate-qa':
        return generateQa(req.id, req.objects, req.options);
      case 'export-qa':
        return await exportQa(req.id, req.items, req.photo);
      case 'import-coco': {
        let json: unknown;
        const text = new TextDecoder().decode(req.bytes);
        try {
          json = JSON.parse(text);
        } catch (e) {
          throw new UserError(`${req.name} is not valid JSON: ${jsonProblem(text, e)}.`, 'coco-json');
        }
        const r = parseCocoAnnotations(json, req.images, (done, total) => post({ type: 'progress', id: req.id, stage: 'import', fraction: done / Math.max(1, total) }));
        post({ type: 'coco', id: req.id, result: { byImage: [...r.byImage], problems: r.problems, total: r.total } });
        return;
      }
      case 'inspect-model': {
        const bytes = new Uint8Array(req.bytes);
        const sha256 = await sha256Hex(bytes);
        const signature = await inference.inspect(req.name, req.bytes);
        post({ type: 'inspected', id: req.id, result: { signature, guess: guessFamily(req.name, signature), sha256, bytes: bytes.length } });
        return;
      }
    }
  } catch (e) {
    post({ type: 'error', id: req.id, message: String((e as Error)?.message ?? e), code: isUserError(e) ? (e as UserError).code : 'internal', user: isUserError(e) });
  }
};
