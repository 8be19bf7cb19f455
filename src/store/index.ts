// React hooks over the application's stores; the application itself is built once here, over the
// browser's ports (src/app/createApp.ts holds the stores' wiring).
import { useStore } from 'zustand';
import { browserPorts } from '../adapters/browser/ports';
import { createApp } from '../app/createApp';
import type { ImportReportsState } from '../app/importReports';
import type { MessagesState } from '../app/messages';
import type { ModelsState } from '../app/models/modelsStore';
import type { ObjectsState } from '../app/objects/objectsStore';
import type { ProjectState } from '../app/project/projectStore';
import type { QAState } from '../app/qa/qaStore';
export { ALL_TASK_IDS, TASK_GROUPS, emptyTaskReasons } from '../app/qa/qaStore';
export { ROLE_OF_TASK } from '../app/models/modelsStore';
export type { ObjectSummary } from '../app/project/projectStore';
export { pressWorkspaceKey } from '../app/scene/keys';
export { type Gesture, type GestureStep, IDLE, applyGestureEffects, closePolygon, corners, pointerDown, pointerMove, pointerUp, startEdit, strokeWidth } from '../app/objects/gestures';
import type { SceneState } from '../app/scene/sceneStore';
import type { ViewState } from '../app/view/viewStore';
import type { ReviewStoreState } from '../app/review/types';
import type { KeyQueueState } from '../app/review/keys';
import type { LeaseState } from '../app/review/leases';
export { KEY_ACTIONS, type KeyAction } from '../app/review/keymap';
export { type ReviewStoreState, type ShownConflict, type ShownImage, isLiftedFile, isRevealed } from '../app/review/types';

/** The one application instance of this page, over the browser's ports. */
export const app = createApp(browserPorts());
export const viewStore = app.view;
export const modelsStore = app.models;
export const objectsStore = app.objects;
export const sceneStore = app.scene;
export const projectStore = app.project;
export const reviewStore = app.review;
export const reviewKeys = app.reviewKeys;
export const reviewLeases = app.reviewLeases;
export const qaStore = app.qa;
export const liftReviewPhoto = app.liftReviewPhoto;
export const measureReviewItem = app.measureReviewItem;
export const liftReviewPosed = app.liftReviewPosed;
export const posedLiftStore = app.posedLift;
export const usePosedLift = <T>(sel: (s: import('../app/review/liftPosed').PosedLiftState) => T): T => useStore(posedLiftStore, sel);
export const messagesStore = app.messages;
export const importReportsStore = app.importReports;
export const downloadsStore = app.downloads;

export const useDownloads = <T>(sel: (s: import('../app/modelDownloads').DownloadsState) => T): T => useStore(downloadsStore, sel);
export const useScene = <T>(sel: (s: SceneState) => T): T => useStore(sceneStore, sel);
export const useModels = <T>(sel: (s: ModelsState) => T): T => useStore(modelsStore, sel);
export const useView = <T>(sel: (s: ViewState) => T): T => useStore(viewStore, sel);
export const useObjects = <T>(sel: (s: ObjectsState) => T): T => useStore(objectsStore, sel);
export const useProject = <T>(sel: (s: ProjectState) => T): T => useStore(projectStore, sel);
export const useQA = <T>(sel: (s: QAState) => T): T => useStore(qaStore, sel);
export const useReview = <T>(sel: (s: ReviewStoreState) => T): T => useStore(reviewStore, sel);
export const useReviewKeys = <T>(sel: (s: KeyQueueState) => T): T => useStore(reviewKeys.status, sel);
export const useMessages = <T>(sel: (s: MessagesState) => T): T => useStore(messagesStore, sel);
export const useImportReports = <T>(sel: (s: ImportReportsState) => T): T => useStore(importReportsStore, sel);
export const useReviewLeases = <T>(sel: (s: LeaseState) => T): T => useStore(reviewLeases.status, sel);
