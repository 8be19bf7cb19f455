// The audit's look at the pixels, for the CLI: each imported item whose question names marks has
// them found in its images, and where the images came with depth and intrinsics (SPAR-Bench-RGBD,
// SPAR-7M RGB-D) its quantity measured (domain/qa/audit/measureItem.ts).
import sharp from 'sharp';
import { decodeDepthPng } from '../domain/formats/depthPng';
import { type ItemImage, type PixelAudit, measureItem } from '../domain/qa/audit/measureItem';
import { hasNamedMarks, pixelSources } from '../domain/qa/audit/pixelItem';
import { withCameraNotes } from '../domain/qa/audit/cameraNotes';
import type { ImportResult } from '../domain/review/import';
import { parseMarkCorrections } from '../domain/review/markCorrections';

/** Raw pixels as stored (no EXIF rotation: SPAR's marks were drawn on the stored pixel grid). */
async function rgbaOf(blob: Blob) {
  const { data, info } = await sharp(new Uint8Array(await blob.arrayBuffer())).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Pixel audits by the items' app ids. Items whose images are missing or unreadable are left out (the import already says why). */
export async function pixelAudits(imported: ImportResult, onItem?: (done: number, total: number) => void): Promise<Map<string, PixelAudit>> {
  const blobs = new Map(imported.images.map((i) => [i.path, i.blob]));
  const out = new Map<string, PixelAudit>();
  const todo = imported.items.filter((it) => hasNamedMarks(it.item) && it.imagePaths.length && it.imagePaths.every((p) => p && blobs.has(p)));
  for (const [n, it] of todo.entries()) {
    try {
      const images: ItemImage[] = [];
      for (const [k, p] of it.imagePaths.entries()) {
        const rgba = await rgbaOf(blobs.get(p!)!);
        const src = pixelSources(it.item, k, p!);
        const depthBlob = src.depthPath ? blobs.get(src.depthPath) : undefined;
        const depth = depthBlob ? decodeDepthPng(new Uint8Array(await depthBlob.arrayBuffer()), 1000, src.depthPath!) : undefined;
        images.push({ rgba, ...(depth ? { depth } : {}), ...(src.camera.K ? { K: src.camera.K } : {}), ...(src.camera.Kdepth ? { Kdepth: src.camera.Kdepth } : {}), ...(src.camera.pose ? { pose: src.camera.pose } : {}) });
      }
      // a reviewed export's corrections: the reviewer's marks are measured in place of the found ones
      const fixed = parseMarkCorrections((it.review as { marks?: unknown } | undefined)?.marks, images.length, images.map((im) => im.rgba));
      const audit = measureItem(it.item, images, fixed.marks);
      for (const why of fixed.refused) audit.findings.push({ code: 'mark-correction-refused', severity: 'warn', message: `a mark correction was refused: ${why}` });
      out.set(it.appId, withCameraNotes(audit, it.item));
    } catch (e) {
      out.set(it.appId, { marks_found: [], findings: [{ code: 'pixels-unreadable', severity: 'warn', message: `its images could not be read for marks: ${(e as Error).message}` }] });
    }
    onItem?.(n + 1, todo.length);
  }
  return out;
}
