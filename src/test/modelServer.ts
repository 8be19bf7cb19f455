// A plain HTTP server for tests, standing in for a static host and for the model host: it serves a
// folder (the built app) with no isolation headers, and model files under the model host's URL
// layout (<repo>/resolve/<rev>/<path>), with byte ranges, an optional redirect to a "CDN" path as
// Hugging Face does, CORS as the CDN sends it, and an optional throttle so progress can be watched.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ServedRequest {
  method: string;
  url: string;
  range?: string;
  status: number;
}

export interface TestServerOptions {
  /** Folder served at / (index.html for /). */
  root?: string;
  /** URL path (no leading slash, e.g. "test/tiny/resolve/r1/model.onnx") → bytes. */
  files?: Map<string, Uint8Array>;
  /** Extra URL path → text body (e.g. "models/catalogue.json"); wins over `root`. */
  texts?: Map<string, string>;
  ranges?: boolean;
  /** Answer resolve URLs with a 302 to /cdn/<same path>. */
  redirect?: boolean;
  /** Bytes per second for model files; whole file at once when absent. */
  bytesPerSecond?: number;
  port?: number;
}

const TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript'],
  ['.mjs', 'text/javascript'],
  ['.css', 'text/css'],
  ['.json', 'application/json'],
  ['.webmanifest', 'application/manifest+json'],
  ['.wasm', 'application/wasm'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.svg', 'image/svg+xml'],
  ['.onnx', 'application/octet-stream'],
]);

export interface TestServer {
  url: string;
  port: number;
  log: ServedRequest[];
  options: TestServerOptions;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const log: ServedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const entry: ServedRequest = { method: req.method ?? 'GET', url, range: req.headers.range, status: 0 };
    log.push(entry);
    const send = (status: number, headers: Record<string, string | number> = {}, body?: string | Uint8Array) => {
      entry.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Accept-Ranges, Content-Range, Content-Length, ETag' };
    if (req.method === 'OPTIONS') return send(204, { ...cors, 'Access-Control-Allow-Headers': 'Range', 'Access-Control-Allow-Methods': 'GET, HEAD' });

    let key = url.replace(/^\/+/, '');
    const cdn = key.startsWith('cdn/');
    if (cdn) key = key.slice(4);
    const model = options.files?.get(key);
    if (model) {
      if (options.redirect && !cdn) return send(302, { ...cors, Location: `/cdn/${key}` });
      const head = { ...cors, 'Content-Type': 'application/octet-stream', ...(options.ranges ? { 'Accept-Ranges': 'bytes' } : {}) };
      let start = 0;
      let status = 200;
      const m = options.ranges ? req.headers.range?.match(/^bytes=(\d+)-$/) : null;
      if (m) {
        start = Number(m[1]);
        if (start >= model.length) return send(416, { ...head, 'Content-Range': `bytes */${model.length}` });
        status = 206;
        Object.assign(head, { 'Content-Range': `bytes ${start}-${model.length - 1}/${model.length}` });
      }
      const body = model.subarray(start);
      entry.status = status;
      res.writeHead(status, { ...head, 'Content-Length': body.length });
      if (!options.bytesPerSecond) return res.end(body);
      // Throttled: 20 slices a second.
      const slice = Math.max(1, Math.round(options.bytesPerSecond / 20));
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(body.subarray(at, at + slice));
        at += slice;
        if (at >= body.length) {
          clearInterval(timer);
          res.end();
        }
      }, 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    const text = options.texts?.get(key);
    if (text !== undefined) return send(200, { 'Content-Type': TYPES.get(path.extname(key)) ?? 'text/plain' }, text);
    if (!options.root) return send(404, cors, 'not found');
    const root = path.resolve(options.root);
    let file = path.resolve(root, key || 'index.html');
    if (!file.startsWith(root)) return send(403, {}, 'forbidden');
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return send(404, {}, 'not found');
    send(200, { 'Content-Type': TYPES.get(path.extname(file)) ?? 'application/octet-stream' }, fs.readFileSync(file));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
