// The review jobs' storage (app/review/ports ReviewJobStorage) over IndexedDB: the same repository
// functions the page uses, and the few table writes only a restore or a backup needs.
import type { ReviewJobStorage } from '../../../app/review/ports';
import { db } from './db';
import { ImportTracker } from './imports';
import { appendDecision, decisionsAfter, getImage, getItem, imageBytes, imageHashes, imageSizes, lastSeq, listViews, projectItemIds, putImportBatch, queueRows, setAssignees } from './review';
import { listScenes, loadScene, saveScene } from './scenes';
import { putRisks } from './risks';

export const dexieJobStorage = (): ReviewJobStorage => ({
  queueRows,
  getItem,
  getImage,
  appendDecision,
  decisionsAfter,
  setAssignees,
  loadScene,
  listScenes,
  listViews,
  saveScene,
  projectItemIds,
  imageSizes,
  imageBytes,
  imageHashes,
  lastSeq,
  putImportBatch,
  getProject: (id) => db().projects.get(id),
  putProject: (p) => db().projects.put(p),
  projectImages: (project) => db().images.where('project').equals(project).toArray(),
  putImages: (images) => db().images.bulkPut(images),
  putItems: (items) => db().items.bulkPut(items),
  putScene: (s) => db().scenes.put(s),
  allScenes: () => db().scenes.toArray(),
  projectViews: (project) => db().views.where('project').equals(project).toArray(),
  putView: (v) => db().views.put(v),
  startImport: (project, dropped) => ImportTracker.start(project, dropped),
  putRisks,
});
