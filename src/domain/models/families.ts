// Adapters for the model families people export to ONNX: each knows its family's real input
// conventions (size, normalisation, channel order) and what its outputs mean, checks that a model
// file matches them, and turns outputs into depth / disparity / points / field of view on the
// image grid. No runtime imports: feeds and outputs are plain TensorData.
import { type Intrinsics } from '../geometry/camera';
import { type Placement, type RGBAImage, fitInside, mapToImage, maskToImage, stretch, toPlanarInput } from '../image/resample';
import type { ManifestEntry, ModelFamily, ModelTask } from './manifest';
import { focalPixels, recoverFocalShift } from './moge';
import { type ModelSignature, type TensorData, type ValueInfo, float32, formatShape, staticDim } from './tensor';

const IMAGENET = { mean: [0.485, 0.456, 0.406] as [number, number, number], std: [0.229, 0.224, 0.225] as [number, number, number], scale: 1 as const };
const IMAGENET_255 = { mean: [123.675, 116.28, 103.53] as [number, number, number], std: [58.395, 57.12, 57.375] as [number, number, number], scale: 255 as const };
const ZERO_ONE = { mean: [0, 0, 0] as [number, number, number], std: [1, 1, 1] as [number, number, number], scale: 1 as const };

/** What a model's run gives the lifting job, on the working image's grid. */
export type ModelResult =
  | { kind: 'disparity'; map: Float32Array }
  | { kind: 'depth'; map: Float32Array; metric: boolean; mask?: Uint8Array }
  | { kind: 'pointmap'; depth: Float32Array; metric: boolean; mask?: Uint8Array; focalPx: number; note: string }
  | { kind: 'fov'; hfovDeg: number };

export interface PrepareContext {
  /** Intrinsics known before this model runs (Metric3D needs the focal; MoGe can use it). */
  camera?: Intrinsics;
  /** Whether that focal is trustworthy enough to constrain MoGe (EXIF, JSON, manual). */
  focalKnown?: boolean;
}

export interface Prepared {
  feeds: Record<string, TensorData>;
  place: Placement;
  /** Resize factor from the working image to the model input content (Metric3D's focal scaling). */
  scale: number;
}

export interface FamilyAdapter {
  family: ModelFamily;
  label: string;
  task: ModelTask;
  /** Expected I/O in words, for messages and the models panel. */
  expects: string;
  /** null when the model matches the family's I/O; else what was expected and what was found. */
  check(sig: ModelSignature): string | null;
  prepare(img: RGBAImage, sig: ModelSignature, entry: ManifestEntry, ctx: PrepareContext): Prepared;
  interpret(outputs: Record<string, TensorData>, prep: Prepared, sig: ModelSignature, img: { width: number; height: number }, entry: ManifestEntry, ctx: PrepareContext): ModelResult;
}

// ---------------------------------------------------------------- signature checks

/** The image input: rank 4, 3 channels (NCHW). */
function imageInput(sig: ModelSignature, prefer?: string): ValueInfo | null {
  const cands = sig.inputs.filter((i) => (i.shape?.length ?? 4) === 4 && (staticDim(i.shape?.[1]) ?? 3) === 3);
  return cands.find((i) => i.name === prefer) ?? cands[0] ?? null;
}

const found = (sig: ModelSignature) =>
  `found inputs ${sig.inputs.map((i) => `${i.name} ${formatShape(i.shape)}`).join(', ') || 'none'} and outputs ${sig.outputs.map((o) => `${o.name} ${formatShape(o.shape)}`).join(', ') || 'none'}`;

function checkImageIn(sig: ModelSignature, label: string, expects: string): string | null {
  if (!imageInput(sig)) return `${label} expects ${expects}; ${found(sig)}.`;
  return null;
}

/** A dense map output: [1, H, W] or [1, 1, H, W]. */
function mapOutput(sig: ModelSignature, prefer?: string): ValueInfo | null {
  const cands = sig.outputs.filter((o) => {
    const s = o.shape;
    if (!s) return true;
    return s.length === 3 || (s.length === 4 && (staticDim(s[1]) ?? 1) === 1);
  });
  return cands.find((o) => o.name === prefer) ?? cands[0] ?? null;
}

// ---------------------------------------------------------------- input sizing

/** Static input size of the model, if it has one. */
function staticSize(info: ValueInfo): [number, number] | null {
  const h = staticDim(info.shape?.[2]), w = staticDim(info.shape?.[3]);
  return h && w ? [h, w] : null;
}

/**
 * Depth Anything's own resize ("lower_bound", multiple of 14): keep the aspect ratio, scale so the
 * shorter side is `side`, round each side to the nearest multiple of 14 (its ViT patch), rounding
 * up instead where that would fall below `side`.
 */
