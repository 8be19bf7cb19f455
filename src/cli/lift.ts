// `spatial-lens lift`: the lifting pipeline over files, for whole datasets. One JSON line per
// image on stdout; a failed image is reported on its line and the run goes on.
import { jsonProblem } from '../domain/formats/jsonError';
import fs from 'node:fs';
import path from 'node:path';
import { isUserError, UserError } from '../domain/errors';
import { orientedSize, readExif } from '../domain/formats/exif';
import { depthScaleFromJson } from '../domain/formats/intrinsicsJson';
import { writePly } from '../domain/formats/ply';
import { serializeScene } from '../domain/scene/scene';
import { Workspace } from '../domain/geometry/workspace';
import { type DepthScale, DEFAULT_UNITS_PER_METRE } from '../domain/lifting/depthScale';
import type { ModelChoice } from '../domain/lifting/job';
import type { SceneKindChoice } from '../domain/lifting/plausibility';
import { FAMILIES, FAMILY_TASK, type ManifestEntry, type ModelFamily, parseManifest } from '../domain/models/manifest';
import { guessFamily } from '../domain/models/families';
import { parseCocoAnnotations } from '../domain/objects/coco';
import { liftObjects } from '../domain/objects/liftObject';
import { liftedViewOf } from '../domain/scene/liftedView';
import { type DecodePhoto, liftPhoto } from '../app/lift/liftPhoto';
import type { Annotation2D } from '../domain/objects/types';
import { sniffImage } from '../domain/formats/imageInfo';
import { decodePhotoNode } from '../adapters/node/decode';
import { nodeRunner } from '../adapters/node/runner';
import { createSession, type OrtModule, signatureOf } from '../adapters/ort/ortRunner';
import { IMAGE_EXT, listImages, matchDepth, parseShard, shard } from './files';

export interface LiftArgs {
  inputs: string[];
  depth?: string;
  depthScale?: number;
  intrinsics?: string;
  fov?: number;
  models: string[];
  out: string;
  shard?: string;
  threads?: number;
  /** A COCO instances file: its annotations are lifted to 3D boxes in each scene file. */
  annotations?: string;
  /** What the plausibility check compares each lift with; default: inferred per image. */
  sceneKind?: SceneKindChoice;
}

const ROLE: Record<string, keyof ModelChoice> = { 'disparity-relative': 'relative', 'depth-relative': 'relative', pointmap: 'relative', 'depth-metric': 'metric', intrinsics: 'camera' };
const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..');

/** --model values: an id from models/manifest.json, or a path to an .onnx file (optionally path:family). */
async function resolveModels(specs: string[]): Promise<{ choice: ModelChoice; files: Map<string, string> }> {
  const files = new Map<string, string>();
  const choice: ModelChoice = {};
  const manifests = [path.resolve('models'), path.join(PACKAGE_ROOT, 'models')];
  for (const spec of specs) {
    let entry: ManifestEntry | undefined;
    let file: string | undefined;
    const [p, fam] = spec.split(/:(?=[a-z0-9-]+$)/);
    if (p.endsWith('.onnx')) {
      if (!fs.existsSync(p)) throw new Error(`--model ${spec}: no such file`);
      let family = fam as ModelFamily | undefined;
      if (family && !FAMILIES.includes(family)) throw new Error(`--model ${spec}: unknown family "${family}" (one of ${FAMILIES.join(', ')})`);
      if (!family) {
        const ort = await import('onnxruntime-node');
        const s = await createSession(ort as unknown as OrtModule, new Uint8Array(fs.readFileSync(p)), {}, `--model ${p}`);
        family = guessFamily(path.basename(p), signatureOf(s)) ?? undefined;
        await s.release();
        if (!family) throw new Error(`--model ${spec}: cannot tell the model family from its name and I/O; write it as ${p}:<family>`);
      }
      entry = { id: path.basename(p, '.onnx'), file: path.basename(p), family, task: FAMILY_TASK[family], name: path.basename(p) };
      file = path.resolve(p);
    } else {
      for (const dir of manifests) {
        const mf = path.join(dir, 'manifest.json');
        if (!fs.existsSync(mf)) continue;
        entry = parseManifest(fs.readFileSync(mf, 'utf8'), mf).models.find((m) => m.id === spec);
        if (entry) {
          file = path.join(dir, entry.file);
          break;
        }
      }
      if (!entry || !file) throw new Error(`--model ${spec}: no model with that id in models/manifest.json (and not a path to an .onnx file)`);
    }
    const role = ROLE[entry.task];
    if (!role) throw new Error(`--model ${spec}: a ${entry.family} model does not take part in lifting`);
    if (choice[role]) throw new Error(`--model ${spec}: two models given for the ${role} role`);
    choice[role] = entry;
    files.set(entry.id, file);
  }
  return { choice, files };
}

