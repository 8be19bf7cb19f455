// Finds an item's marks in its photos and measures it from its depth maps, off the main thread
// (decoding a 1296 × 968 photo and scanning it takes longer than a frame).
import { decodeDepthPng } from '../domain/formats/depthPng';
import { storedPixels } from '../adapters/browser/markedPhoto';
import { type ItemImage, measureItem } from '../domain/qa/audit/measureItem';
import type { MeasureRequest, MeasureResponse } from './measureProtocol';


self.onmessage = async (e: MessageEvent<MeasureRequest>) => {
  const { id, item, images, corrections } = e.data;
  try {
    const inputs: ItemImage[] = [];
    for (const im of images) {
      const depth = im.depth ? decodeDepthPng(new Uint8Array(await im.depth.arrayBuffer()), 1000, im.depthName) : undefined;
      inputs.push({ rgba: await storedPixels(im.image), ...(depth ? { depth } : {}), ...(im.K ? { K: im.K } : {}), ...(im.Kdepth ? { Kdepth: im.Kdepth } : {}), ...(im.pose ? { pose: im.pose } : {}) });
    }
    (self as unknown as Worker).postMessage({ id, result: measureItem(item, inputs, corrections) } satisfies MeasureResponse);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: (err as Error).message } satisfies MeasureResponse);
  }
};
