import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Cross-origin isolation lets onnxruntime-web use WASM threads (SharedArrayBuffer).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The top-level models/ folder (manifest.json plus the .onnx files users place there) is served
 * at /models/ by the dev and preview servers and copied into the build, without living in public/.
 */
function modelsFolder(): Plugin {
  const root = path.resolve(import.meta.dirname, 'models');
  const serve = (req: { url?: string }, res: import('node:http').ServerResponse, next: () => void) => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0]);
    if (!url.startsWith('/models/')) return next();
    const file = path.resolve(root, url.slice('/models/'.length));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.statusCode = 404;
      return res.end('not found');
    }
    res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
    for (const [k, v] of Object.entries(isolation)) res.setHeader(k, v);
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    fs.createReadStream(file).pipe(res);
  };
  return {
    name: 'spatial-lens-models',
    configureServer: (server) => void server.middlewares.use(serve),
    configurePreviewServer: (server) => void server.middlewares.use(serve),
    writeBundle(options) {
      const out = path.resolve(options.dir ?? 'dist', 'models');
      fs.mkdirSync(out, { recursive: true });
      for (const f of fs.readdirSync(root)) if (fs.statSync(path.join(root, f)).isFile()) fs.copyFileSync(path.join(root, f), path.join(out, f));
    },
  };
}

/** Origin of the build-time model mirror, if any (it must be reachable under the app's CSP). */
const MODEL_BASE = process.env.SPATIAL_LENS_MODEL_BASE ?? '';
const mirrorOrigin = MODEL_BASE ? new URL(MODEL_BASE).origin : '';

/**
 * The built page's Content-Security-Policy: scripts only from the app (WASM compiled, never eval),
 * network only to the app, the model host and its CDN (the resolve URL redirects to *.hf.co) and a
 * build-time mirror; photos are object URLs (blob:). A meta tag, so any static host applies it.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  // React sets inline style attributes (progress bars, overlays); no inline <style> or <script>
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' blob: data:",
  `connect-src 'self' blob: data: https://huggingface.co https://*.hf.co${mirrorOrigin ? ` ${mirrorOrigin}` : ''}`,
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "manifest-src 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'spatial-lens-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

export default defineConfig({
  // Root-relative: a subpath host (GitHub Pages project site) builds with `vite build --base /name/`.
  // A relative './' base worked too but put a 300 ms task on the main thread while a model ran
  // (e2e/inference.spec.ts), not understood yet.
  base: '/',
  plugins: [
    react(),
    modelsFolder(),
    contentSecurityPolicy(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: 'Spatial Lens',
        short_name: 'Spatial Lens',
        description: 'Lift photos into metric 3D scenes and review spatial question–answer items, in the browser.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#0d1b2a',
        theme_color: '#0d1b2a',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      injectManifest: {
        // The shell, the WASM runtimes, the bundled detector and the bundled sample: all offline.
        globPatterns: ['**/*.{html,js,mjs,css,wasm,json,png,jpg,onnx,txt,webmanifest}'],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  server: { port: 5173, strictPort: true, headers: isolation },
  preview: { port: 4173, strictPort: true, headers: isolation },
  worker: { format: 'es' },
  // A mirror for model downloads, fixed at build time (the app's connect-src allows it too).
  define: { 'import.meta.env.SPATIAL_LENS_MODEL_BASE': JSON.stringify(process.env.SPATIAL_LENS_MODEL_BASE ?? '') },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
});