export async function liftCommand(a: LiftArgs, log: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<{ ok: number; failed: number }> {
  const depthIsDir = a.depth ? fs.statSync(a.depth).isDirectory() : false;
  const depthFiles = depthIsDir ? fs.readdirSync(a.depth!).filter((f) => /\.png$/i.test(f)).map((f) => path.resolve(a.depth!, f)) : [];
  const images = shard(listImages(a.inputs, new Set(depthFiles)), parseShard(a.shard));
  if (a.depth && !depthIsDir && images.length !== 1) throw new Error('--depth names one file, so give exactly one image (or give --depth a folder)');
  const { choice, files } = await resolveModels(a.models);
  const runner = a.models.length ? nodeRunner((e) => files.get(e.id)!, a.threads) : null;
  const intrinsicsText = a.intrinsics ? fs.readFileSync(a.intrinsics, 'utf8') : undefined;
  /** Each image's own scale: --depth-scale, else its entry in a Metric3D annotation file, else millimetres. */
  const scaleFor = (name: string): DepthScale => {
    if (a.depthScale) return { unitsPerMetre: a.depthScale, source: 'user', detail: '--depth-scale' };
    const fromFile = intrinsicsText ? depthScaleFromJson(intrinsicsText, name, path.basename(a.intrinsics!)) : undefined;
    return fromFile ? { unitsPerMetre: fromFile, source: 'file', detail: path.basename(a.intrinsics!) } : { unitsPerMetre: DEFAULT_UNITS_PER_METRE, source: 'default' };
  };
  fs.mkdirSync(a.out, { recursive: true });
  const coco = a.annotations ? await importAnnotations(a.annotations, images, log) : null;
  const mem = new Workspace();
  const used = new Set<string>();
  let ok = 0, failed = 0;
  for (const image of images) {
    const t0 = performance.now();
    try {
      if (!IMAGE_EXT.test(image)) throw new Error('not a JPEG, PNG or WebP file');
      const bytes = new Uint8Array(fs.readFileSync(image));
      const name = path.basename(image);
      const depthPath = a.depth ? (depthIsDir ? matchDepth(image, depthFiles) : path.resolve(a.depth)) : null;
      const scale = depthPath ? scaleFor(name) : undefined;
      const depth = depthPath && scale ? { name: path.basename(depthPath), bytes: new Uint8Array(fs.readFileSync(depthPath)), scale } : undefined;
      // a photo that cannot be read is named first, then what is missing to lift it
      const decode: DecodePhoto = async (b, n) => {
        const photo = await decodePhotoNode(b, n);
        if (a.depth && !depthPath) throw new Error(`no depth map in ${a.depth} matches ${name}`);
        if (!depth && !runner) throw new Error('no depth map and no --model: give --depth with the depth maps, or --model with a depth model');
        return photo;
      };
      let id = name.replace(/\.[^.]+$/, '');
      while (used.has(id)) id += '-2';
      used.add(id);
      const { held, timings } = await liftPhoto(
        {
          sceneId: id,
          image: { name, bytes },
          depth,
          intrinsics: intrinsicsText ? { text: intrinsicsText, name: path.basename(a.intrinsics!) } : undefined,
          fovDeg: a.fov,
          models: choice,
          sceneKind: a.sceneKind,
        },
        { decode, runner, mem },
      );
      const tDecode = timings.decode;
      const job = held.job;
      const depthMap = held.input.depthMap;
      const { lift } = job;
      if (a.fov) lift.scene.camera = { ...lift.scene.camera, source: 'manual', detail: `--fov ${a.fov}` };
      const annotations = coco?.get(name) ?? [];
      if (annotations.length) lift.scene.objects = liftObjects(annotations, liftedViewOf(lift, job.camera));
      const tw = performance.now();
      const plyPath = path.join(a.out, `${id}.ply`);
      const scenePath = path.join(a.out, `${id}.scene.json`);
      fs.writeFileSync(plyPath, writePly(lift.cloud.xyz, lift.cloud.rgb, lift.cloud.count, ['Spatial Lens point cloud: world frame, z up, metres', `scene ${id}`]));
      fs.writeFileSync(scenePath, serializeScene(lift.scene));
      const g = lift.scene.gravity;
      const check = lift.plausibility;
      log(
        JSON.stringify({
          image,
          ok: true,
          points: lift.cloud.count,
          ...(coco ? { objects: lift.scene.objects.length, boxes: lift.scene.objects.filter((o) => o.box3d).length, implausible: lift.scene.objects.filter((o) => o.quality?.plausible === false).length } : {}),
          ply: plyPath,
          scene: scenePath,
          camera: lift.scene.camera,
          depth: lift.scene.depth,
          gravity: { source: g.source, roll: g.roll, pitch: g.pitch, cameraHeight: g.cameraHeight, planeRms: g.planeRms },
          ...(depthMap ? { depthScale: depthMap.scale } : {}),
          sceneKind: { kind: check.kind, source: check.kindSource, reason: check.kindReason },
          warnings: check.warnings,
          notes: job.notes,
          timingsMs: { decode: round(tDecode), ...Object.fromEntries(Object.entries(lift.stats.timingsMs).map(([k, v]) => [k, round(v)])), models: job.modelsMs, write: round(performance.now() - tw), total: round(performance.now() - t0) },
        }),
      );
      ok++;
    } catch (e) {
      failed++;
      log(JSON.stringify({ image, ok: false, error: isUserError(e) ? e.message : String((e as Error)?.message ?? e) }));
    }
  }
  await runner?.release();
  return { ok, failed };
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Reads a COCO instances file for the images of this run (their sizes from the headers, after EXIF
 * orientation). Problems are printed as one JSON line; the annotations that pass are used.
 */
async function importAnnotations(file: string, images: string[], log: (line: string) => void): Promise<Map<string, Annotation2D[]>> {
  let json: unknown;
  const text = fs.readFileSync(file, 'utf8');
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`--annotations ${file}: not valid JSON: ${jsonProblem(text, e)}`, 'coco-json');
  }
  const sizes: { name: string; width: number; height: number }[] = [];
  for (const p of images) {
    try {
      const bytes = new Uint8Array(fs.readFileSync(p));
      const info = sniffImage(bytes, path.basename(p));
      sizes.push({ name: path.basename(p), ...orientedSize(info, (await readExif(bytes))?.orientation) });
    } catch {
      // an unreadable image is reported on its own line when it is lifted
    }
  }
  const r = parseCocoAnnotations(json, sizes);
  const imported = [...r.byImage.values()].reduce((n, x) => n + x.length, 0);
  log(JSON.stringify({ annotations: file, imported, total: r.total, problems: r.problems }));
  // lifting without any of the objects asked for would only look like success
  if (imported === 0) {
    const why = r.problems.find((p) => p.severity === 'error')?.message ?? 'none matched the images given';
    throw new UserError(`--annotations ${file}: ${r.total === 1 ? 'its only annotation could not be used' : r.total ? `none of its ${r.total} annotations could be used` : 'it holds no annotations'} (${why.replace(/\.$/, '')}); nothing was lifted.`, 'coco-none');
  }
  return r.byImage;
}

