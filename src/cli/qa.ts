// `spatial-lens qa`: QA items from scene files, for whole datasets. Items go to one JSONL file;
// per-task counts, answer balance, skip reasons and the blind-strategy table are printed at the end. Optionally the same
// items in SPAR-7M's training layout and the photos with their marks drawn.
import fs from 'node:fs';
import path from 'node:path';
import sharp, { type OutputInfo } from 'sharp';
import { isUserError } from '../domain/errors';
import { parsePly } from '../domain/formats/ply';
import { type SceneFile, parseScene } from '../domain/scene/scene';
import { blindReport, formatBlindTable } from '../domain/qa/audit/blind';
import { markedImage } from '../domain/qa/export/drawMarks';
import { type GenerateReport, type SceneInput, generateQA, resolveFormats, resolveTasks } from '../domain/qa/generate/generate';
import { itemsJsonl, markedImages, spar7mFiles } from '../domain/qa/export/bundle';
import type { QAFormat, QAItem } from '../domain/qa/types';
import { parseShard, shard } from './files';

export interface QaArgs {
  inputs: string[];
  tasks?: string[];
  formats?: string[];
  perScene?: number;
  seed?: number;
  out: string;
  shard?: string;
  /** Use each scene's point cloud (its PLY) for pixel-level tasks. */
  points: boolean;
  /** Also write the items in SPAR-7M's training layout under this folder. */
  spar7m?: string;
  /** Also write each item's photo with its marks drawn into this folder. */
  marked?: string;
  /** Where the photos are, for --marked (default: next to each scene file). */
  images?: string;
}

/** Scene files named on the command line (files, or *.scene.json in folders), sorted. */
export function listScenes(inputs: string[]): string[] {
  const out = new Set<string>();
  for (const input of inputs) {
    const st = fs.statSync(input, { throwIfNoEntry: false });
    if (!st) throw new Error(`${input}: no such file or folder`);
    if (st.isDirectory()) {
      for (const f of fs.readdirSync(input)) if (f.endsWith('.scene.json')) out.add(path.resolve(input, f));
    } else out.add(path.resolve(input));
  }
  return [...out].sort();
}

/** The scene's cloud from the PLY its file names (beside it), or why not. */
export function loadPoints(scene: SceneFile, sceneFile: string): { points: Float32Array | null; note?: string } {
  const file = scene.points?.file ? path.resolve(path.dirname(sceneFile), scene.points.file) : null;
  if (!file || !fs.existsSync(file)) return { points: null, note: `no point cloud next to it${file ? ` (${path.basename(file)})` : ''}: pixel-level tasks skipped` };
  try {
    const ply = parsePly(new Uint8Array(fs.readFileSync(file)));
    return { points: ply.xyz.subarray(0, ply.count * 3) };
  } catch (e) {
    return { points: null, note: `${path.basename(file)} could not be read (${(e as Error).message}): pixel-level tasks skipped` };
  }
}

const pct = (n: number, total: number) => (total ? `${Math.round((100 * n) / total)}%` : '–');

/** Per-task counts, letter and true/false balance, and the most common skip reasons. */
export function formatReport(report: GenerateReport): string {
  const rows = Object.entries(report.tasks).filter(([, r]) => r.items || Object.keys(r.skipped).length);
  const w = Math.max(4, ...rows.map(([t]) => t.length));
  const lines = [`${'task'.padEnd(w)}  items  fill select sentence judge  letters A/B/C/D        true/false`];
  for (const [task, r] of rows) {
    const f = (k: QAFormat) => String(r.byFormat[k] ?? 0).padStart(k === 'fill' ? 4 : k.length);
    const sel = Object.values(r.letters).reduce((a, b) => a + b, 0);
    const letters = sel ? ['A', 'B', 'C', 'D'].map((l) => pct(r.letters[l] ?? 0, sel)).join('/') : '–';
    const tf = r.truths.True + r.truths.False ? `${r.truths.True}/${r.truths.False}` : '–';
    lines.push(`${task.padEnd(w)}  ${String(r.items).padStart(5)}  ${f('fill')} ${f('select')} ${f('sentence')} ${f('judge')}  ${letters.padEnd(21)}  ${tf}`);
  }
  lines.push(`${report.items} items from ${report.scenes.length} scene${report.scenes.length === 1 ? '' : 's'} in ${report.ms.toFixed(0)} ms`);
  const skips = new Map<string, number>();
  for (const r of Object.values(report.tasks)) for (const [why, n] of Object.entries(r.skipped)) {
      const kind = why.replace(/\d+(\.\d+)?/g, 'N').replace(/\b(o|obj)\w*\d\w*/g, 'X');
      skips.set(kind, (skips.get(kind) ?? 0) + n);
    }
  const top = [...skips].sort((a, b) => b[1] - a[1]).slice(0, 6);
  if (top.length) lines.push(`tuples skipped (most common reasons): ${top.map(([k, n]) => `${k} ×${n}`).join('; ')}`);
  return lines.join('\n');
}

