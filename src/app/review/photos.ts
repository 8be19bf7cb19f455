// URLs of the photos shown lately: neighbours in the queue often share a photo, and the next item's
// are made ahead (prefetch), so moving on reads nothing from storage. The newest 24 are kept; an
// older one's URL is let go a moment after it leaves (the item on screen may still use it).
import type { QueueRow } from '../../domain/review/types';
import type { StoredItem } from './ports';
import type { Media, ReviewStorage } from './ports';
import type { SceneEntry } from './reviewSession';
import type { ShownImage } from './types';

const KEEP = 24;
const REVOKE_AFTER_MS = 5000;

type Shown = Omit<ShownImage, 'path'>;

export class PhotoUrls {
  private urls = new Map<string, Shown>();

  constructor(
    private readonly media: Media,
    private readonly storage: ReviewStorage,
  ) {}

  private async cached(key: string, load: () => Promise<{ blob: Blob; width?: number; height?: number } | undefined>): Promise<Shown | null> {
    const hit = this.urls.get(key);
    if (hit) {
      this.urls.delete(key);
      this.urls.set(key, hit);
      return hit;
    }
    const img = await load();
    if (!img) return null;
    const shown = { url: this.media.url(img.blob), width: img.width, height: img.height };
    this.urls.set(key, shown);
    if (this.urls.size > KEEP) {
      const [oldest, old] = this.urls.entries().next().value!;
      this.urls.delete(oldest);
      setTimeout(() => this.media.revoke(old.url!), REVOKE_AFTER_MS);
    }
    return shown;
  }

  private photo(project: string, at: string) {
    return this.cached(`${project}\u0000${at}`, () => this.storage.getImage(project, at));
  }

  /** The item's photos as shown: its stored images, else (a generated item) its scene's photo. */
  async imagesOf(stored: StoredItem, found: SceneEntry | null): Promise<ShownImage[]> {
    const scene = found?.file ?? null;
    const out: ShownImage[] = [];
    for (const [k, path] of stored.item.image.entries()) {
      // an import resolved each image once: null is known missing, no need to look again
      const at = stored.imagePaths ? stored.imagePaths[k] : path;
      const img = at ? await this.photo(stored.project, at) : null;
      if (img) {
        out.push({ path, ...img });
        continue;
      }
      if (found && scene && (path === scene.image.file || stored.item.image.length === 1)) {
        const photo = await this.cached(`scene\u0000${found.photo}`, async () => {
          const r = await this.storage.loadScene(found.photo);
          return r && { blob: r.image, width: scene.image.width, height: scene.image.height };
        });
        if (photo) {
          out.push({ path, ...photo });
          continue;
        }
      }
      out.push({ path, url: null });
    }
    return out;
  }

  /** Reads the item and makes its photos' URLs, so that showing it next costs no storage read. */
  async prefetch(row: QueueRow | undefined, project: string): Promise<void> {
    if (!row) return;
    const stored = await this.storage.getItem(row, project).catch(() => undefined);
    for (const [k, path] of stored?.item.image.entries() ?? []) {
      const at = stored!.imagePaths ? stored!.imagePaths[k] : path;
      if (at) await this.photo(stored!.project, at).catch(() => null);
    }
  }
}
