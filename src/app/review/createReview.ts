// The review side of the application, wired: the store, the keyboard's queue on it, and the tabs'
// leases. createApp builds it from the page's ports; tests build as many as they like (two over one
// storage are two tabs).
import type { Clock, Files, Ids, Settings } from '../ports';
import { createReviewKeys } from './keys';
import { LeaseBook } from './leaseBook';
import { createReviewLeases } from './leases';
import type { ReviewPorts } from './ports';
import { createReviewStore } from './store';

export function createReview(review: ReviewPorts, ports: { settings: Settings; clock: Clock; ids: Ids; files: Files }) {
  const book = new LeaseBook(review.leaseStorage, () => ports.clock.now(), review.tabs.tab);
  // only these four from the app's ports: the whole Ports object createApp passes also has the lift
  // side's storage and compute, which must not replace the review's own
  const store = createReviewStore({ ...review, settings: ports.settings, clock: ports.clock, ids: ports.ids, files: ports.files, leases: book });
  const keys = createReviewKeys(store);
  const leases = createReviewLeases(store, book, review.tabs);
  return {
    store,
    keys,
    leases,
    dispose() {
      leases.stop();
      store.stopChannel();
    },
  };
}
