// Builds the application: every store with its wiring, from ports. The browser calls it once
// (src/store/index.ts) with browser ports; tests build as many as they like (two apps on one storage
// are two tabs).
import { depthPathFor } from '../domain/review/depthRef';
import { type PixelAudit, fitIntrinsics } from '../domain/qa/audit/measureItem';
import { imageCamera } from '../domain/review/import/rgbdColumns';
import { measureCurrent } from './review/measureCurrent';
import { createPosedLiftStore, liftPosedPhotos, posedLiftBlocker } from './review/liftPosed';
import type { Mark } from '../domain/qa/types';
import { correctionsOf } from './review/marks';
import { createModelsStore } from './models/modelsStore';
import { createObjectsStore } from './objects/objectsStore';
import { createProjectStore } from './project/projectStore';
import { createQAStore } from './qa/qaStore';
import { createSceneStore } from './scene/sceneStore';
import { createViewStore } from './view/viewStore';
import { createImportReports } from './importReports';
import { type MessageSource, createMessages } from './messages';
import type { Ports } from './ports';
// ---- review side
import { createReview } from './review/createReview';
import { createDownloadsStore, noDownloads } from './modelDownloads';

export function createApp(ports: Ports) {
  // ---- lift side: scene, objects, models, view, project, questions
  const view = createViewStore();
  const models = createModelsStore(ports);
  // the objects read the lift the scene store holds (built after them: it starts their scenes)
  const objects = createObjectsStore(ports.compute, models, () => {
    const { scene: view, held } = scene.getState();
    return view && held ? { view, held } : null;
  });
  const scene = createSceneStore({ ...ports, media: ports.review.media }, models, view, objects);
  const project = createProjectStore(ports.storage, scene, objects);
  const downloads = createDownloadsStore({
    ...(ports.modelDownloads ?? noDownloads),
    settings: ports.settings,
    install: (entry) => models.getState().addDownloaded(entry),
    installed: () => void (scene.getState().pending ? scene.getState().liftPending() : undefined),
  });

  // ---- review side: queue, session, keys, leases
  const reviewSide = createReview(ports.review, ports);
  const { store: review, keys: reviewKeys, leases: reviewLeases } = reviewSide;

  const qa = createQAStore(ports, scene, objects, () => review.getState().project);

  // ---- what every store says, as one queue of messages; the import reports they link to
  const messages = createMessages(new Map<string, MessageSource>([['scene', scene], ['objects', objects], ['qa', qa], ['review', review]]), ports.clock);
  const importReports = createImportReports(review, ports.importReports);

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
          void ports.storage
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
    // SPAR-Bench-RGBD rows give the camera too: with it the photo lifts with no model and no guess
    const K = depth ? imageCamera(item as unknown as Record<string, unknown>, k).K : undefined;
    if (K) files.push(new File([JSON.stringify(image.width && image.height ? fitIntrinsics(K, image.width, image.height) : K)], 'intrinsics.json', { type: 'application/json' }));
    r.photoLifting({ path: image.path, name, size: blob.size });
    await scene.getState().openFiles(files);
  }

  /**
   * A multi-view item's other photos placed by their poses around the k-th, lifted in the 3D view
   * (each with its own depth and intrinsics), with the marks of every photo (`marks`: the item's,
   * else those found in its pixels). Does nothing for an item whose photos cannot be posed.
   */
  const posedLift = createPosedLiftStore();
  async function liftReviewPosed(k: number, marks?: readonly Mark[]): Promise<void> {
    const r = review.getState();
    if (!r.current || !ports.liftPosed) return;
    const { item, imagePaths } = r.current.stored;
    const target = { item, imagePaths, images: r.current.images };
    const itemId = r.current.row.id;
    const blocked = posedLiftBlocker(target);
    if (blocked) return posedLift.setState({ itemId, working: false, lift: null, error: null, unposed: target.images.length > 1 ? blocked : undefined });
    posedLift.setState({ itemId, working: true, lift: null, error: null, unposed: undefined });
    try {
      // the item's own marks, else those found in its pixels (and corrected) for this item
      const found = r.foundMarks.itemId === itemId ? r.foundMarks.marks : [];
      const lift = await liftPosedPhotos({ ...ports, liftPosed: ports.liftPosed }, r.project, target, k, item.spatial_lens.marks.length ? item.spatial_lens.marks : (marks ?? found));
      if (posedLift.getState().itemId === itemId) posedLift.setState({ working: false, lift });
    } catch (e) {
      if (posedLift.getState().itemId === itemId) posedLift.setState({ working: false, error: (e as Error).message });
    }
  }

  /** The item under review measured from its photos' pixels and depth (null: nothing to measure). */
  const measureReviewItem = (): Promise<PixelAudit | null> => {
    const r = review.getState();
    if (!r.current) return Promise.resolve(null);
    const { item, imagePaths } = r.current.stored;
    return measureCurrent({ ...ports, measure: ports.measurePixels }, r.project, { item, imagePaths, images: r.current.images, corrections: correctionsOf(r) });
  };

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
    liftReviewPosed,
    posedLift,
    measureReviewItem,
    messages,
    importReports,
    dispose() {
      clearTimeout(saveTimer);
      messages.dispose();
      importReports.dispose();
      for (const u of unsubscribe) u();
      // ---- review side
      reviewSide.dispose();
    },
  };
}

export type App = ReturnType<typeof createApp>;
