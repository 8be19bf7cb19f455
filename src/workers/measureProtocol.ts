import type { PixelAudit } from '../domain/qa/audit/measureItem';
import type { Intrinsics } from '../domain/geometry/camera';
import type { QAItem } from '../domain/qa/types';
import type { MarkCorrection } from '../domain/review/markCorrections';

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
  /** The reviewer's marks, used in place of the found ones of their colour and kind. */
  corrections?: MarkCorrection[];
}

export type MeasureResponse = { id: number; result: PixelAudit; error?: undefined } | { id: number; error: string; result?: undefined };
