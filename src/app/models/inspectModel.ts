// What a dropped .onnx file is: its inputs and outputs as the runtime reads them, the family they
// suggest, its hash and size.
import { sha256Hex } from '../../domain/formats/hash';
import { guessFamily } from '../../domain/models/families';
import type { ModelSignature } from '../../domain/models/tensor';
import type { InspectedModel } from '../ports';

export async function inspectModelFile(name: string, bytes: ArrayBuffer, signatureOf: (name: string, bytes: ArrayBuffer) => Promise<ModelSignature>): Promise<InspectedModel> {
  const size = bytes.byteLength;
  const sha256 = await sha256Hex(new Uint8Array(bytes));
  const signature = await signatureOf(name, bytes);
  return { signature, guess: guessFamily(name, signature), sha256, bytes: size };
}
