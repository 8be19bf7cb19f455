import { describe, expect, it } from 'vitest';
import { INFO_MS, MAX_SHOWN, type MessageQueue, type Posted, clearSource, dismiss, emptyQueue, expire, nextExpiry, pause, post, resume, shown } from './queue';

const info = (source: string, text: string): Posted => ({ source, kind: 'info', text });
const error = (source: string, text: string): Posted => ({ source, kind: 'error', text });
const texts = (q: MessageQueue) => shown(q).items.map((m) => m.text);

describe('the message queue', () => {
  it('information fades after INFO_MS; an error stays until closed', () => {
    let q = post(emptyQueue(), info('scene', 'Lifted a.jpg'), 1000);
    q = post(q, error('review', 'Import refused: x.zip'), 2000);
    expect(nextExpiry(q)).toBe(1000 + INFO_MS);
    expect(texts(expire(q, 1000 + INFO_MS - 1))).toEqual(['Lifted a.jpg', 'Import refused: x.zip']);
    q = expire(q, 1000 + INFO_MS);
    expect(texts(q)).toEqual(['Import refused: x.zip']);
    expect(nextExpiry(q)).toBeNull();
    // an hour later the error is still there; closing it removes it
    q = expire(q, 3_600_000);
    expect(texts(q)).toEqual(['Import refused: x.zip']);
    expect(texts(dismiss(q, q.items[0].id))).toEqual([]);
  });

  it('never more than three show: the oldest information goes first, errors are kept behind the newest', () => {
    let q = emptyQueue();
    for (let i = 0; i < 10; i++) q = post(q, info(`s${i}`, `info ${i}`), i);
    expect(texts(q)).toEqual(['info 7', 'info 8', 'info 9']);
    expect(shown(q).hidden).toBe(0);
    // errors push information out, never the other way round
    q = post(q, error('a', 'error a'), 20);
    q = post(q, error('b', 'error b'), 21);
    expect(texts(q)).toEqual(['info 9', 'error a', 'error b']);
    q = post(q, error('c', 'error c'), 22);
    q = post(q, info('d', 'info d'), 23);
    expect(texts(q)).toHaveLength(MAX_SHOWN);
    expect(texts(q)).toEqual(['error b', 'error c', 'info d']);
    expect(shown(q).hidden).toBe(1); // error a, still there behind the newest three
    q = dismiss(q, shown(q).items[0].id);
    expect(texts(q)).toEqual(['error a', 'error c', 'info d']);
  });

  it('a part’s newer word replaces its older information; its error stays unless a newer error replaces it', () => {
    let q = post(emptyQueue(), info('review', 'Imported 5 items'), 0);
    q = post(q, info('review', 'Imported 6 items'), 1);
    expect(texts(q)).toEqual(['Imported 6 items']);
    q = post(q, error('review', 'Imported 0 items: a.jsonl:3: not valid JSON'), 2);
    expect(texts(q)).toEqual(['Imported 0 items: a.jsonl:3: not valid JSON']);
    q = post(q, info('review', 'Exported 3 items'), 3);
    expect(texts(q)).toEqual(['Imported 0 items: a.jsonl:3: not valid JSON', 'Exported 3 items']);
    q = post(q, error('review', 'Browser storage is full'), 4);
    expect(texts(q)).toEqual(['Browser storage is full']);
    // another part's messages are untouched
    q = post(q, info('scene', 'Lifted b.jpg'), 5);
    q = post(q, error('review', 'Nothing to export'), 6);
    expect(texts(q)).toEqual(['Lifted b.jpg', 'Nothing to export']);
  });

  it('a part that clears its message takes its information away, not its error', () => {
    let q = post(post(emptyQueue(), error('scene', 'empty.jpg is empty (0 bytes)'), 0), info('review', 'Imported 1 item'), 1);
    q = post(q, info('scene', 'Lifted a.jpg'), 2);
    q = clearSource(q, 'scene');
    expect(texts(q)).toEqual(['empty.jpg is empty (0 bytes)', 'Imported 1 item']);
    expect(clearSource(q, 'nobody')).toBe(q);
  });

  it('nothing fades while paused; on resume the deadlines move by the pause and leave at least 1.5 s to read', () => {
    let q = post(emptyQueue(), info('scene', 'Lifted a.jpg'), 0);
    q = pause(q, 1000);
    expect(nextExpiry(q)).toBeNull();
    expect(texts(expire(q, 60_000))).toEqual(['Lifted a.jpg']);
    // posted while paused: its time starts from the pause
    q = post(q, info('review', 'Imported 1 item'), 50_000);
    q = resume(q, 61_000);
    expect(q.items.map((m) => m.expiresAt)).toEqual([INFO_MS + 60_000, 1000 + INFO_MS + 60_000]);
    // a message whose time was nearly up when the pointer came still leaves time to read it
    let r = post(emptyQueue(), info('scene', 'x'), 0);
    r = resume(pause(r, INFO_MS - 10), INFO_MS);
    expect(r.items[0].expiresAt).toBe(INFO_MS + 1500);
  });

  it('keeps the link a message offers', () => {
    const q = post(emptyQueue(), { source: 'review', kind: 'info', text: 'Imported 3 items; 20 with missing images (see the import report).', link: 'import-report' }, 0);
    expect(shown(q).items[0].link).toBe('import-report');
  });
});
