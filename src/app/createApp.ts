// Builds the application: every store with its wiring, from ports. The browser calls it once
// (src/store/index.ts) with browser ports; tests build as many as they like (two apps on one storage
// are two tabs).
import { depthPathFor } from '../domain/review/depthRef';
import { createModelsStore } from '../store/modelsStore';
import { createObjectsStore } from '../store/objectsStore';
import { createProjectStore } from '../store/projectStore';
import { createQAStore } from '../store/qaStore';
import { createReviewKeys } from '../store/reviewKeys';
import { createReviewLeases } from '../store/reviewLeases';
import { createReviewStore } from '../store/reviewStore';
import { createSceneStore } from '../store/sceneStore';
import { createViewStore } from '../store/viewStore';
import type { Ports } from './ports';
import { createDownloadsStore, noDownloads } from './modelDownloads';

export function createApp(ports: Ports) {
  // ---- lift side: scene, objects, models, view, project, questions
  const view = createViewStore();
  const models = createModelsStore(ports.lift);
  const objects = createObjectsStore(ports.lift, models);
  const scene = createSceneStore(ports.lift, models, view, objects);
  const project = createProjectStore(scene, objects);
  const downloads = createDownloadsStore({
    ...(ports.modelDownloads ?? noDownloads),
    settings: ports.settings,
    install: (entry) => models.getState().addDownloaded(entry),
    installed: () => void (scene.getState().pending ? scene.getState().liftPending() : undefined),
  });

  // ---- review side: queue, session, keys, leases
  const review = createReviewStore(ports.review, { leases: ports.leases });
  const reviewKeys = createReviewKeys(review);
  const reviewLeases = createReviewLeases(review, ports.leases);

  const qa = createQAStore(ports.lift, scene, objects, () => review.getState().project);

  const unsubscribe: (() => void)[] = [];
  // Generated questions join the review queue.
  unsubscribe.push(
    qa.subscribe((s, prev) => {
      if (s.items !== prev.items && s.report) void review.getState().refresh(true);
    }),
  );
  // Each scene shows the questions stored for it.
  unsubscribe.push(
    scene.subscribe((s, prev) => {
      const id = s.scene?.scene.id ?? null;
      if (id !== (prev.scene?.scene.id ?? null)) void qa.getState().load(id);
    }),
  );
  // The scene's objects are saved with it after every change (edits survive reloads).
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  unsubscribe.push(
    objects.subscribe((s, prev) => {
      if (s.objects === prev.objects) return;
      const name = scene.getState().files?.image.name;
      if (!name) return;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(
        () =>
          void ports
            .saveScene(name, { objects: s.objects })
            .then(() => review.getState().scenesChanged())
            .catch((e) => objects.setState({ message: { kind: 'error', text: (e as Error).message } })),
        300,
      );
    }),
  );

  /**
   * Lifts the k-th photo of the item under review in the 3D view: with the depth map its record
   * names when the project holds it (SPAR-7M RGB-D), else through a depth model (the Scene tab keeps
   * the photo waiting for one if none is there).
   */
  async function liftReviewPhoto(k: number): Promise<void> {
    const r = review.getState();
    const image = r.current?.images[k];
    if (!r.current || !image?.url) return;
    const blob = await ports.fetchBlob(image.url);
    const name = image.path.split('/').pop() ?? image.path;
    const files = [new File([blob], name, { type: blob.type })];
    const { item, imagePaths } = r.current.stored;
    const depthPath = depthPathFor(item, k, imagePaths?.[k] ?? image.path);
    const depth = depthPath ? await ports.projectImage(r.project, depthPath) : undefined;
    if (depth) files.push(new File([depth.blob], depthPath!.split('/').pop()!, { type: 'image/png' }));
    r.photoLifting({ path: image.path, name, size: blob.size });
    await scene.getState().openFiles(files);
  }

  return {
    ports,
    view,
    models,
    downloads,
    objects,
    scene,
    project,
    qa,
    review,
    reviewKeys,
    reviewLeases,
    liftReviewPhoto,
    dispose() {
      clearTimeout(saveTimer);
      for (const u of unsubscribe) u();
    },
  };
}

export type App = ReturnType<typeof createApp>;
