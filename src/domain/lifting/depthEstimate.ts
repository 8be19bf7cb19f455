/** What the depth stage produced for one image, at the working resolution. */
export type DepthEstimate =
  | {
      /** Metric depth straight from a dataset or a metric model: no calibration. */
      kind: 'metric';
      depth: Float32Array;
      source: string;
      mask?: Uint8Array;
      /** Set when the depth scales with the focal length used (Metric3D's canonical camera). */
      focal?: number;
    }
  | {
      /** Depth right up to a scale (MoGe after shift recovery, a relative depth model). */
      kind: 'relative-depth';
      depth: Float32Array;
      source: string;
      mask?: Uint8Array;
      metric?: MetricReference;
    }
  | {
      /** Affine-invariant inverse depth (Depth Anything V2 relative, MiDaS). */
      kind: 'relative-disparity';
      disparity: Float32Array;
      source: string;
      mask?: Uint8Array;
      metric?: MetricReference;
    };

export interface MetricReference {
  depth: Float32Array;
  source: string;
  mask?: Uint8Array;
  /** Set when the depth scales with the focal length used (Metric3D's canonical camera). */
  focal?: number;
}
