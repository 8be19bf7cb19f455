// Wires the tabs' leases (storage/leases) to the review store: the item on screen is claimed (and
// renewed while it stays), the claim goes when the tab is closed, and other tabs' claims are
// followed through `storage` events so the item view can say when its item is open elsewhere.
import { createStore } from 'zustand/vanilla';
import { RENEW_MS } from '../domain/review/leases';
import { LeaseBook } from '../storage/leases';
import type { ReviewStore } from './reviewStore';

export interface LeaseState {
  /** Items this reviewer's other tabs hold on the project. */
  others: ReadonlySet<string>;
}

export function createReviewLeases(store: ReviewStore, book: LeaseBook, win: Pick<Window, 'addEventListener'> | null = typeof window !== 'undefined' ? window : null) {
  const status = createStore<LeaseState>()(() => ({ others: new Set() }));
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
    update();
  }, RENEW_MS);
  win?.addEventListener('storage', (e: StorageEvent) => LeaseBook.isLeaseKey(e.key) && update());
  // closing the tab lets its item go at once; a page brought back from the back/forward cache claims again
  win?.addEventListener('pagehide', () => book.release());
  win?.addEventListener('pageshow', (e: PageTransitionEvent) => e.persisted && claimShown());
  return { status, update, stop: () => clearInterval(timer) };
}
