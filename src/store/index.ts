// The app's stores, created once with their shared runtime, and React hooks over them.
import { useStore } from 'zustand';
import { LiftClient } from '../runtime/liftClient';
import { type ModelsState, createModelsStore } from './modelsStore';
import { type ObjectsState, createObjectsStore } from './objectsStore';
import { saveScene } from '../storage/scenes';
import { getImage } from '../storage/review';
import { depthPathFor } from '../domain/review/depthRef';
import { type ProjectState, createProjectStore } from './projectStore';
import { type QAState, createQAStore } from './qaStore';
export { ALL_TASK_IDS, TASK_GROUPS, emptyTaskReasons } from './qaStore';
import { type SceneState, createSceneStore } from './sceneStore';
import { type ViewState, createViewStore } from './viewStore';
import { type ReviewStoreState, createReviewStore } from './reviewStore';
import { ReviewClient } from '../runtime/reviewClient';
import { type KeyQueueState, createReviewKeys } from './reviewKeys';
import { type LeaseState, createReviewLeases } from './reviewLeases';
import { LeaseBook } from '../storage/leases';

/** localStorage, or null where the browser refuses it (a sandboxed frame, some private modes). */
function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
export { KEY_ACTIONS, type KeyAction, type ShownConflict } from './reviewStore';

const client = new LiftClient();
export const viewStore = createViewStore();
export const modelsStore = createModelsStore(client);
export const objectsStore = createObjectsStore(client, modelsStore);
export const sceneStore = createSceneStore(client, modelsStore, viewStore, objectsStore);
export const projectStore = createProjectStore(sceneStore, objectsStore);
const leaseBook = new LeaseBook(browserStorage());
export const reviewStore = createReviewStore(new ReviewClient(), { leases: leaseBook });
export const reviewKeys = createReviewKeys(reviewStore);
export const reviewLeases = createReviewLeases(reviewStore, leaseBook);
export const qaStore = createQAStore(client, sceneStore, objectsStore, () => reviewStore.getState().project);

// Generated questions join the review queue.
qaStore.subscribe((s, prev) => {
  if (s.items !== prev.items && s.report) void reviewStore.getState().refresh(true);
});

// Each scene shows the questions stored for it.
sceneStore.subscribe((s, prev) => {
  const id = s.scene?.scene.id ?? null;
  if (id !== (prev.scene?.scene.id ?? null)) void qaStore.getState().load(id);
});

// The scene's objects are saved with it after every change (edits survive reloads).
let saveTimer: ReturnType<typeof setTimeout> | undefined;
objectsStore.subscribe((s, prev) => {
  if (s.objects === prev.objects) return;
  const name = sceneStore.getState().files?.image.name;
  if (!name) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(
    () =>
      void saveScene(name, { objects: s.objects })
        .then(() => reviewStore.getState().scenesChanged())
        .catch((e) => objectsStore.setState({ message: { kind: 'error', text: (e as Error).message } })),
    300,
  );
});

/**
 * Lifts the k-th photo of the item under review in the 3D view: with the depth map its record
 * names when the project holds it (SPAR-7M RGB-D), else through a depth model (the Scene tab keeps
 * the photo waiting for one if none is there).
 */
export async function liftReviewPhoto(k: number): Promise<void> {
  const review = reviewStore.getState();
  const image = review.current?.images[k];
  if (!review.current || !image?.url) return;
  const blob = await (await fetch(image.url)).blob();
  const name = image.path.split('/').pop() ?? image.path;
  const files = [new File([blob], name, { type: blob.type })];
  const { item, imagePaths } = review.current.stored;
  const depthPath = depthPathFor(item, k, imagePaths?.[k] ?? image.path);
  const depth = depthPath ? await getImage(review.project, depthPath) : undefined;
  if (depth) files.push(new File([depth.blob], depthPath!.split('/').pop()!, { type: 'image/png' }));
  review.photoLifting({ path: image.path, name, size: blob.size });
  await sceneStore.getState().openFiles(files);
}

export const useScene = <T>(sel: (s: SceneState) => T): T => useStore(sceneStore, sel);
export const useModels = <T>(sel: (s: ModelsState) => T): T => useStore(modelsStore, sel);
export const useView = <T>(sel: (s: ViewState) => T): T => useStore(viewStore, sel);
export const useObjects = <T>(sel: (s: ObjectsState) => T): T => useStore(objectsStore, sel);
export const useProject = <T>(sel: (s: ProjectState) => T): T => useStore(projectStore, sel);
export const useQA = <T>(sel: (s: QAState) => T): T => useStore(qaStore, sel);
export const useReview = <T>(sel: (s: ReviewStoreState) => T): T => useStore(reviewStore, sel);
export const useReviewKeys = <T>(sel: (s: KeyQueueState) => T): T => useStore(reviewKeys.status, sel);
export const useReviewLeases = <T>(sel: (s: LeaseState) => T): T => useStore(reviewLeases.status, sel);
