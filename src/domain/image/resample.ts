// Resampling of images and per-pixel maps between the working image and a model's input grid.
// Sample positions follow the pixel-centre convention (align_corners = false), as the models'
// own PyTorch/OpenCV preprocessing does.

export interface RGBAImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** Where a resized image sits inside a model input of size (inW, inH). */
export interface Placement {
  inW: number;
  inH: number;
  /** Size of the resized image content inside the input. */
  contentW: number;
  contentH: number;
  /** Top-left offset of the content (padding before it). */
  offX: number;
  offY: number;
}

/**
 * Bilinear sampling positions along one axis: destination pixel x reads source pixels i0[x] and
 * i1[x] with weight w[x] on the second (pixel-centre convention, clamped at the borders).
 */
export function axisTable(dstLen: number, srcLen: number): { i0: Int32Array; i1: Int32Array; w: Float32Array } {
  const i0 = new Int32Array(dstLen), i1 = new Int32Array(dstLen), w = new Float32Array(dstLen);
  const s = srcLen / dstLen;
  for (let x = 0; x < dstLen; x++) {
    const f = Math.min(srcLen - 1, Math.max(0, (x + 0.5) * s - 0.5));
    i0[x] = Math.floor(f);
    i1[x] = Math.min(srcLen - 1, i0[x] + 1);
    w[x] = f - i0[x];
  }
  return { i0, i1, w };
}

export const stretch = (inW: number, inH: number): Placement => ({ inW, inH, contentW: inW, contentH: inH, offX: 0, offY: 0 });

/** Keep aspect ratio, fit inside (inW, inH), content centred (Metric3D) or at the top-left (YOLOX). */
export function fitInside(srcW: number, srcH: number, inW: number, inH: number, anchor: 'centre' | 'top-left' = 'centre'): Placement {
  const r = Math.min(inW / srcW, inH / srcH);
  const contentW = Math.max(1, Math.round(srcW * r)), contentH = Math.max(1, Math.round(srcH * r));
  const offX = anchor === 'centre' ? Math.floor((inW - contentW) / 2) : 0;
  const offY = anchor === 'centre' ? Math.floor((inH - contentH) / 2) : 0;
  return { inW, inH, contentW, contentH, offX, offY };
}

/**
 * Planar NCHW float input from an RGBA image: bilinear resize into the placement's content box,
 * channel order and per-channel (value − mean) / std on the given scale (1 for 0–1, 255 for 0–255).
 * Padding is `padRaw` in raw units before normalisation (YOLOX's grey 114), or `padNormalised`
 * after it (Metric3D pads with its mean colour, which normalises to 0).
 */
export function toPlanarInput(
  img: RGBAImage,
  place: Placement,
  opts: { mean: [number, number, number]; std: [number, number, number]; scale: 1 | 255; bgr?: boolean; padRaw?: number; padNormalised?: number },
): Float32Array {
  const { inW, inH, contentW, contentH, offX, offY } = place;
  const plane = inW * inH;
  const out = new Float32Array(plane * 3);
  const order = opts.bgr ? [2, 1, 0] : [0, 1, 2];
  const inv = opts.std.map((s) => 1 / s);
  const k0 = opts.scale === 255 ? 1 : 1 / 255;
  for (let c = 0; c < 3; c++) out.fill(opts.padNormalised ?? ((opts.padRaw ?? 0) * k0 - opts.mean[c]) * inv[c], c * plane, (c + 1) * plane);
  const X = axisTable(contentW, img.width), Y = axisTable(contentH, img.height);
  const k = opts.scale === 255 ? 1 : 1 / 255;
  for (let y = 0; y < contentH; y++) {
    const y0 = Y.i0[y], y1 = Y.i1[y], wy = Y.w[y];
    for (let x = 0; x < contentW; x++) {
      const x0 = X.i0[x], x1 = X.i1[x], wx = X.w[x];
      const o = (y + offY) * inW + (x + offX);
      const p00 = (y0 * img.width + x0) * 4, p01 = (y0 * img.width + x1) * 4, p10 = (y1 * img.width + x0) * 4, p11 = (y1 * img.width + x1) * 4;
      for (let c = 0; c < 3; c++) {
        const ch = order[c];
        const v = (img.data[p00 + ch] * (1 - wx) + img.data[p01 + ch] * wx) * (1 - wy) + (img.data[p10 + ch] * (1 - wx) + img.data[p11 + ch] * wx) * wy;
        out[c * plane + o] = (v * k - opts.mean[c]) * inv[c];
      }
    }
  }
  return out;
}

/**
 * A per-pixel map produced on the model grid, cut to the placement's content and resized to
 * (dstW, dstH) bilinearly. Samples whose neighbourhood holds a non-finite value take the nearest
 * value instead, so invalid regions do not bleed into valid ones.
 */
export function mapToImage(src: Float32Array, place: Placement, dstW: number, dstH: number, channels = 1, channel = 0): Float32Array {
  const { inW, contentW, contentH, offX, offY } = place;
  const out = new Float32Array(dstW * dstH);
  const X = axisTable(dstW, contentW), Y = axisTable(dstH, contentH);
  const at = (x: number, y: number) => src[((y + offY) * inW + (x + offX)) * channels + channel];
  for (let y = 0; y < dstH; y++) {
    const y0 = Y.i0[y], y1 = Y.i1[y], wy = Y.w[y];
    for (let x = 0; x < dstW; x++) {
      const x0 = X.i0[x], x1 = X.i1[x], wx = X.w[x];
      const a = at(x0, y0), b = at(x1, y0), c = at(x0, y1), d = at(x1, y1);
      let v = (a * (1 - wx) + b * wx) * (1 - wy) + (c * (1 - wx) + d * wx) * wy;
      if (!Number.isFinite(v)) v = at(wx < 0.5 ? x0 : x1, wy < 0.5 ? y0 : y1);
      out[y * dstW + x] = v;
    }
  }
  return out;
}

/** Nearest-neighbour resize of a mask on the model grid to the image. */
export function maskToImage(src: Float32Array, place: Placement, dstW: number, dstH: number, threshold = 0.5): Uint8Array {
  const { inW, contentW, contentH, offX, offY } = place;
  const out = new Uint8Array(dstW * dstH);
  for (let y = 0; y < dstH; y++) {
    const sy = Math.min(contentH - 1, Math.floor(((y + 0.5) * contentH) / dstH));
    for (let x = 0; x < dstW; x++) {
      const sx = Math.min(contentW - 1, Math.floor(((x + 0.5) * contentW) / dstW));
      out[y * dstW + x] = src[(sy + offY) * inW + sx + offX] > threshold ? 1 : 0;
    }
  }
  return out;
}
