// The service worker: the app shell, WASM files, bundled models and sample are precached (Workbox,
// manifest injected by vite-plugin-pwa at build) so the app opens offline after the first visit;
// every response it gives carries the cross-origin isolation headers, so a host that sends none
// (GitHub Pages, S3, python -m http.server) still gets SharedArrayBuffer and WASM threads after the
// first load (the coi-serviceworker approach, folded into Workbox's precache handler).
/// <reference lib="webworker" />
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null } | string> };

const ISOLATION: [string, string][] = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Embedder-Policy', 'require-corp'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

function isolate(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [k, v] of ISOLATION) headers.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

addPlugins([{ handlerWillRespond: async ({ response }) => isolate(response) }]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every navigation inside the app opens the precached shell (offline too).
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// Anything else the app asks its own origin for (a deployment's models/catalogue.json, a mirror
// under the same origin) goes to the network untouched; other origins (the model host) as well.

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
