// Lifts an item's posed RGB-D photos into one frame off the main thread (decoding two photos and
// depth maps and back-projecting them takes longer than a frame).
import { decodeDepthPng } from '../domain/formats/depthPng';
import { storedPixels } from '../adapters/browser/markedPhoto';
import { type PosedImage, liftPosed } from '../domain/review/posedLift';
import type { PosedLiftRequest, PosedLiftResponse } from './posedLiftProtocol';


self.onmessage = async (e: MessageEvent<PosedLiftRequest>) => {
  const { id, marks, images, reference, step } = e.data;
  try {
    const inputs: PosedImage[] = [];
    for (const im of images) {
      const depth = decodeDepthPng(new Uint8Array(await im.depth.arrayBuffer()), 1000, im.depthName);
      inputs.push({ rgba: await storedPixels(im.image), depth, K: im.K, ...(im.Kdepth ? { Kdepth: im.Kdepth } : {}), pose: im.pose });
    }
    const result = liftPosed(marks, inputs, reference, step);
    const transfer = result.clouds.flatMap((c) => [c.xyz.buffer, c.rgb.buffer]);
    (self as unknown as Worker).postMessage({ id, result } satisfies PosedLiftResponse, transfer);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: (err as Error).message } satisfies PosedLiftResponse);
  }
};
