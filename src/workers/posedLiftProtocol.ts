import type { PosedLiftImage } from '../app/review/liftPosed';
import type { Mark } from '../domain/qa/types';
import type { PosedLift } from '../domain/review/posedLift';

export type { PosedLiftImage };

export interface PosedLiftRequest {
  id: number;
  marks: Mark[];
  images: PosedLiftImage[];
  reference: number;
  /** Every step-th depth pixel becomes a point. */
  step: number;
}

export type PosedLiftResponse = { id: number; result: PosedLift; error?: undefined } | { id: number; error: string; result?: undefined };
