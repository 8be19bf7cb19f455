// The review side's ports as the browser provides them: Dexie storage, the review worker,
// BroadcastChannel, object URLs, localStorage for the tabs' leases and Web Locks for which tabs live.
import type { Broadcast, LeaseStorage, Media, ReviewPorts, ReviewStorage, TabLife } from '../../app/review/ports';
import { LeaseBook } from '../../app/review/leaseBook';
import { importRunning, withImportLock } from './importLock';
import { ReviewClient } from './reviewClient';
import { dismissImport, unfinishedImports } from './storage/imports';
import { setProjectBlind } from './storage/projectSettings';
import { appendDecision, createProject, decisionsAfter, getImage, getItem, listProjects, listViews, queueRows, saveView, setAssignees, storageStatus } from './storage/review';
import { fillQuestionStarts, searchTexts } from './storage/rowText';
import { listScenes, loadScene } from './storage/scenes';
import { itemRisks } from './storage/risks';

/** The review's repositories over the page's IndexedDB (the same functions the review worker uses). */
export const dexieReviewStorage = (): ReviewStorage => ({
  listProjects,
  createProject,
  setProjectBlind,
  queueRows,
  getItem,
  fillQuestionStarts,
  searchTexts,
  setAssignees,
  getImage,
  appendDecision,
  decisionsAfter,
  listViews,
  saveView,
  listScenes,
  loadScene,
  unfinishedImports,
  dismissImport,
  importRunning,
  withImportLock,
  storageStatus,
  itemRisks,
});

const CHANNEL = 'spatial-lens-review';

function browserBroadcast(): Broadcast {
  const ch = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null;
  return {
    post: (m) => ch?.postMessage(m),
    listen(fn) {
      const on = (ev: MessageEvent) => fn(ev.data);
      ch?.addEventListener('message', on);
      return () => ch?.removeEventListener('message', on);
    },
  };
}

const browserMedia: Media = { url: (b) => URL.createObjectURL(b), revoke: (u) => URL.revokeObjectURL(u) };

const TAB_LOCK = 'spatial-lens-tab:';

/** This tab among the others: a Web Lock named after it held for as long as it lives; lease changes heard as `storage` events. */
function browserTabLife(): TabLife {
  const tab = Math.random().toString(36).slice(2, 10);
  const locks = typeof navigator !== 'undefined' ? (navigator.locks ?? null) : null;
  const win = typeof window !== 'undefined' ? window : null;
  // held until the tab goes: the request's promise never settles
  void locks?.request(TAB_LOCK + tab, () => new Promise<void>(() => undefined)).catch(() => undefined);
  return {
    tab,
    async alive() {
      if (!locks) return undefined;
      try {
        const held = (await locks.query()).held ?? [];
        return new Set(held.map((l) => l.name ?? '').filter((n) => n.startsWith(TAB_LOCK)).map((n) => n.slice(TAB_LOCK.length)));
      } catch {
        return undefined;
      }
    },
    onLeasesChanged: (fn) => win?.addEventListener('storage', (e: StorageEvent) => LeaseBook.isLeaseKey(e.key) && fn()),
    onHide: (fn) => win?.addEventListener('pagehide', () => fn()),
    onShow: (fn) => win?.addEventListener('pageshow', (e: PageTransitionEvent) => e.persisted && fn()),
  };
}

export function browserReviewPorts(ls: LeaseStorage | null): ReviewPorts {
  return { storage: dexieReviewStorage(), compute: new ReviewClient(), broadcast: browserBroadcast(), media: browserMedia, leaseStorage: ls, tabs: browserTabLife() };
}
