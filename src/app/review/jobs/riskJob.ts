// The risk of every item of a project (a job of the review worker): the audit's checks of the item
// alone, and for an item whose question names marks, its marks found in its stored photos and its
// quantity or relation measured from its depth. Each item's risk is stored as it is done, in
// batches, so the queue can be sorted riskiest first without measuring anything on the page.
import { decodeDepthPng } from '../../../domain/formats/depthPng';
import { itemFindings } from '../../../domain/qa/audit/checks';
import type { Finding } from '../../../domain/qa/audit/findings';
import { type ItemImage, measureItem } from '../../../domain/qa/audit/measureItem';
import { hasNamedMarks, pixelSources } from '../../../domain/qa/audit/pixelItem';
import type { RgbaImage } from '../../../domain/qa/export/drawMarks';
import { type ItemRisk, itemRisk } from '../../../domain/review/itemRisk';
import type { Progress, ReviewJobStorage, RiskSummary } from '../ports';

/** Stored pixels as they are (SPAR drew its marks on the stored grid: no EXIF turn). */
export type DecodePixels = (blob: Blob) => Promise<RgbaImage>;

const BATCH = 50;

export async function riskJob(
  storage: Pick<ReviewJobStorage, 'queueRows' | 'getItem' | 'getImage' | 'putRisks'>,
  decode: DecodePixels,
  project: string,
  progress?: Progress,
  ids?: readonly string[],
): Promise<RiskSummary> {
  const t0 = performance.now();
  const wanted = ids ? new Set(ids) : null;
  const rows = (await storage.queueRows(project)).filter((r) => !wanted || wanted.has(r.id));
  const sum: RiskSummary = { items: 0, measured: 0, mismatches: 0, ms: 0 };
  let batch: { id: string; risk: ItemRisk }[] = [];
  for (const [k, row] of rows.entries()) {
    const stored = await storage.getItem(row, project);
    if (stored) {
      const item = stored.item;
      const findings: Finding[] = itemFindings(item);
      let mismatch = false,
        line: string | undefined;
      const paths = stored.imagePaths ?? [];
      if (hasNamedMarks(item) && item.image.length && paths.length === item.image.length && paths.every((p) => p)) {
        try {
          const images: ItemImage[] = [];
          for (const [i, path] of paths.entries()) {
            const photo = await storage.getImage(project, path!);
            if (!photo) throw new Error(`image ${path} is not stored`);
            const src = pixelSources(item, i, path!);
            const d = src.depthPath ? await storage.getImage(project, src.depthPath) : undefined;
            const depth = d ? decodeDepthPng(new Uint8Array(await d.blob.arrayBuffer()), 1000, src.depthPath!) : undefined;
            const { K, Kdepth, pose } = src.camera;
            images.push({ rgba: await decode(photo.blob), ...(depth ? { depth } : {}), ...(K ? { K } : {}), ...(Kdepth ? { Kdepth } : {}), ...(pose ? { pose } : {}) });
          }
          const px = measureItem(item, images);
          findings.push(...px.findings);
          mismatch = px.mismatch === true;
          line = px.display;
          if (px.measured) sum.measured++;
        } catch (e) {
          findings.push({ code: 'pixels-unreadable', severity: 'warn', message: `its images could not be read for marks: ${(e as Error).message}` });
        }
      }
      if (mismatch) sum.mismatches++;
      sum.items++;
      batch.push({ id: row.id, risk: itemRisk(findings, mismatch, line) });
    }
    if (batch.length >= BATCH) {
      await storage.putRisks(project, batch);
      batch = [];
    }
    progress?.('Auditing', k + 1, rows.length);
  }
  if (batch.length) await storage.putRisks(project, batch);
  sum.ms = performance.now() - t0;
  return sum;
}
