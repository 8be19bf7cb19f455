// Registers the service worker (offline use, and cross-origin isolation where the host sends no
// COOP/COEP headers). The first visit to such a host loads without isolation; once the worker
// controls the page, one reload brings the isolated page. If that still fails (a browser without
// service workers, a private mode that refuses them), the app runs WASM on one thread and says so.
const RELOADED = 'spatial-lens:isolation-reload';

export type IsolationState = 'isolated' | 'single-thread' | 'pending';

let state: IsolationState = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated ? 'isolated' : 'pending';
const listeners = new Set<() => void>();
export const isolationState = (): IsolationState => state;
export const onIsolation = (f: () => void) => (listeners.add(f), () => void listeners.delete(f));
const settle = (s: IsolationState) => {
  state = s;
  for (const f of listeners) f();
};

export async function startServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return settle(crossOriginIsolated ? 'isolated' : 'single-thread');
  try {
    await navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
    if (crossOriginIsolated) {
      sessionStorage.removeItem(RELOADED);
      return settle('isolated');
    }
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise<void>((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
        setTimeout(resolve, 5000);
      });
    if (navigator.serviceWorker.controller && !sessionStorage.getItem(RELOADED)) {
      sessionStorage.setItem(RELOADED, '1');
      location.reload();
      return;
    }
  } catch {
    // refused (private mode, an insecure origin): one thread
  }
  settle('single-thread');
}
