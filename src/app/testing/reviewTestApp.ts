// The review side of the application driven in Vitest, as tldraw's TestEditor drives its editor:
// the same stores and wiring the page builds (createReview), over in-memory ports — IndexedDB is
// fake-indexeddb behind the same Dexie adapter the page uses, the review jobs run in-process, the
// tab channel and localStorage are shared by the tabs of one TestBrowser. Keys go in as the page's
// key handler sends them (`keyDown`), and `settle` waits for the queue of keys to drain.
// (The lift side's TestApp folds this in: `createTestApp().review` can be this object.)
import 'fake-indexeddb/auto';
import { dexieReviewStorage } from '../../adapters/browser/reviewPorts';
import type { KeyFocus, PressResult } from '../../domain/review/keyQueue';
import type { Settings } from '../ports';
import { createReview } from '../review/createReview';
import type { Broadcast, LeaseStorage, Media, ReviewCompute, ReviewPorts, TabLife } from '../review/ports';

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A Map seen as localStorage (key enumeration included, for the leases). */
export class MemoryLocalStorage implements LeaseStorage {
  readonly m = new Map<string, string>();
  constructor(private readonly changed: (key: string) => void = () => undefined) {}
  get length() {
    return this.m.size;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
    this.changed(k);
  }
  removeItem(k: string) {
    this.m.delete(k);
    this.changed(k);
  }
  keys() {
    return [...this.m.keys()];
  }
}

interface TabHooks {
  tab: string;
  message: ((m: unknown) => void)[];
  leases: (() => void)[];
  hide: (() => void)[];
  show: (() => void)[];
}

/**
 * One browser profile: the origin's localStorage and BroadcastChannel shared by its tabs, and one
 * IndexedDB (fake-indexeddb is one per process: every TestBrowser of a test file sees the same).
 */
export class TestBrowser {
  private tabs: TabHooks[] = [];
  private n = 0;
  /** localStorage: settings and the tabs' leases; another tab's write is heard as a `storage` event. */
  readonly local = new MemoryLocalStorage((k) => {
    if (k.startsWith('spatial-lens:lease:')) for (const t of this.tabs) setTimeout(() => t.leases.forEach((f) => f()), 0);
  });

  tab(opts: { compute?: ReviewCompute } = {}): ReviewTestApp {
    const { ports, close } = this.tabPorts(opts);
    return new ReviewTestApp(ports, settingsOver(this.local), close);
  }

  /** The review ports of one more tab of this browser, and how to close it (createTestApp uses them). */
  tabPorts(opts: { compute?: ReviewCompute } = {}): { ports: ReviewPorts; close: () => void } {
    const hooks: TabHooks = { tab: `tab${++this.n}`, message: [], leases: [], hide: [], show: [] };
    this.tabs.push(hooks);
    const broadcast: Broadcast = {
      // like BroadcastChannel: delivered later, to the other tabs only
      post: (m) => {
        for (const t of this.tabs) if (t !== hooks) setTimeout(() => t.message.forEach((f) => f(structuredClone(m))), 0);
      },
      listen: (fn) => {
        hooks.message.push(fn);
        return () => void hooks.message.splice(hooks.message.indexOf(fn), 1);
      },
    };
    const tabs: TabLife = {
      tab: hooks.tab,
      alive: async () => new Set(this.tabs.map((t) => t.tab)),
      onLeasesChanged: (fn) => void hooks.leases.push(fn),
      onHide: (fn) => void hooks.hide.push(fn),
      onShow: (fn) => void hooks.show.push(fn),
    };
    const ports: ReviewPorts = { storage: dexieReviewStorage(), compute: opts.compute ?? noCompute, broadcast, media: new FakeMedia(), leaseStorage: this.local, tabs };
    const close = () => {
      hooks.hide.forEach((f) => f());
      this.tabs = this.tabs.filter((t) => t !== hooks);
    };
    return { ports, close };
  }
}

const settingsOver = (ls: MemoryLocalStorage): Settings => ({ get: (k) => ls.getItem(k), set: (k, v) => ls.setItem(k, v), remove: (k) => ls.removeItem(k) });