export function multipleOf14Size(width: number, height: number, side = 518): [number, number] {
  const s = side / Math.min(width, height);
  const constrain = (x: number) => {
    const y = Math.round(x / 14) * 14;
    return y < side ? Math.ceil(x / 14) * 14 : y;
  };
  return [constrain(height * s), constrain(width * s)];
}

/** Output tensor as a flat float array with its spatial size. */
function denseOutput(t: TensorData | undefined, what: string): { data: Float32Array; h: number; w: number; channels: number } {
  if (!t || t.type !== 'float32') throw new Error(`the model gave no float ${what} output`);
  const d = t.dims;
  if (d.length === 3) return { data: t.data as Float32Array, h: d[1], w: d[2], channels: 1 };
  if (d.length === 4 && d[1] === 1) return { data: t.data as Float32Array, h: d[2], w: d[3], channels: 1 };
  if (d.length === 4 && d[3] === 3) return { data: t.data as Float32Array, h: d[1], w: d[2], channels: 3 };
  throw new Error(`the ${what} output has shape [${d.join(', ')}]`);
}

function pick(outputs: Record<string, TensorData>, name: string | undefined): TensorData | undefined {
  return (name && outputs[name]) || Object.values(outputs)[0];
}

/** Sanitise a model map: non-finite or non-positive values become 0 (invalid). */
function positiveOrZero(map: Float32Array): Float32Array {
  for (let i = 0; i < map.length; i++) {
    const v = map[i];
    if (!(v > 0 && v < Infinity)) map[i] = 0;
  }
  return map;
}

// ---------------------------------------------------------------- families

function depthAnything(metric: boolean): FamilyAdapter {
  const label = metric ? 'Depth Anything V2 (metric)' : 'Depth Anything V2 (relative)';
  const expects = `an image input [1, 3, H, W] (ImageNet-normalised RGB, H and W multiples of 14) and one ${metric ? 'metric depth' : 'relative disparity'} output [1, H, W]`;
  return {
    family: metric ? 'depth-anything-v2-metric' : 'depth-anything-v2',
    label,
    task: metric ? 'depth-metric' : 'disparity-relative',
    expects,
    check: (sig) => checkImageIn(sig, label, expects) ?? (mapOutput(sig, 'predicted_depth') ? null : `${label} expects ${expects}; ${found(sig)}.`),
    prepare(img, sig, entry) {
      const info = imageInput(sig, entry.input?.name ?? 'pixel_values')!;
      const [h, w] = staticSize(info) ?? multipleOf14Size(img.width, img.height, entry.input?.size?.[0] ?? 518);
      const place = stretch(w, h);
      return { feeds: { [info.name]: float32(toPlanarInput(img, place, IMAGENET), [1, 3, h, w]) }, place, scale: w / img.width };
    },
    interpret(outputs, prep, sig, img, entry) {
      const out = denseOutput(pick(outputs, entry.output?.name ?? mapOutput(sig, 'predicted_depth')?.name), 'depth');
      const map = positiveOrZero(mapToImage(out.data, { ...prep.place, inW: out.w, inH: out.h, contentW: out.w, contentH: out.h }, img.width, img.height));
      return metric ? { kind: 'depth', map, metric: true } : { kind: 'disparity', map };
    },
  };
}

const midas: FamilyAdapter = {
  family: 'midas',
  label: 'MiDaS',
  task: 'disparity-relative',
  expects: 'an image input [1, 3, H, W] (ImageNet-normalised RGB, typically 256 or 384 square) and one relative disparity output [1, H, W]',
  check(sig) {
    return checkImageIn(sig, this.label, this.expects) ?? (mapOutput(sig) ? null : `${this.label} expects ${this.expects}; ${found(sig)}.`);
  },
  prepare(img, sig, entry) {
    const info = imageInput(sig, entry.input?.name)!;
    const [h, w] = staticSize(info) ?? entry.input?.size ?? [384, 384];
    const place = stretch(w, h);
    return { feeds: { [info.name]: float32(toPlanarInput(img, place, IMAGENET), [1, 3, h, w]) }, place, scale: w / img.width };
  },
  interpret(outputs, prep, sig, img, entry) {
    const out = denseOutput(pick(outputs, entry.output?.name ?? mapOutput(sig)?.name), 'disparity');
    return { kind: 'disparity', map: positiveOrZero(mapToImage(out.data, { ...prep.place, inW: out.w, inH: out.h, contentW: out.w, contentH: out.h }, img.width, img.height)) };
  },
};

