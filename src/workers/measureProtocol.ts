import type { PixelAudit } from '../domain/qa/audit/measureItem';
import type { MeasureImage } from '../app/review/measureCurrent';
import type { QAItem } from '../domain/qa/types';
import type { MarkCorrection } from '../domain/review/markCorrections';

export type { MeasureImage };

export interface MeasureRequest {
  id: number;
  item: QAItem;
  images: MeasureImage[];
  /** The reviewer's marks, used in place of the found ones of their colour and kind. */
  corrections?: MarkCorrection[];
}

export type MeasureResponse = { id: number; result: PixelAudit; error?: undefined } | { id: number; error: string; result?: undefined };
