// An import as a job: the dropped files parsed (JSONL, parquet, zips), each batch of items and the
// images they name written as it comes (with the import journal, so a cut-off import is known), the
// scene files stored with their photos, and the decisions an exported zip brings back appended.
import { exportModified } from '../../../domain/review/exportCheck';
import { importFiles, type ModifiedExportPolicy } from '../../../domain/review/import/importer';
import { parseBlind } from '../../../domain/review/blind';
import { parseMarkCorrections } from '../../../domain/review/markCorrections';
import type { ItemSource } from '../../../domain/review/types';
import { REVIEW_SCHEMA, type Reason, type ReviewDecision, type Verdict } from '../../../domain/review/types';
import type { ImportSummary, Progress, ReviewJobStorage } from '../ports';

const PHASES = new Map<string, string>([
  ['unzip', 'Unpacking'],
  ['verify', 'Checking exports against their manifests'],
  ['images', 'Reading images'],
  ['scenes', 'Reading scenes'],
  ['items', 'Importing items'],
  ['done', 'Finishing'],
]);

export const isVerdict = (d: unknown): d is Verdict => d === 'accept' || d === 'fix' || d === 'reject';

export async function importJob(storage: ReviewJobStorage, project: string, files: { path: string; blob: Blob }[], progress: Progress, modifiedExports?: ModifiedExportPolicy): Promise<ImportSummary> {
  const t0 = performance.now();
  // ids are unique in the whole database (one queue table), so duplicates are checked against all
  const existing = await storage.projectItemIds(project);
  const images = await storage.imageSizes(project);
  // the photos' sizes as this import goes (a reviewer's mark off its photo is refused); the importer's own map stays as given
  const photoSizes = new Map(images);
  const hashes = await storage.imageHashes(project);
  let seq = (await storage.lastSeq()) + 1;
  // the journal says how far the import got, should the tab die before the end
  const track = await storage.startImport(project, files);
  const gen = importFiles(files, { existingIds: existing, existingImages: images, existingImageHashes: hashes, modifiedExports, onItemFiles: (f) => track.itemFiles(f), onProgress: (d, t, phase) => progress(PHASES.get(phase) ?? phase, d, t) });
  const problems: { file: string; line?: number; message: string }[] = [];
  const missing: { appId: string; images: string[] }[] = [];
  let added = 0;
  let imageCount = 0;
  let scenes = 0;
  let reviews = 0;
  let flagged = 0;
  for (;;) {
    const r = await gen.next();
    if (r.done) {
      const s = r.value;
      const exports = s.exports.map((c) => ({ zip: c.zip, filesListed: c.filesListed, manifestSha256: c.manifestSha256, modified: exportModified(c) }));
      const finished = (await track.finish()).map((j) => j.dropped.map((f) => f.path).join(', '));
      const summary = { added, images: imageCount, imagesReused: s.imagesReused, scenes, reviews, problems: problems.slice(0, 500), problemCount: problems.length, duplicates: s.duplicates, existing: s.existing, finished, missingImages: missing.slice(0, 500), missingCount: missing.length, exports, flagged, ms: performance.now() - t0 };
      await track.saveReport(summary);
      return summary;
    }
    const b = r.value;
    flagged += b.items.filter((i) => i.flags.includes('modified-after-export')).length;
    await track.batch(b, () =>
      storage.putImportBatch(
        project,
        b.items.map((i) => ({ appId: i.appId, item: i.item, flags: i.flags, imagePaths: i.imagePaths })),
        b.images.map((i) => ({ path: i.path, blob: i.blob, width: i.width, height: i.height, ...(i.sha256 ? { sha256: i.sha256 } : {}) })),
        seq,
      ),
    );
    seq += b.items.length;
    // the drop's photos join the known sizes (a reviewed item's photos may come in an earlier batch)
    for (const im of b.images) if (im.width && im.height) photoSizes.set(im.path, { width: im.width, height: im.height });
    added += b.items.length;
    imageCount += b.images.length;
    problems.push(...b.problems.map((p) => ({ file: p.file, line: p.line, message: p.message })));
    missing.push(...b.missing.map((m) => ({ appId: m.appId, images: m.images })));
    for (const sc of b.scenes) {
      // a scene file joins the project's scenes when its photo came with it (or is stored)
      const photo = b.images.find((i) => i.path.split('/').pop() === sc.scene.image.file) ?? (await storage.getImage(project, sc.scene.image.file));
      if (!photo) {
        problems.push({ file: sc.path, message: `scene ${sc.scene.id}: its photo ${sc.scene.image.file} is not in the import, so the scene was not stored` });
        continue;
      }
      await storage.saveScene(sc.scene.image.file, { image: photo.blob, scene: sc.scene, objects: sc.scene.objects });
      scenes++;
    }
    // an exported reviewed item brings its decision back (export → import round trip)
    for (const i of b.items) {
      const rv = i.review as Partial<ReviewDecision> | undefined;
      if (!rv || !isVerdict(rv.decision)) continue;
      const d: ReviewDecision = {
        schema: REVIEW_SCHEMA,
        item: i.appId,
        decision: rv.decision,
        reviewer: String(rv.reviewer ?? 'reviewer'),
        startedAt: String(rv.startedAt ?? rv.decidedAt ?? ''),
        decidedAt: String(rv.decidedAt ?? ''),
      };
      if (Array.isArray(rv.reasons)) d.reasons = rv.reasons as Reason[];
      if (rv.comment) d.comment = String(rv.comment);
      if (rv.edits) d.edits = rv.edits;
      const blind = parseBlind(rv.blind);
      if (blind) d.blind = blind;
      // the reviewer's marks: each bad one refused with its reason, the others kept with the decision
      // the sizes of its photos, where known (this drop's, or ones already stored): a mark off its photo is refused too
      const sizes = i.imagePaths.map((p) => {
        const im = p ? photoSizes.get(p) : undefined;
        return im?.width && im.height ? { width: im.width, height: im.height } : undefined;
      });
      const marks = parseMarkCorrections(rv.marks, Array.isArray(i.item.image) ? i.item.image.length : 1, sizes);
      if (marks.marks.length) d.marks = marks.marks;
      const src = i.item.spatial_lens.source as ItemSource | undefined;
      for (const why of marks.refused) problems.push({ file: src?.file ?? i.appId, ...(src?.line ? { line: src.line } : {}), message: `item ${i.appId}: a mark correction was refused: ${why}` });
      // per project: the same export imported into two projects brings its decisions into both
      await storage.appendDecision(d, project, `import:${project}:${i.appId}:${d.decidedAt}:${d.reviewer}`);
      reviews++;
    }
  }
}
