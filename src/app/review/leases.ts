// Wires the tabs' leases (leaseBook) to the review store: the item on screen is claimed (and renewed
// while it stays), the claim goes when the tab is closed, and other tabs' claims are followed (the
// TabLife port's change events) so the item view can say when its item is open elsewhere. Which
// tabs are still alive comes from the same port (Web Locks in the browser: each tab holds one named
// after it for as long as it lives, and the browser drops it when the tab closes or crashes).
import { createStore } from 'zustand/vanilla';
import { RENEW_MS } from '../../domain/review/leases';
import type { LeaseBook } from './leaseBook';
import type { TabLife } from './ports';
import type { ReviewStore } from './store';

export interface LeaseState {
  /** Items this reviewer's other tabs hold on the project. */
  others: ReadonlySet<string>;
}

export function createReviewLeases(store: ReviewStore, book: LeaseBook, tabs: TabLife) {
  const status = createStore<LeaseState>()(() => ({ others: new Set() }));
  const readAlive = async () => {
    book.alive = await tabs.alive();
  };
  const update = () => {
    const { project, reviewer } = store.getState();
    const others = book.others(project, reviewer);
    const had = status.getState().others;
    if (others.size !== had.size || [...others].some((i) => !had.has(i))) status.setState({ others });
  };
  const claimShown = () => {
    const s = store.getState();
    book.claim(s.project, s.reviewer, s.current?.row.id ?? null);
  };
  store.subscribe((s, p) => {
    if (s.current?.row.id === p.current?.row.id && s.project === p.project && s.reviewer === p.reviewer) return;
    claimShown();
    update();
  });
  const timer = setInterval(() => {
    book.renew();
    void readAlive().then(update);
  }, RENEW_MS);
  void readAlive().then(update);
  tabs.onLeasesChanged(() => void readAlive().then(update));
  // closing the tab lets its item go at once; a page brought back from the back/forward cache claims again
  tabs.onHide(() => book.release());
  tabs.onShow(() => claimShown());
  return { status, update, stop: () => clearInterval(timer) };
}