function moge(v2: boolean): FamilyAdapter {
  const label = v2 ? 'MoGe-2' : 'MoGe';
  const expects = `inputs image [1, 3, H, W] (RGB 0–1) and optionally num_tokens (int64), and outputs points [1, H, W, 3] and mask [1, H, W]${v2 ? ' (plus a metric scale [1], named scale in the published export and metric_scale in the export recipe, for metric output)' : ''}`;
  return {
    family: v2 ? 'moge-2' : 'moge',
    label,
    task: 'pointmap',
    expects,
    check(sig) {
      if (!imageInput(sig, 'image')) return `${label} expects ${expects}; ${found(sig)}.`;
      const points = sig.outputs.find((o) => o.name === 'points') ?? sig.outputs.find((o) => o.shape?.length === 4 && staticDim(o.shape[3]) === 3);
      if (!points) return `${label} expects ${expects}; ${found(sig)}.`;
      return null;
    },
    prepare(img, sig, entry) {
      const info = imageInput(sig, 'image')!;
      // MoGe takes any size; the token count sets its internal resolution. Keep the aspect ratio
      // and cap the area so the browser's memory holds (multiples of 14 as its ViT likes).
      const [h, w] = staticSize(info) ?? multipleOf14Size(img.width, img.height, entry.input?.size?.[0] ?? 476);
      const place = stretch(w, h);
      const feeds: Record<string, TensorData> = { [info.name]: float32(toPlanarInput(img, place, ZERO_ONE), [1, 3, h, w]) };
      const tokens = sig.inputs.find((i) => i.name === 'num_tokens');
      if (tokens) feeds.num_tokens = { type: 'int64', data: BigInt64Array.from([BigInt(entry.numTokens ?? 1800)]), dims: [] };
      return { feeds, place, scale: w / img.width };
    },
    interpret(outputs, prep, _sig, img, _entry, ctx) {
      const pts = outputs.points ?? Object.values(outputs).find((t) => t.dims.length === 4 && t.dims[3] === 3);
      if (!pts) throw new Error('the model gave no points output');
      const [, h, w] = pts.dims;
      const data = pts.data as Float32Array;
      const maskT = outputs.mask;
      const gridMask = maskT ? Uint8Array.from(maskT.data as Float32Array, (m) => (m > 0.5 ? 1 : 0)) : null;
      const aspectOk = Math.abs(w / h - img.width / img.height) < 0.02 * (img.width / img.height);
      // A known focal (EXIF, JSON, manual) constrains the shift only, as MoGe's fov_x does.
      const fixed = ctx.focalKnown && ctx.camera && aspectOk ? (2 * ctx.camera.fx) / Math.hypot(img.width, img.height) : undefined;
      const { focal, shift } = recoverFocalShift(data, gridMask, w, h, fixed);
      // The published MoGe-2 ONNX names this output `scale`; the export recipe names it `metric_scale`.
      const scaleT = outputs.metric_scale ?? outputs.scale;
      const metricScale = scaleT ? (scaleT.data as Float32Array)[0] : 1;
      const z = new Float32Array(w * h);
      for (let i = 0; i < w * h; i++) {
        const v = (data[i * 3 + 2] + shift) * metricScale;
        z[i] = gridMask && !gridMask[i] ? NaN : v > 0 ? v : NaN;
      }
      const place = { ...prep.place, inW: w, inH: h, contentW: w, contentH: h };
      const depth = positiveOrZero(mapToImage(z, place, img.width, img.height));
      const mask = gridMask ? maskToImage(Float32Array.from(gridMask), place, img.width, img.height) : undefined;
      return {
        kind: 'pointmap',
        depth,
        metric: !!scaleT,
        mask,
        focalPx: focalPixels(focal, img.width, img.height),
        note: fixed ? `MoGe shift solved with the known focal` : `MoGe focal ${focal.toFixed(3)} (× half diagonal), shift ${shift.toFixed(3)}`,
      };
    },
  };
}

const CANONICAL_FOCAL = 1000;

const metric3d: FamilyAdapter = {
  family: 'metric3d-v2',
  label: 'Metric3D v2',
  task: 'depth-metric',
  expects: 'an image input [1, 3, H, W] (RGB normalised on the 0–255 scale, 616×1064 for the ViT models) and a depth output [1, H, W] for a canonical camera of focal 1000',
  check(sig) {
    return checkImageIn(sig, this.label, this.expects) ?? (mapOutput(sig, 'predicted_depth') ? null : `${this.label} expects ${this.expects}; ${found(sig)}.`);
  },
  prepare(img, sig, entry) {
    const info = imageInput(sig, entry.input?.name ?? 'pixel_values')!;
    const [h, w] = staticSize(info) ?? entry.input?.size ?? [616, 1064];
    // keep the aspect ratio, pad with the mean colour (0 after normalisation), as Metric3D does
    const place = fitInside(img.width, img.height, w, h, 'centre');
    const feeds = { [info.name]: float32(toPlanarInput(img, place, { ...IMAGENET_255, padNormalised: 0 }), [1, 3, h, w]) };
    return { feeds, place, scale: Math.min(w / img.width, h / img.height) };
  },
  interpret(outputs, prep, sig, img, entry, ctx) {
    if (!ctx.camera) throw new Error('Metric3D needs the focal length before it runs');
    const out = denseOutput(pick(outputs, entry.output?.name ?? mapOutput(sig, 'predicted_depth')?.name), 'depth');
    // The network predicts depth for a camera of focal 1000 px at its input resolution: rescale
    // by the real focal at that resolution (the paper's canonical-camera transform).
    const k = (ctx.camera.fx * prep.scale) / CANONICAL_FOCAL;
    const place = { ...prep.place, inW: out.w, inH: out.h };
    const map = mapToImage(out.data, place, img.width, img.height);
    for (let i = 0; i < map.length; i++) map[i] *= k;
    return { kind: 'depth', map: positiveOrZero(map), metric: true };
  },
};