async function writeMarked(items: QAItem[], scenes: Map<string, { scene: SceneFile; file: string }>, dir: string, imagesDir: string | undefined): Promise<number> {
  fs.mkdirSync(dir, { recursive: true });
  let written = 0;
  type Photo = { file: string; data: Uint8Array; width: number; height: number };
  let cached: Photo | null = null as Photo | null;
  for (const m of markedImages(items)) {
    const s = scenes.get(m.item.spatial_lens.scene)!;
    const file = [imagesDir && path.join(imagesDir, m.image), path.resolve(path.dirname(s.file), m.image)].find((f) => f && fs.existsSync(f));
    if (!file) throw new Error(`--marked: cannot find the photo ${m.image} (give --images with the folder of photos)`);
    if (cached?.file !== file) {
      // marks are in the stored photo's coordinates: EXIF orientation applied
      const decoded: { data: Buffer; info: OutputInfo } = await sharp(fs.readFileSync(file)).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      cached = { file, data: new Uint8Array(decoded.data), width: decoded.info.width, height: decoded.info.height };
    }
    const photo: Photo = cached!;
    const rgba = { width: photo.width, height: photo.height, data: photo.data.slice() };
    markedImage(rgba, m.item.spatial_lens.marks, m.index);
    await sharp(rgba.data, { raw: { width: rgba.width, height: rgba.height, channels: 4 } }).jpeg({ quality: 90 }).toFile(path.join(dir, m.name));
    written++;
  }
  return written;
}

/** Width and height of a scene's photo or view by file name. */
function sizeFinder(scenes: Iterable<{ scene: SceneFile }>) {
  const sizes = new Map<string, { width: number; height: number }>();
  for (const { scene } of scenes) {
    sizes.set(scene.image.file, scene.image);
    for (const v of scene.views ?? []) sizes.set(v.image.file, v.image);
  }
  return (image: string) => {
    const s = sizes.get(image);
    if (!s) throw new Error(`no scene has the image ${image}`);
    return s;
  };
}

export async function qaCommand(a: QaArgs): Promise<{ items: number; failed: number }> {
  const tasks = resolveTasks(a.tasks);
  resolveFormats(a.formats);
  const files = shard(listScenes(a.inputs), parseShard(a.shard));
  if (!files.length) throw new Error('no scene files (*.scene.json) found');
  const inputs: SceneInput[] = [];
  const byId = new Map<string, { scene: SceneFile; file: string }>();
  let failed = 0;
  const needPoints = a.points && tasks.some((t) => t.needs === 'points');
  for (const file of files) {
    try {
      const scene = parseScene(fs.readFileSync(file, 'utf8'), path.basename(file));
      const { points, note } = needPoints ? loadPoints(scene, file) : { points: null };
      if (note) console.error(`${path.basename(file)}: ${note}`);
      inputs.push({ scene, points });
      byId.set(scene.id, { scene, file });
    } catch (e) {
      failed++;
      console.error(`${path.basename(file)}: ${isUserError(e) ? e.message : (e as Error).message}`);
    }
  }
  const { items, report } = generateQA(inputs, { tasks: a.tasks, formats: a.formats as QAFormat[] | undefined, perScene: a.perScene, seed: a.seed });
  fs.mkdirSync(path.dirname(path.resolve(a.out)), { recursive: true });
  fs.writeFileSync(a.out, itemsJsonl(items));
  for (const s of report.scenes) {
    for (const e of s.excluded) console.error(`${s.id}: object ${e.id} (${e.category}) not used: ${e.reason}`);
    for (const n of s.notes) console.error(`${s.id}: ${n}`);
  }
  if (a.spar7m)
    for (const f of spar7mFiles(items, sizeFinder(byId.values()))) {
      fs.mkdirSync(path.dirname(path.join(a.spar7m, f.path)), { recursive: true });
      fs.writeFileSync(path.join(a.spar7m, f.path), f.text);
    }
  const marked = a.marked ? await writeMarked(items, byId, a.marked, a.images) : 0;
  console.log(formatReport(report));
  if (items.some((i) => i.spatial_lens.format === 'select' || i.spatial_lens.format === 'judge'))
    console.log(`\nblind strategies (the options or statement alone, no image):\n${formatBlindTable(blindReport(items, { seed: a.seed ?? 0 }))}`);
  console.log(`wrote ${items.length} items to ${a.out}${a.spar7m ? `, SPAR-7M layout under ${a.spar7m}` : ''}${a.marked ? `, ${marked} marked images to ${a.marked}` : ''}`);
  return { items: items.length, failed };
}
