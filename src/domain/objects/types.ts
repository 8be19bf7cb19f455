// Object annotations as the objects stage handles them (docs/formats.md: COCO conventions for 2D).

/** A binary mask, row-major, 1 = inside. */
export interface Mask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** COCO run-length encoding: `size` is [height, width]; runs go down columns (column-major). */
export interface CocoRle {
  size: [number, number];
  /** Compressed string (pycocotools' format) or uncompressed run lengths. */
  counts: string | number[];
}

/** COCO box [x, y, width, height] in continuous pixel coordinates (pixel (i, j) covers [i, i+1) × [j, j+1)). */
export type BBox = [number, number, number, number];

export type AnnotationSource = 'annotated' | 'detected' | 'drawn';

/** One 2D object annotation on one image. */
export interface Annotation2D {
  /** Unique within its image (the COCO annotation id as a string, or a generated one). */
  id: string;
  category: string;
  categoryId?: number;
  bbox: BBox;
  /** COCO polygons (flat [x0, y0, x1, y1, …] lists) or an RLE. */
  segmentation?: { polygons?: number[][]; rle?: CocoRle };
  iscrowd?: boolean;
  /** Detector confidence, for detections. */
  score?: number;
  source: AnnotationSource;
}

/** A problem found in imported annotations: reported to the user, the rest is still imported. */
export interface ImportProblem {
  /** Where: an annotation id, an image name, or a line. */
  where: string;
  message: string;
  /** 'error': the annotation was skipped; 'warning': it was kept (repaired or flagged). */
  severity: 'error' | 'warning';
}
