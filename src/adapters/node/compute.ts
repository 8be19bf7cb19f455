// The app's Compute port in-process, over the same functions the lifting worker calls: for tests
// (TestApp) and Node tools. Photos decode with sharp; models run only where a runner is given.
import { UserError } from '../../domain/errors';
import type { ModelRunner } from '../../domain/lifting/job';
import { liftObjects } from '../../domain/objects/liftObject';
import { exportScene } from '../../app/lift/exportScene';
import { sceneGlbFile } from '../gltf/sceneGlb';
import { liftedSceneOf } from '../../app/lift/liftedScene';
import { liftPhoto, reliftPhoto } from '../../app/lift/liftPhoto';
import { detectObjects } from '../../app/objects/detect';
import { importCocoFile } from '../../app/objects/importCoco';
import { inspectModelFile } from '../../app/models/inspectModel';
import { exportSceneQuestions, generateSceneQuestions } from '../../app/qa/questions';
import type { Compute } from '../../app/ports';
import { decodePhotoNode } from './decode';
import { nodeMarkedPhotos } from './markedPhoto';

export interface NodeComputeOptions {
  /** Runs depth, camera and detector models; without one, photos need their depth maps. */
  runner?: ModelRunner | null;
}

export function nodeCompute(opts: NodeComputeOptions = {}): Compute {
  const runner = opts.runner ?? null;
  let cancelled = false;
  const needRunner = (what: string): ModelRunner => {
    if (!runner) throw new UserError(`No model runtime here: ${what} needs one.`, 'no-runtime');
    return runner;
  };
  const now = () => performance.now();
  return {
    async lift(req, progress) {
      cancelled = false;
      const checkCancel = () => {
        if (cancelled) throw new UserError('Cancelled.', 'cancelled');
      };
      // fresh memory per lift: the app holds the result while the next lift runs
      const { held, timings } = await liftPhoto(req, { decode: decodePhotoNode, runner, onProgress: progress, checkCancel });
      return { scene: liftedSceneOf(held, req.pointBudget, timings), held };
    },
    async relift(held, settings, progress) {
      const t0 = now();
      const next = reliftPhoto(held, settings, progress);
      return { scene: liftedSceneOf(next, settings.pointBudget, { relift: now() - t0 }), held: next };
    },
    async exportScene(held, what, objects) {
      return what === 'glb' ? sceneGlbFile(held.job.lift, objects) : exportScene(held.job.lift, what, objects);
    },
    async liftObjects(view, annotations, keep) {
      const t0 = now();
      const objects = liftObjects(annotations, view, new Map(keep.map((o) => [o.id, o])));
      return { objects, ms: now() - t0 };
    },
    async detect(held, entry, threshold) {
      return detectObjects(held.input.image, held.input.storedSize, entry, threshold, needRunner('the detector'));
    },
    async importCoco(name, bytes, images, progress) {
      return importCocoFile(name, bytes, images, progress && ((f) => progress('import', f)));
    },
    async generateQA(held, objects, options) {
      return generateSceneQuestions(held.job.lift, objects, options);
    },
    async exportQA(scene, items, photo, progress) {
      return exportSceneQuestions(scene, items, new Uint8Array(photo.bytes), nodeMarkedPhotos, progress);
    },
    async inspectModel(name, bytes) {
      const ort = await import('onnxruntime-node');
      const { createSession, signatureOf } = await import('../ort/ortRunner');
      return inspectModelFile(name, bytes, async (n, b) => {
        const s = await createSession(ort as never, new Uint8Array(b), {}, n);
        try {
          return signatureOf(s);
        } finally {
          await s.release();
        }
      });
    },
    cancel() {
      cancelled = true;
    },
  };
}
