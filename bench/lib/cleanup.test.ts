// Every bench stops what it starts: a bench entry made to fail (or interrupted) just after its
// `vite preview` answers leaves the port free and no process behind.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-bench-dist-'));
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>stub</title>');
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const answers = (port: number) => fetch(`http://localhost:${port}/`).then((r) => r.ok, () => false);

/** Whether the port can be taken (nothing listens on it, on any address). */
async function portFree(port: number): Promise<boolean> {
  const s = net.createServer();
  const ok = await new Promise<boolean>((r) => {
    s.once('error', () => r(false));
    s.listen(port, () => r(true));
  });
  if (ok) await new Promise((r) => s.close(r));
  return ok;
}

function run(entry: string, port: number, fail: string): { p: ChildProcess; out: () => string; done: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const p = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, SPATIAL_LENS_PORT: String(port), SPATIAL_LENS_BENCH_DIST: dist, SPATIAL_LENS_BENCH_FAIL: fail },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  p.stdout!.on('data', (d) => (text += d));
  p.stderr!.on('data', (d) => (text += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => p.once('exit', (code, signal) => r({ code, signal })));
  return { p, out: () => text, done };
}

/** Waits until the port answers (the preview is up) or the bench has ended. */
async function untilServed(port: number, ended: () => boolean): Promise<boolean> {
  for (let i = 0; i < 600 && !ended(); i++) {
    if (await answers(port)) return true;
    await sleep(200);
  }
  return false;
}

/** After the bench ended: the port stays free for a few seconds (a vite left behind would still answer). */
async function staysFree(port: number): Promise<boolean> {
  for (let i = 0; i < 10; i++) {
    if ((await answers(port)) || !(await portFree(port))) return false;
    await sleep(300);
  }
  return true;
}

describe('benches stop what they start', () => {
  it('a step that fails after the preview answers: exit 1, the error said, the port free', async () => {
    const port = await freePort();
    const b = run('bench/depthScale.ts', port, 'served');
    const end = await b.done;
    expect(b.out()).toContain('failing on purpose at "served"');
    expect(end.code).toBe(1);
    expect(await staysFree(port)).toBe(true);
  }, 180_000);

  it.each([
    ['bench/viewer.ts', 'SIGINT', 0],
    ['bench/reviewText.ts', 'SIGTERM', 7],
  ] as const)('%s interrupted by %s while its preview runs: the port is free afterwards', async (entry, signal, offset) => {
    const port = await freePort();
    const b = run(entry, port - offset, 'hang:served');
    let ended = false;
    void b.done.then(() => (ended = true));
    expect(await untilServed(port, () => ended), b.out()).toBe(true);
    for (let i = 0; i < 100 && !b.out().includes('hanging on purpose'); i++) await sleep(100);
    b.p.kill(signal);
    const end = await b.done;
    expect(end.code).toBe(130);
    expect(b.out()).toContain(`${signal}: stopping what this bench started`);
    expect(await staysFree(port)).toBe(true);
  }, 180_000);
});
