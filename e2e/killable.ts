// A Chromium the test starts itself on a profile directory and drives over CDP, so that it can be
// killed without warning (SIGKILL) and started again on the same profile: what a closed tab, a
// crash or a power cut leaves behind.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { type Browser, type Page, chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';

export interface Running {
  proc: ChildProcess;
  browser: Browser;
  page: Page;
}

export async function startChromium(profile: string, port: number, viewport = { width: 1440, height: 900 }): Promise<Running> {
  const proc = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--headless=new', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  let browser: Browser | null = null;
  for (let i = 0; i < 100 && !browser; i++) {
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`).catch(() => null);
    if (!browser) await new Promise((r) => setTimeout(r, 150));
  }
  if (!browser) {
    proc.kill('SIGKILL');
    throw new Error('Chromium did not start');
  }
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize(viewport);
  return { proc, browser, page };
}

/**
 * Kills Chromium and every process it started at once (no unload, no flush: a crash or a power cut)
 * and waits for the browser to be gone. Killing the browser process alone leaves its renderer
 * running on for seconds, still writing through its storage process.
 */
export async function killChromium(run: Running): Promise<void> {
  if (run.proc.exitCode !== null || run.proc.signalCode !== null || run.proc.pid === undefined) return;
  const gone = new Promise((r) => run.proc.once('exit', r));
  // the whole tree, read before anything dies (orphans are re-parented and could not be found after)
  for (const pid of [run.proc.pid, ...descendants(run.proc.pid)]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await gone;
}

/** The processes started by `pid`, its children's children included (Linux /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")"
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

export async function stopChromium(run: Running): Promise<void> {
  const alive = run.proc.exitCode === null && run.proc.signalCode === null;
  // closing over a connection to a browser that was killed never answers
  if (alive) await Promise.race([run.browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
  await killChromium(run);
}
