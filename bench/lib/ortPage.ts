// A tiny same-origin, cross-origin-isolated server for the inference benches: a page whose
// `window.bench(args)` runs the given module-worker source once per call (onnxruntime-web in a
// module worker, as in the app: on the page's own thread its WASM thread pool would have to
// busy-wait, since the main thread may not block on Atomics.wait), onnxruntime-web's files under
// /ort/, and whatever else `fileFor` maps a URL to (the models).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export function serveOrtPage(workerSource: string, ortDist: string, fileFor: (url: string) => string | null): Promise<{ url: string; close: () => void }> {
  const page = `<!doctype html><script type="module">
    window.bench = (args) => new Promise((resolve) => {
      const w = new Worker('/bench-worker.mjs', { type: 'module' });
      w.onmessage = (e) => { w.terminate(); resolve(e.data); };
      w.postMessage(args);
    });
    window.ready = true;
  </script>`;
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    if (url === '/') return res.end(page);
    if (url === '/bench-worker.mjs') return (res.setHeader('Content-Type', 'text/javascript'), res.end(workerSource));
    const file = url.startsWith('/ort/') ? path.join(ortDist, path.basename(url)) : fileFor(url);
    if (!file || !fs.existsSync(file)) return ((res.statusCode = 404), res.end());
    res.setHeader('Content-Type', file.endsWith('.mjs') ? 'text/javascript' : file.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream');
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() })));
}
