// Kill trials: decisions made by keyboard in a real Chromium on a persistent profile, the whole
// browser killed with SIGKILL (its process group: no chance to flush anything) right after a decision
// is shown as made, the profile reopened, and every decision the screen showed as made looked for in
// IndexedDB. A decision counts as shown when the next item is on screen, which the app does only
// once the decision is committed. Some trials also press one more key and kill 0-30 ms later, before
// its decision can be shown: those may or may not be saved (reported, not judged). Two profiles run
// side by side (KILL_PARALLEL) to keep the run short; Chromium's start dominates each trial.
//   SPATIAL_LENS_PORT=4203 npx tsx bench/robustness/kill.ts        (KILL_TRIALS=100 by default)
// Exits non-zero when a decision shown as made is missing, or on any failure.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type Page, chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { type LoggedDecision, readDecisions, writeQuestions } from '../../e2e/reviewLog';
import { BASE, PORT, ensureBuild, exited, killGroup, onStop, serve, stopAll, table } from '../lib/serve';

const TRIALS = Number(process.env.KILL_TRIALS ?? 100);
const ITEMS = 400;
const CDP_PORT = PORT + 5180;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// the review tab needs no GPU (nor WebGPU): none is started
const ARGS = [...CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'), '--disable-gpu', '--disable-extensions', '--disable-dev-shm-usage'];

interface Life {
  proc: ChildProcess;
  browser: Browser;
  page: Page;
}

const PARALLEL = Math.max(1, Number(process.env.KILL_PARALLEL ?? 2));

/** One browser profile killed and reopened over and over (several run side by side). */
class Lane {
  private life: Life | null = null;
  readonly profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-kill-'));
  readonly shown: { item: string; decision: string; reasons?: readonly string[]; trial: number }[] = [];
  readonly inflight: { item: string; trial: number; found?: boolean }[] = [];
  readonly kinds = { 'kill at once': 0, 'kill 0-20 ms later': 0, 'kill with a key in flight': 0 };
  lost: string[] = [];
  log: LoggedDecision[] = [];

  constructor(readonly index: number) {
    onStop(() => fs.rmSync(this.profile, { recursive: true, force: true }));
    onStop(async () => {
      if (!this.life) return;
      killGroup(this.life.proc, 'SIGKILL');
      await exited(this.life.proc);
    });
  }

  /** Starts Chromium on the profile (its own process group) and opens the review tab. */
  private async start(): Promise<Life> {
    const port = CDP_PORT + this.index;
    const proc = spawn(CHROMIUM, [...ARGS, '--headless=new', `--remote-debugging-port=${port}`, `--user-data-dir=${this.profile}`, 'about:blank'], { stdio: 'ignore', detached: true });
    this.life = { proc } as Life;
    let browser: Browser | null = null;
    for (let i = 0; i < 600 && !browser; i++) {
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`).catch(() => null);
      if (!browser) await sleep(50);
    }
    if (!browser) throw new Error('Chromium did not start');
    const context = browser.contexts()[0];
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${BASE}?nosample`);
    await page.getByTestId('mode-review').click();
    await page.getByTestId('review-item').or(page.locator('.review-empty')).waitFor({ timeout: 60_000 });
    this.life = { proc, browser, page };
    return this.life;
  }

  /** Kills the browser's whole process group at once and waits until it is gone. */
  private async kill(): Promise<void> {
    const life = this.life!;
    killGroup(life.proc, 'SIGKILL');
    await exited(life.proc);
    this.life = null;
    // the connection is dead; let Playwright notice without waiting on it
    void life.browser.close().catch(() => undefined);
  }

  async run(trials: number[], questions: string, progress: () => void): Promise<void> {
    let life = await this.start();
    await life.page.getByTestId('review-file-input').setInputFiles(questions);
    await life.page.getByTestId('queue-counts').filter({ hasText: `${ITEMS} of ${ITEMS} items` }).waitFor({ timeout: 60_000 });
    for (const trial of trials) {
      const { page } = life;
      await page.getByTestId('review-item').waitFor({ timeout: 30_000 });
      await page.getByTestId('review-question').click();
      // one to three decisions, each waited for until the next item is on screen
      const n = 1 + (trial % 3);
      for (let k = 0; k < n; k++) {
        const m = MOVES[(trial + k) % MOVES.length];
        const before = (await itemOnScreen(page))!;
        for (const key of m.keys) await page.keyboard.press(key);
        await nextShown(page, before);
        this.shown.push({ item: before, decision: m.decision, reasons: m.reasons, trial });
      }
      const mode = trial % 3;
      if (mode === 1) {
        await sleep(Math.floor(Math.random() * 20));
        this.kinds['kill 0-20 ms later']++;
      } else if (mode === 2) {
        const before = (await itemOnScreen(page))!;
        void page.keyboard.press('a').catch(() => undefined);
        this.inflight.push({ item: before, trial });
        await sleep(Math.floor(Math.random() * 30));
        this.kinds['kill with a key in flight']++;
      } else this.kinds['kill at once']++;
      await this.kill();
      life = await this.start();
      // every decision shown so far is in the reopened profile's log
      this.log = await readDecisions(life.page);
      this.lost = this.shown.filter((s) => !found(this.log, s)).map((m) => `trial ${m.trial}: ${m.item} ${m.decision}`);
      const last = this.inflight.at(-1);
      if (last?.trial === trial) last.found = this.log.some((d) => d.item === last.item && d.decision === 'accept');
      progress();
    }
    await this.kill();
  }
}

const itemOnScreen = (page: Page) => page.getByTestId('review-item').getAttribute('data-item-id', { timeout: 30_000 });

/** Resolves once another item than `before` is on screen (the decision on `before` is committed). */
const nextShown = (page: Page, before: string) =>
  page.waitForFunction((b) => document.querySelector('[data-testid="review-item"]')?.getAttribute('data-item-id') !== b, before, { polling: 'raf', timeout: 30_000 });

/** A decision key sequence and the log entry it must leave. */
const MOVES = [
  { keys: ['a'], decision: 'accept', reasons: undefined },
  { keys: ['r', '2'], decision: 'reject', reasons: ['incorrect-choices'] },
  { keys: ['a'], decision: 'accept', reasons: undefined },
  { keys: ['r', '5'], decision: 'reject', reasons: ['bad-3d'] },
] as const;

const found = (log: LoggedDecision[], s: { item: string; decision: string; reasons?: readonly string[] }) =>
  log.some((d) => d.item === s.item && d.decision === s.decision && (d.reasons ?? []).join() === (s.reasons ?? []).join());

async function main() {
  ensureBuild();
  await serve();
  const t0 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-kill-q-'));
  onStop(() => fs.rmSync(dir, { recursive: true, force: true }));
  const questions = writeQuestions(dir, 'kill.jsonl', ITEMS);
  const lanes = Array.from({ length: PARALLEL }, (_, i) => new Lane(i));
  let done = 0;
  const progress = () => {
    if (++done % 10 === 0) console.log(`  ${done} of ${TRIALS} trials, ${lanes.reduce((n, l) => n + l.lost.length, 0)} lost, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  };
  const all = Array.from({ length: TRIALS }, (_, i) => i + 1);
  await Promise.all(lanes.map((l, i) => l.run(all.filter((t) => t % PARALLEL === i), questions, progress)));

  const sum = (f: (l: Lane) => number) => lanes.reduce((n, l) => n + f(l), 0);
  const shown = sum((l) => l.shown.length);
  const lost = sum((l) => l.lost.length);
  const verdicts = lanes.flatMap((l) => l.log.filter((d) => d.decision !== 'undo'));
  const inflight = sum((l) => l.inflight.length);
  const inflightFound = sum((l) => l.inflight.filter((f) => f.found).length);
  const twice = sum((l) => {
    const per = new Map<string, number>();
    for (const d of l.log) if (d.decision !== 'undo') per.set(d.item, (per.get(d.item) ?? 0) + 1);
    return [...per.values()].filter((c) => c > 1).length;
  });
  const kinds = Object.keys(lanes[0].kinds).map((k) => [`  ${k}`, sum((l) => l.kinds[k as keyof Lane['kinds']])] as [string, number]);

  console.log(`\nKill-after-decision trials: SIGKILL of Chromium's whole process group right after a decision is shown, profile reopened (${PARALLEL} profiles side by side, ${CHROMIUM})`);
  console.log(
    table([
      ['', 'count'],
      ['trials (browser lives killed)', TRIALS],
      ...kinds,
      ['decisions shown as made', shown],
      ['  found after reopening', shown - lost],
      ['  lost', lost],
      ['keys pressed 0-30 ms before the kill (not shown)', inflight],
      ['  saved all the same (found on reopening)', inflightFound],
      ['decisions in the logs', verdicts.length],
      ['items decided more than once', twice],
    ]),
  );
  console.log(`time: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (lost || twice) {
    console.log(`LOST: ${lanes.flatMap((l) => l.lost).slice(0, 20).join('; ')}`);
    throw new Error(lost ? `${lost} decisions shown as made were lost` : `${twice} items were decided more than once`);
  }
  console.log('PASS: no decision shown as made was lost');
}

main()
  .then(() => stopAll())
  .catch(async (e) => {
    console.error(`FAIL: ${(e as Error)?.message ?? e}`);
    await stopAll();
    process.exitCode = 1;
  });
