import type { PixelAudit } from '../domain/qa/audit/measureItem';
import type { Intrinsics } from '../domain/geometry/camera';
import type { QAItem } from '../domain/qa/types';

export interface MeasureImage {
  image: Blob;
  depth?: Blob;
  depthName?: string;
  K?: Intrinsics;
  Kdepth?: Intrinsics;
  pose?: number[];
}

export interface MeasureRequest {
  id: number;
  item: QAItem;
  images: MeasureImage[];
}

export type MeasureResponse = { id: number; result: PixelAudit; error?: undefined } | { id: number; error: string; result?: undefined };
