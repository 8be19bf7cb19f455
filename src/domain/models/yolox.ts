// YOLOX (Megvii) COCO detector: its letterbox input and the decoding of its raw grid output, as
// YOLOX's own `preproc` and `demo_postprocess` do them (models/README.md, "Shipped: YOLOX-Nano").
// The ONNX export stops before box decoding and NMS, so both happen here.
import { UserError } from '../errors';
import { type RGBAImage, fitInside, toPlanarInput } from '../image/resample';
import type { Annotation2D, BBox } from '../objects/types';
import { type TensorData, float32 } from './tensor';

/** One detection in source-image pixels. */
export interface Detection {
  /** COCO [x, y, width, height] in continuous pixel coordinates, clipped to the image. */
  bbox: BBox;
  /** Objectness × the best class probability, 0–1. */
  score: number;
  /** Contiguous COCO-80 class index (0 person … 79 toothbrush). */
  classIndex: number;
  category: string;
}

export interface YoloxDecodeOptions {
  /** Keep detections scoring at least this (YOLOX's demo uses 0.3); the UI exposes it. */
  scoreThreshold?: number;
  /** Same-class boxes overlapping a better one by more than this IoU are dropped. */
  nmsIou?: number;
  /** Side of the square network input the output was computed for. */
  size?: number;
}

export const YOLOX_INPUT_SIZE = 416;
export const YOLOX_SCORE_THRESHOLD = 0.3;
export const YOLOX_NMS_IOU = 0.45;
/** Grey YOLOX pads its letterbox with (its training images were padded the same way). */
export const YOLOX_PAD = 114;
/** Output levels, finest first: the rows of the output come in this order. */
export const YOLOX_STRIDES = [8, 16, 32] as const;
const NUM_CLASSES = 80;
const ROW = 5 + NUM_CLASSES; // x, y, w, h, objectness, 80 class probabilities

// Kept local so this module stands alone; same contiguous order as objects/cocoCategories.ts.
const COCO80: readonly string[] = [
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light',
  'fire hydrant', 'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow',
  'elephant', 'bear', 'zebra', 'giraffe', 'backpack', 'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee',
  'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat', 'baseball glove', 'skateboard', 'surfboard', 'tennis racket', 'bottle',
  'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl', 'banana', 'apple', 'sandwich', 'orange',
  'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch', 'potted plant', 'bed',
  'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote', 'keyboard', 'cell phone', 'microwave', 'oven',
  'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors', 'teddy bear', 'hair drier', 'toothbrush',
];

/**
 * YOLOX's letterbox (its `preproc`): scale by r = min(size/W, size/H) keeping the aspect, bilinear, content at
 * the top-left (so decoding only divides by r, no offset), the rest grey 114; BGR, raw 0–255.
 */
export function yoloxInput(img: RGBAImage, size = YOLOX_INPUT_SIZE): { tensor: TensorData; ratio: number } {
  const place = fitInside(img.width, img.height, size, size, 'top-left');
  const data = toPlanarInput(img, place, { mean: [0, 0, 0], std: [1, 1, 1], scale: 255, bgr: true, padRaw: YOLOX_PAD });
  // YOLOX resizes with OpenCV (INTER_LINEAR, no antialiasing, like axisTable) into uint8, so the
  // network saw whole grey levels in training: round as cv2 does
  for (let i = 0; i < data.length; i++) data[i] = Math.round(data[i]);
  // the exact r, not contentW / W: YOLOX divides its boxes by the same unrounded ratio
  const ratio = Math.min(size / img.width, size / img.height);
  return { tensor: float32(data, [1, 3, size, size]), ratio };
}

/** Rows the output has for a square input of this size (3549 for 416). */
export const yoloxRows = (size = YOLOX_INPUT_SIZE): number => YOLOX_STRIDES.reduce((n, s) => n + (size / s) ** 2, 0);

interface Candidate {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  score: number;
  cls: number;
  row: number;
}

const iou = (a: Candidate, b: Candidate): number => {
  const iw = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const ih = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  const union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter;
  return union > 0 ? inter / union : 0;
};

/**
 * Decodes YOLOX's [1, N, 85] output into detections in source pixels: grid decode per stride,
 * score = objectness × best class, threshold, per-class NMS, boxes clipped to the image, best first.
 */
export function yoloxDecode(output: Float32Array, ratio: number, imageW: number, imageH: number, opts: YoloxDecodeOptions = {}): Detection[] {
  const size = opts.size ?? YOLOX_INPUT_SIZE;
  const threshold = opts.scoreThreshold ?? YOLOX_SCORE_THRESHOLD;
  const nmsIou = opts.nmsIou ?? YOLOX_NMS_IOU;
  const rows = yoloxRows(size);
  if (output.length !== rows * ROW)
    throw new UserError(
      `The detector's output has ${output.length} values; a YOLOX COCO model with a ${size}×${size} input gives ${rows} × ${ROW} = ${rows * ROW}.`,
      'model-mismatch',
    );

  const cands: Candidate[] = [];
  let row = 0;
  for (const s of YOLOX_STRIDES) {
    const g = size / s;
    for (let gy = 0; gy < g; gy++)
      for (let gx = 0; gx < g; gx++, row++) {
        const o = row * ROW;
        const obj = output[o + 4];
        // class probabilities are at most 1, so a low objectness already rules the row out
        if (!(obj >= threshold)) continue;
        let cls = 0;
        let best = output[o + 5];
        for (let c = 1; c < NUM_CLASSES; c++) {
          const p = output[o + 5 + c];
          if (p > best) {
            best = p;
            cls = c;
          }
        }
        const score = obj * best;
        if (!(score >= threshold)) continue;
        // centre offsets and log sizes are in grid units; the letterbox's content starts at 0,0
        const cx = ((output[o] + gx) * s) / ratio;
        const cy = ((output[o + 1] + gy) * s) / ratio;
        const w = (Math.exp(output[o + 2]) * s) / ratio;
        const h = (Math.exp(output[o + 3]) * s) / ratio;
        if (!Number.isFinite(cx + cy + w + h)) continue;
        cands.push({ x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2, score, cls, row });
      }
  }

  // greedy NMS within each class, on the unclipped boxes as YOLOX does; ties go to the earlier row
  cands.sort((a, b) => b.score - a.score || a.row - b.row);
  const kept: Candidate[] = [];
  for (const c of cands) if (!kept.some((k) => k.cls === c.cls && iou(k, c) > nmsIou)) kept.push(c);

  const out: Detection[] = [];
  for (const k of kept) {
    const x0 = Math.min(imageW, Math.max(0, k.x0)), x1 = Math.min(imageW, Math.max(0, k.x1));
    const y0 = Math.min(imageH, Math.max(0, k.y0)), y1 = Math.min(imageH, Math.max(0, k.y1));
    // a box wholly outside the photo (only possible with a garbage output) describes nothing in it
    if (x1 <= x0 || y1 <= y0) continue;
    out.push({ bbox: [x0, y0, x1 - x0, y1 - y0], score: k.score, classIndex: k.cls, category: COCO80[k.cls] });
  }
  return out;
}

/** Detections as object annotations (source 'detected'), ids `${prefix}-0`, `${prefix}-1`, … in score order. */
export function detectionsToAnnotations(dets: Detection[], prefix = 'det'): Annotation2D[] {
  return dets.map((d, k) => ({ id: `${prefix}-${k}`, category: d.category, bbox: [...d.bbox] as BBox, score: d.score, source: 'detected' as const }));
}
