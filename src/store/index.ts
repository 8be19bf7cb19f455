// The app's stores, created once with their shared runtime, and React hooks over them.
import { useStore } from 'zustand';
import { LiftClient } from '../runtime/liftClient';
import { type ModelsState, createModelsStore } from './modelsStore';
import { type SceneState, createSceneStore } from './sceneStore';
import { type ViewState, createViewStore } from './viewStore';

const client = new LiftClient();
export const viewStore = createViewStore();
export const modelsStore = createModelsStore(client);
export const sceneStore = createSceneStore(client, modelsStore, viewStore);

export const useScene = <T>(sel: (s: SceneState) => T): T => useStore(sceneStore, sel);
export const useModels = <T>(sel: (s: ModelsState) => T): T => useStore(modelsStore, sel);
export const useView = <T>(sel: (s: ViewState) => T): T => useStore(viewStore, sel);
