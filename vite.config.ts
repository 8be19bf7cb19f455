import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';

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

export default defineConfig({
  plugins: [react(), modelsFolder()],
  server: { port: 5173, strictPort: true, headers: isolation },
  preview: { port: 4173, strictPort: true, headers: isolation },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
});
