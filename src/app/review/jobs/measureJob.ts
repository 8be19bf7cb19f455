// The measure of an export before it is written (a job of the review worker): each layout's records (on a
// sample of the items, deflated to learn how well they pack), the distinct original images and
// their bytes, the photos that would get a marked copy and their pixels. The dialog turns it into
// an estimated size (domain/review/export/estimate.ts) on every toggle.
import { deflateSync } from 'fflate';
import { markedImages } from '../../../domain/qa/export/bundle';
import { EXPORT_LAYOUTS, type ExportLayout, taskFormatKey } from '../../../domain/review/export/choice';
import { type ExportMeasure, markedPhotoBytes } from '../../../domain/review/export/estimate';
import { exportTarget, layoutRecord } from '../../../domain/review/export/records';
import type { ReviewJobStorage } from '../ports';
import { depthPathFor } from '../../../domain/review/depthRef';
import { parquetBytesPerCell } from '../../../domain/review/export/depthGrid';

/** Records serialised per layout: enough to know their mean size and how they pack, cheap for 100k items. */
const SAMPLE = 1500;

/** Depth maps written as parquet grids to learn what a cell costs there. */
const DEPTH_SAMPLE = 6;

export async function measureJob(storage: Pick<ReviewJobStorage, 'queueRows' | 'getItem' | 'imageBytes' | 'allScenes' | 'getImage'>, project: string, ids: readonly string[]): Promise<ExportMeasure> {
  const rowById = new Map((await storage.queueRows(project)).map((r) => [r.id, r]));
  const stored = await storage.imageBytes(project);
  const scenes = new Map<string, { bytes: number; pixels: number; width: number; height: number }>();
  for (const s of await storage.allScenes()) {
    if (s.scene) scenes.set(s.scene.id, { bytes: s.image?.size ?? 0, pixels: s.scene.image.width * s.scene.image.height, width: s.scene.image.width, height: s.scene.image.height });
  }
  const step = Math.max(1, Math.ceil(ids.length / SAMPLE));
  const sample = new Map<ExportLayout, { bytes: number; n: number; texts: string[] }>(EXPORT_LAYOUTS.map((l) => [l, { bytes: 0, n: 0, texts: [] }]));
  const seen = new Set<string>();
  const targets = new Map<ExportLayout, Set<string>>(EXPORT_LAYOUTS.map((l) => [l, new Set()]));
  let depthCells = 0;
  const depthSample: { path: string; unit: 'm' | 'mm' }[] = [];
  const m: ExportMeasure = { items: 0, records: new Map(), images: 0, imageBytes: 0, missingImages: 0, marked: 0, markedPixels: 0, pathChars: 0 };
  for (let k = 0; k < ids.length; k++) {
    const row = rowById.get(ids[k]);
    const r = row && (await storage.getItem(row, project));
    if (!r) continue;
    m.items++;
    for (const layout of EXPORT_LAYOUTS) targets.get(layout)!.add(layout === 'spar7m' ? taskFormatKey(r.item.task, r.item.spatial_lens.format) : exportTarget(r.item, layout, () => 0).path);
    const generated = !r.item.spatial_lens.source;
    const scene = generated ? scenes.get(r.item.spatial_lens.scene) : undefined;
    const pixelsOf = (path: string) => stored.get(path)?.pixels || scene?.pixels || 0;
    r.item.image.forEach((name, i) => {
      const path = r.imagePaths ? r.imagePaths[i] : name;
      const hit = path ? stored.get(path) : undefined;
      const bytes = hit?.bytes ?? (scene && i === 0 ? scene.bytes : undefined);
      if (bytes === undefined) {
        m.missingImages++;
        return;
      }
      m.rowImageBytes = (m.rowImageBytes ?? 0) + bytes;
      if (seen.has(name)) return;
      seen.add(name);
      m.images++;
      m.imageBytes += bytes;
      m.pathChars += name.length + 7;
    });
    // the depth maps the record names travel beside the images (a parquet holds them as number grids)
    if (Array.isArray((r.item as { depth?: unknown }).depth))
      for (const [i, name] of r.item.image.entries()) {
        const at = r.imagePaths ? r.imagePaths[i] : name;
        const depthAt = at ? depthPathFor(r.item, i, at) : null;
        const named = depthPathFor(r.item, i, name);
        const hit = depthAt ? stored.get(depthAt) : undefined;
        if (!hit || !named) continue;
        // a depth map stored without its size (SPAR-7M's PNGs): read from its header once
        if (!hit.pixels) hit.pixels = await pngPixels(storage, project, depthAt!);
        if (hit.pixels) {
          depthCells += hit.pixels;
          if (depthSample.length < DEPTH_SAMPLE && !depthSample.some((d) => d.path === depthAt)) depthSample.push({ path: depthAt!, unit: unitOf(r.item, i) });
        } else m.rowImageBytes = (m.rowImageBytes ?? 0) + hit.bytes;
        if (seen.has(named)) continue;
        seen.add(named);
        m.images++;
        m.imageBytes += hit.bytes;
        m.pathChars += named.length + 7;
      }
    for (const mk of markedImages([r.item])) {
      const path = r.imagePaths ? r.imagePaths[mk.index] : mk.image;
      if (!path && !scene) continue;
      const px = pixelsOf(path ?? '');
      m.marked++;
      m.markedPixels += px;
      m.markedBytes = (m.markedBytes ?? 0) + markedPhotoBytes(px, (path ? stored.get(path)?.bytes : undefined) ?? scene?.bytes);
    }
    if (k % step) continue;
    const sizes = scene ? r.item.image.map(() => ({ width: scene.width, height: scene.height })) : undefined;
    for (const layout of EXPORT_LAYOUTS) {
      let text: string;
      try {
        text = JSON.stringify(layoutRecord(r.item, undefined, layout, sizes));
      } catch {
        continue; // an item this layout cannot hold: the export says so
      }
      const s = sample.get(layout)!;
      s.bytes += text.length + 1;
      s.n++;
      if (s.texts.length < 300) s.texts.push(text);
    }
  }
  if (depthCells) {
    let cost = 0,
      n = 0;
    for (const d of depthSample) {
      const blob = (await storage.getImage(project, d.path))?.blob;
      if (!blob) continue;
      try {
        cost += parquetBytesPerCell(new Uint8Array(await blob.arrayBuffer()), d.unit);
        n++;
      } catch {
        // an unreadable map is written as null: it costs nothing
      }
    }
    // float32 cells when no map could be read
    m.rowImageBytes = (m.rowImageBytes ?? 0) + Math.round(depthCells * (n ? cost / n : 4));
  }
  for (const [layout, s] of sample) {
    if (!s.n) continue;
    const text = new TextEncoder().encode(s.texts.join('\n'));
    const ratio = text.length ? deflateSync(text, { level: 1 }).length / text.length : 1;
    const bytes = Math.round((s.bytes / s.n) * m.items);
    m.records.set(layout, { bytes, packed: Math.round(bytes * ratio) });
  }
  m.itemFiles = new Map([...targets].map(([l, t]) => [l, t.size]));
  return m;
}

/** The unit an imported grid was read in (SPAR-Bench-RGBD), which the parquet writes it back in. */
const unitOf = (item: object, k: number): 'm' | 'mm' => {
  const units = (item as { depth_unit?: unknown }).depth_unit;
  return Array.isArray(units) && units[k] === 'm' ? 'm' : 'mm';
};

/** Width × height from a PNG's header (0 when the file is not a PNG). */
async function pngPixels(storage: Pick<ReviewJobStorage, 'getImage'>, project: string, path: string): Promise<number> {
  const blob = (await storage.getImage(project, path))?.blob;
  if (!blob) return 0;
  const head = new Uint8Array(await blob.slice(0, 24).arrayBuffer());
  if (head.length < 24 || head[0] !== 0x89 || head[1] !== 0x50 || head[2] !== 0x4e || head[3] !== 0x47) return 0;
  const v = new DataView(head.buffer);
  return v.getUint32(16) * v.getUint32(20);
}
