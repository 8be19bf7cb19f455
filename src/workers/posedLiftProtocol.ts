import type { Intrinsics } from '../domain/geometry/camera';
import type { Mark } from '../domain/qa/types';
import type { PosedLift } from '../domain/review/posedLift';

export interface PosedLiftImage {
  image: Blob;
  depth: Blob;
  depthName: string;
  K: Intrinsics;
  Kdepth?: Intrinsics;
  pose: number[];
}

export interface PosedLiftRequest {
  id: number;
  marks: Mark[];
  images: PosedLiftImage[];
  reference: number;
  /** Every step-th depth pixel becomes a point. */
  step: number;
}

export type PosedLiftResponse = { id: number; result: PosedLift; error?: undefined } | { id: number; error: string; result?: undefined };
