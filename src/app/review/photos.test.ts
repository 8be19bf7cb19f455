// The photo URL cache over the Media port: a photo shared by neighbours is one URL, the newest 24
// are kept, and an older one's URL is let go 5 s after it leaves (the item on screen may still use it).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QAItem } from '../../domain/qa/types';
import { FakeMedia } from '../testing/reviewTestApp';
import { PhotoUrls } from './photos';
import type { ReviewStorage, StoredItem } from './ports';

const stored = (id: string, images: string[]): StoredItem => ({ id, project: 'p', seq: 1, scene: 's', task: 't', flags: [], item: { id, image: images, task: 't', question: 'q', answer: '1', spatial_lens: {} } as unknown as QAItem });

afterEach(() => vi.useRealTimers());

describe('photo URLs', () => {
  it('makes one URL per photo, keeps the newest 24 and revokes the others 5 s after they leave', async () => {
    vi.useFakeTimers();
    const reads: string[] = [];
    const storage = { getImage: async (_p: string, path: string) => (reads.push(path), { project: 'p', path, blob: new Blob([path]), width: 640, height: 480 }) } as unknown as ReviewStorage;
    const media = new FakeMedia();
    const photos = new PhotoUrls(media, storage);
    const a = await photos.imagesOf(stored('1', ['a.jpg']), null);
    const again = await photos.imagesOf(stored('2', ['a.jpg']), null);
    expect(again[0].url).toBe(a[0].url);
    expect(reads).toEqual(['a.jpg']);
    expect(a[0]).toMatchObject({ path: 'a.jpg', width: 640, height: 480 });
    for (let k = 0; k < 30; k++) await photos.imagesOf(stored(`x${k}`, [`${k}.jpg`]), null);
    // 31 made; the 7 oldest left the cache but are still live until their 5 s are up
    expect(media.live.size).toBe(31);
    vi.advanceTimersByTime(5000);
    expect(media.live.size).toBe(24);
    expect(media.live.has(a[0].url!)).toBe(false);
  });

  it('shows a missing photo without a URL', async () => {
    const storage = { getImage: async () => undefined } as unknown as ReviewStorage;
    const out = await new PhotoUrls(new FakeMedia(), storage).imagesOf(stored('1', ['gone.jpg']), null);
    expect(out).toEqual([{ path: 'gone.jpg', url: null }]);
  });
});