const fov: FamilyAdapter = {
  family: 'fov',
  label: 'Camera / field-of-view model',
  task: 'intrinsics',
  expects: 'an image input [1, 3, H, W] (ImageNet-normalised RGB) and an output fov [1] (field of view) or intrinsics [1, 3, 3] (normalised by image size)',
  check(sig) {
    if (!imageInput(sig)) return `${this.label} expects ${this.expects}; ${found(sig)}.`;
    const ok = sig.outputs.some((o) => o.name === 'fov' || o.name === 'intrinsics' || (o.shape && o.shape.reduce<number>((p, d) => p * (staticDim(d) ?? 0), 1) === 1));
    return ok ? null : `${this.label} expects ${this.expects}; ${found(sig)}.`;
  },
  prepare(img, sig, entry) {
    const info = imageInput(sig, entry.input?.name)!;
    const [h, w] = staticSize(info) ?? entry.input?.size ?? [224, 224];
    const place = stretch(w, h);
    return { feeds: { [info.name]: float32(toPlanarInput(img, place, IMAGENET), [1, 3, h, w]) }, place, scale: w / img.width };
  },
  interpret(outputs, _prep, _sig, img, entry) {
    const K = outputs.intrinsics;
    if (K && K.dims.reduce((a, b) => a * b, 1) === 9) {
      const m = K.data as Float32Array; // normalised by image size (MoGe/utils3d convention)
      return { kind: 'fov', hfovDeg: (2 * Math.atan(0.5 / m[0]) * 180) / Math.PI };
    }
    const t = outputs.fov ?? Object.values(outputs)[0];
    let v = (t.data as Float32Array)[0];
    if ((entry.fov?.unit ?? 'deg') === 'rad') v = (v * 180) / Math.PI;
    const axis = entry.fov?.axis ?? 'horizontal';
    if (axis !== 'horizontal') {
      // convert through the focal length in pixels
      const span = axis === 'vertical' ? img.height : Math.hypot(img.width, img.height);
      const f = span / 2 / Math.tan((v * Math.PI) / 360);
      v = (2 * Math.atan(img.width / 2 / f) * 180) / Math.PI;
    }
    return { kind: 'fov', hfovDeg: v };
  },
};

export const ADAPTERS: Partial<Record<ModelFamily, FamilyAdapter>> = {
  'depth-anything-v2': depthAnything(false),
  'depth-anything-v2-metric': depthAnything(true),
  midas,
  moge: moge(false),
  'moge-2': moge(true),
  'metric3d-v2': metric3d,
  fov,
};

export function adapterFor(family: ModelFamily): FamilyAdapter {
  const a = ADAPTERS[family];
  if (!a) throw new Error(`no lifting adapter for the ${family} family`);
  return a;
}

/**
 * Best guess of a dropped model's family from its file name and I/O, for the user to confirm:
 * names tell relative from metric; I/O tells MoGe (points) and camera models (a scalar output).
 */
export function guessFamily(fileName: string, sig: ModelSignature): ModelFamily | null {
  const n = fileName.toLowerCase();
  const outs = sig.outputs.map((o) => o.name);
  if (outs.includes('points')) return outs.includes('metric_scale') || outs.includes('scale') || /moge-?2|moge_?v?2/.test(n) ? 'moge-2' : 'moge';
  if (/yolox/.test(n)) return 'yolox';
  if (outs.includes('fov') || outs.includes('intrinsics') || /fov|camera|wildcam|perspective/.test(n)) return 'fov';
  if (/metric3d|metric_3d/.test(n)) return 'metric3d-v2';
  if (/midas|dpt_|dpt-/.test(n)) return 'midas';
  if (/depth[-_]?anything|dav2|depth_anything/.test(n)) return /metric|indoor|outdoor|hypersim|vkitti/.test(n) ? 'depth-anything-v2-metric' : 'depth-anything-v2';
  if (mapOutput(sig) && imageInput(sig)) return /metric/.test(n) ? 'depth-anything-v2-metric' : 'depth-anything-v2';
  return null;
}