/** Object URLs that are only names: which were made, and which let go. */
export class FakeMedia implements Media {
  private n = 0;
  readonly live = new Set<string>();
  url(_b: Blob) {
    const u = `mem:photo/${++this.n}`;
    this.live.add(u);
    return u;
  }
  revoke(u: string) {
    this.live.delete(u);
  }
}

const refuse = async (): Promise<never> => {
  throw new Error('this test app has no review jobs: pass { compute } to the tab');
};
const noCompute: ReviewCompute = { importFiles: refuse, exportItems: refuse, measureExport: refuse, backup: refuse, restore: refuse, auditRisks: refuse };

export interface KeyOpts {
  repeat?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  alt?: boolean;
  focus?: KeyFocus;
}

export class ReviewTestApp {
  readonly review;
  readonly keys;
  readonly leases;
  /** Files handed to the user (exports, backups), in order. */
  readonly saved: { name: string; blob: Blob }[] = [];
  private readonly wired;

  constructor(
    readonly ports: ReviewPorts,
    settings: Settings,
    private readonly close: () => void,
  ) {
    this.wired = createReview(ports, { settings, clock: { now: () => Date.now() }, ids: { uid: () => crypto.randomUUID() }, files: { save: (blob, name) => void this.saved.push({ name, blob }), asset: refuse } });
    this.review = this.wired.store;
    this.keys = this.wired.keys;
    this.leases = this.wired.leases;
  }

  /** The review store's state now. */
  get s() {
    return this.review.getState();
  }

  /** Opens a project and waits for its first item to be shown. */
  async open(project = 'default'): Promise<this> {
    await this.s.open(project);
    return this.settle();
  }

  /** A key pressed on the page (as the window's keydown handler sends it). */
  keyDown(key: string, opts: KeyOpts = {}): PressResult {
    return this.keys.press({ key, repeat: opts.repeat, shift: opts.shift, ctrl: opts.ctrl, meta: opts.meta, alt: opts.alt, focus: opts.focus ?? 'page' });
  }

  /**
   * The pointer on image `image` of the item on screen (or `opts.item`: the item the gesture began
   * on) at continuous image coordinates, as the photo's overlay sends it once it has mapped the
   * screen to the image; the size of the image and the hit tolerance (image pixels) with it.
   */
  pointer(phase: 'down' | 'move' | 'up', x: number, y: number, opts: { image?: number; item?: string; size?: { width: number; height: number }; tolerance?: number } = {}): void {
    const p = { item: opts.item ?? this.s.current?.row.id ?? '', image: opts.image ?? 0, x, y, size: opts.size ?? { width: 640, height: 480 }, tolerance: opts.tolerance ?? 8 };
    if (phase === 'down') this.s.markDown(p);
    else if (phase === 'move') this.s.markMove(p);
    else this.s.markUp(p);
  }

  /** Keys typed one after another, space-separated (`'a r 3'`), without waiting between them. */
  type(keys: string): this {
    for (const k of keys.split(/\s+/).filter(Boolean)) this.keyDown(k);
    return this;
  }

  /** Waits until the keys typed have all been applied and the bookkeeping after them is done. */
  async settle(timeoutMs = 10_000): Promise<this> {
    const until = Date.now() + timeoutMs;
    for (let quiet = 0; quiet < 3; ) {
      await tick();
      if (Date.now() > until) throw new Error(`the review did not settle in ${timeoutMs} ms (${this.keys.status.getState().waiting} keys waiting)`);
      quiet = this.keys.status.getState().waiting === 0 && !this.s.busy && !this.s.searching ? quiet + 1 : 0;
    }
    return this;
  }

  /** Closes the tab (its leases go, its channel stops). */
  dispose(): void {
    this.close();
    this.wired.dispose();
  }
}

/** One tab of a fresh browser profile. */
export const createReviewTestApp = (opts: { compute?: ReviewCompute } = {}) => new TestBrowser().tab(opts);
