/** A tensor as plain data, so the domain needs no runtime import (ORT tensors are built at the edge). */
export interface TensorData {
  type: 'float32' | 'int64';
  data: Float32Array | BigInt64Array;
  dims: number[];
}

/** An input or output as a runtime reports it: dynamic dims are names (strings). */
export interface ValueInfo {
  name: string;
  type?: string;
  shape?: (number | string)[];
}

export interface ModelSignature {
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

export const float32 = (data: Float32Array, dims: number[]): TensorData => ({ type: 'float32', data, dims });

export const formatShape = (shape: (number | string)[] | undefined): string =>
  shape ? `[${shape.map((d) => (typeof d === 'number' && d >= 0 ? String(d) : typeof d === 'string' ? d : '?')).join(', ')}]` : '[unknown shape]';

/** Static size of a dim, or undefined when dynamic. */
export const staticDim = (d: number | string | undefined): number | undefined => (typeof d === 'number' && d > 0 ? d : undefined);
