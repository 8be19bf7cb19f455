// QA items as docs/formats.md, QA item lays them out: the SPAR-Bench fields first, ours under `spatial_lens`.

export type QAFormat = 'fill' | 'select' | 'sentence' | 'judge';
export type MarkColour = 'red' | 'blue' | 'green' | 'yellow';

/** A visual mark drawn on the image to refer to an object (SPAR's coloured points and boxes). */
export interface Mark {
  object?: string;
  kind: 'point' | 'box';
  color: MarkColour;
  /** Point marks: pixel (OpenCV pixel-centre coordinates) on the stored photo. */
  uv?: [number, number];
  /** Box marks: [x1, y1, x2, y2] in COCO continuous pixel coordinates. */
  box?: [number, number, number, number];
  /** Index into `image` (multi-view items). */
  image?: number;
}

export interface QAItem {
  id: string;
  image: string[];
  task: string;
  question: string;
  answer: string;
  spatial_lens: {
    schema: 'spatial-lens/qa@1';
    format: QAFormat;
    options?: string[];
    /** The exact quantity behind a numeric answer. */
    value?: number | number[] | string | boolean;
    unit?: string;
    objects: string[];
    marks: Mark[];
    evidence: Record<string, unknown>;
    scene: string;
    generator: { name: 'spatial-lens'; version: string; seed: number; params?: Record<string, unknown> };
    [extra: string]: unknown;
  };
  [extra: string]: unknown;
}

export const QA_SCHEMA = 'spatial-lens/qa@1';
