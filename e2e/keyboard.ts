// Typing at a set pace through the DevTools protocol. Playwright's keyboard waits for the page to
// take each key (so a busy page slows the typist down), and two presses of one key in flight at once
// become a held key; a person's keyboard does neither. Here each key goes down and up at its time,
// without waiting for the page, and the browser delivers the events in order.
import type { CDPSession, Page } from '@playwright/test';

const codeOf = (k: string): { code: string; vk: number; text?: string } => {
  if (/^[a-z]$/i.test(k)) return { code: `Key${k.toUpperCase()}`, vk: k.toUpperCase().charCodeAt(0), text: k };
  if (/^[0-9]$/.test(k)) return { code: `Digit${k}`, vk: 48 + Number(k), text: k };
  const named: Record<string, number> = { Escape: 27, Enter: 13, ArrowDown: 40, ArrowUp: 38, ArrowLeft: 37, ArrowRight: 39 };
  if (k in named) return { code: k, vk: named[k] };
  throw new Error(`typeAt: no key code for ${k}`);
};

const sessions = new WeakMap<Page, CDPSession>();
async function session(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) sessions.set(page, (s = await page.context().newCDPSession(page)));
  return s;
}

// keys already due go out at once, back to back: a sender woken late catches up instead of drifting
const sleepUntil = async (t: number) => {
  const wait = t - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
};

/**
 * Presses `keys` one after the other, key i going down at i × `spacing` ms (up right after);
 * `autoRepeat` sends one held key instead (keyDowns marked as auto-repeat after the first, one keyUp).
 * Returns when each key was sent (ms from the first).
 */
export async function typeAt(page: Page, keys: string[], spacing: number, opts: { autoRepeat?: boolean } = {}): Promise<number[]> {
  const s = await session(page);
  const sent: Promise<unknown>[] = [];
  const t0 = performance.now();
  const at: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    await sleepUntil(t0 + i * spacing);
    at.push(performance.now() - t0);
    const { code, vk, text } = codeOf(keys[i]);
    const base = { key: keys[i], code, windowsVirtualKeyCode: vk, nativeVirtualKeyCode: vk };
    sent.push(s.send('Input.dispatchKeyEvent', { type: text ? 'keyDown' : 'rawKeyDown', ...base, ...(text ? { text, unmodifiedText: text } : {}), autoRepeat: !!opts.autoRepeat && i > 0 }));
    if (!opts.autoRepeat) sent.push(s.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base }));
  }
  if (opts.autoRepeat) {
    const { code, vk } = codeOf(keys[0]);
    sent.push(s.send('Input.dispatchKeyEvent', { type: 'keyUp', key: keys[0], code, windowsVirtualKeyCode: vk, nativeVirtualKeyCode: vk }));
  }
  await Promise.all(sent);
  return at;
}

/**
 * Records the page's keydown times (event.timeStamp) from now on; `keyGaps` reads the gaps. They
 * are when the page got to each event: a busy page sees keys sent 10 ms apart bunched or spread.
 */
export function recordKeyTimes(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { keyTimes: number[] };
    w.keyTimes = [];
    window.addEventListener('keydown', (e) => w.keyTimes.push(e.timeStamp), { capture: true });
  });
}

/** Gaps between consecutive keydowns seen since `recordKeyTimes` (and clears the record). */
export function keyGaps(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { keyTimes: number[] };
    const t = w.keyTimes;
    w.keyTimes = [];
    return t.slice(1).map((x, i) => x - t[i]);
  });
}
