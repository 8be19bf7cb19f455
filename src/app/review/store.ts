// The review workspace's store: the project's queue (filtered, sorted, counted), the item on screen,
// the reviewer's decisions (written to storage before the next item is shown), undo, import, export,
// backup, samples, assignments and the dashboard numbers. Built from slices, each in the module
// named for what it holds; the state they share is in the store (the open project's session
// included), nothing hidden in closures.
import { createStore } from 'zustand/vanilla';
import { tabChannel } from './channel';
import type { Ctx, ReviewDeps } from './context';
import { keymapSlice } from './keymap';
import { marksSlice } from './marks';
import { PhotoUrls } from './photos';
import type { ReviewPorts } from './ports';
import { queueSlice, relist } from './queue';
import { risksSlice } from './risks';
import { ReviewSession } from './reviewSession';
import { sessionSlice } from './session';
import { statsSlice } from './stats';
import { transferSlice } from './transfer';
import type { ReviewStoreState } from './types';
import { DEFAULT_PROJECT } from '../../domain/review/project';

export type ReviewStoreDeps = Omit<ReviewDeps, 'tell' | 'photos'> & Pick<ReviewPorts, 'broadcast' | 'media'>;

export function createReviewStore(deps: ReviewStoreDeps) {
  let channel: ReturnType<typeof tabChannel> | undefined;
  const store = createStore<ReviewStoreState>()((set, get) => {
    const c: Ctx = {
      get,
      set,
      deps: { ...deps, tell: (m) => channel?.tell(m), photos: new PhotoUrls(deps.media, deps.storage) },
      relist: (keepCurrent) => relist(c, keepCurrent),
    };
    return {
      session: new ReviewSession(DEFAULT_PROJECT),
      ...keymapSlice(c),
      ...queueSlice(c),
      ...sessionSlice(c),
      ...transferSlice(c),
      ...statsSlice(c),
      ...risksSlice(c),
      ...marksSlice(c),
    };
  });
  channel = tabChannel(deps.broadcast, (m) => {
    if (m.project === store.getState().project) void store.getState().refresh(m.rows);
  });
  return Object.assign(store, { stopChannel: channel.stop });
}

export type ReviewStore = ReturnType<typeof createReviewStore>;
