// The whole application in Node, driven as a user would: files opened from disk, pointer gestures on
// the objects overlay in photo pixels, keys; `settle()` waits for everything started to finish. In
// the style of tldraw's TestEditor: a real app over in-memory ports, helpers that read like the
// user's actions, and the stores to assert on.
// IndexedDB in memory, before Dexie loads (it reads the global once)
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { db } from '../../adapters/browser/storage/db';
import { type App, createApp } from '../createApp';
import { type Gesture, type GestureEffect, type GestureScene, IDLE, applyGestureEffects, closePolygon, pointerDownAnywhere, pointerMove, pointerUp } from '../objects/gestures';
import { pressWorkspaceKey } from '../scene/keys';
import { memoryPorts } from './memoryPorts';

export interface KeyOptions {
  repeat?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  alt?: boolean;
}

export interface TestHelpers {
  ports: ReturnType<typeof memoryPorts>;
  downloads: ReturnType<typeof memoryPorts>['saved'];
  openFiles(paths: string[], names?: string[]): Promise<void>;
  pointerDown(this: TestApp, u: number, v: number): TestApp;
  pointerMove(this: TestApp, u: number, v: number): TestApp;
  pointerUp(this: TestApp): TestApp;
  doubleClick(this: TestApp): TestApp;
  currentGesture(): Gesture;
  keyDown(key: string, o?: KeyOptions): boolean;
  track<T>(p: Promise<T>): Promise<T>;
  settle(): Promise<void>;
  dispose(): void;
}

export type TestApp = App & TestHelpers;

/** Empties the (fake) IndexedDB the storage port writes to: each test starts with a new project. */
export async function resetStorage(): Promise<void> {
  await db().delete();
  await db().open();
}

export function createTestApp(opts: { ports?: Partial<ReturnType<typeof memoryPorts>> } = {}): TestApp {
  const ports = { ...memoryPorts(), ...opts.ports };
  const app = createApp(ports);
  return Object.assign(app, testHelpers(app, ports));
}

function testHelpers(app: App, ports: ReturnType<typeof memoryPorts>): TestHelpers {
  const running = new Set<Promise<unknown>>();
  /** Keeps track of work a helper started, for settle(). */
  const track = <T>(p: Promise<T>): Promise<T> => {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => {});
    return p;
  };
  let gesture: Gesture = IDLE;
  /** What the overlay's gestures read: the photo on screen at its stored size. */
  const overlay = (): GestureScene => {
    const image = app.scene.getState().scene?.scene.image;
    if (!image) throw new Error('pointer on the objects overlay: no photo is lifted');
    const o = app.objects.getState();
    return { tool: o.tool, objects: o.objects, selectedId: o.selectedId, width: image.width, height: image.height };
  };
  const disposeApp = app.dispose;
  const apply = (effects: GestureEffect[]) => track(applyGestureEffects(effects, app.objects.getState()));

  return {
    ports,
    /** The files the app offered for download, in order. */
    downloads: ports.saved,

    /** Opens files from disk as if dropped on the page (photos, depth maps, intrinsics, scene files, COCO). */
    async openFiles(paths: string[], names?: string[]): Promise<void> {
      const files = paths.map((p, k) => new File([new Uint8Array(fs.readFileSync(p))], names?.[k] ?? path.basename(p)));
      await track(app.scene.getState().openFiles(files));
      await this.settle();
    },

    /** Presses on the objects overlay at a stored-photo pixel (a selected box's corner handle first, as on the page). */
    pointerDown(u, v) {
      const step = pointerDownAnywhere(gesture, overlay(), [u, v]);
      gesture = step.gesture;
      void apply(step.effects);
      return this;
    },
    pointerMove(u, v) {
      gesture = pointerMove(gesture, overlay(), [u, v]);
      return this;
    },
    pointerUp() {
      const r = pointerUp(gesture, overlay());
      gesture = r.gesture;
      void apply(r.effects);
      return this;
    },
    /** Double-click on the overlay: closes the polygon being drawn. */
    doubleClick() {
      const r = closePolygon(gesture);
      gesture = r.gesture;
      void apply(r.effects);
      return this;
    },
    // the gesture under way (a box being dragged or drawn, a polygon's corners). */
    currentGesture: () => gesture,

    /**
     * A key pressed on the page (not in a field): the review queue's keys in the review workspace,
     * else the scene and questions keys. Returns whether the key was used.
     */
    keyDown(key: string, o: KeyOptions = {}): boolean {
      if (app.view.getState().mode === 'review') {
        const r = app.reviewKeys.press({ key, repeat: !!o.repeat, ctrl: !!o.ctrl, meta: !!o.meta, alt: !!o.alt, shift: !!o.shift, focus: 'page' });
        return r.handled;
      }
      return pressWorkspaceKey({ key, ctrl: o.ctrl, meta: o.meta, shift: o.shift }, app);
    },

    /** Tracks a promise the test started through a store, so that settle() waits for it too. */
    track,

    /**
     * Waits until the work the helpers started and the stores' own follow-ups (objects lifted after a
     * scene, the debounced save of edited objects) are done.
     */
    async settle(): Promise<void> {
      for (let round = 0; round < 200; round++) {
        await Promise.allSettled([...running]);
        // follow-ups run off timers and resolved promises: give them a turn, then look again
        await new Promise((r) => setTimeout(r, 10));
        const busy = app.scene.getState().phase === 'working' || app.objects.getState().busy !== null || app.qa.getState().busy !== null;
        if (!running.size && !busy) return;
      }
      throw new Error('settle(): the app is still busy after 2 s');
    },

    /** Stops the app's timers and subscriptions. */
    dispose(): void {
      disposeApp();
      app.reviewLeases.stop();
    },
  };
}
