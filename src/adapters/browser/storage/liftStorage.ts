// The app's lift-side storage port over IndexedDB (Dexie): the project's scenes, its generated
// questions and the models the user added. Tests use it as is over fake-indexeddb.
import type { LiftStorage } from '../../../app/ports';
import { itemsOfScene, replaceGenerated } from './items';
import { deleteModel, listStoredModels, saveModel, updateStoredEntry } from './models';
import { deleteScene, listScenes, loadScene, saveScene } from './scenes';

export const dexieLiftStorage: LiftStorage = { saveScene, loadScene, listScenes, deleteScene, itemsOfScene, replaceGenerated, listStoredModels, saveModel, updateStoredEntry, deleteModel };
