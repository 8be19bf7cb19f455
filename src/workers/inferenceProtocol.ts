import type { ManifestEntry } from '../domain/models/manifest';
import type { ModelSignature, TensorData } from '../domain/models/tensor';
import type { BackendPreference } from './protocol';

export type InferenceRequest =
  | { type: 'signature'; id: number; entry: ManifestEntry; backend: BackendPreference }
  | { type: 'run'; id: number; entry: ManifestEntry; backend: BackendPreference; feeds: Record<string, TensorData> }
  | { type: 'inspect'; id: number; name: string; bytes: ArrayBuffer };

export type InferenceResponse =
  | { type: 'signature'; id: number; signature: ModelSignature; backend: string }
  | { type: 'run'; id: number; outputs: Record<string, TensorData>; backend: string }
  | { type: 'inspect'; id: number; signature: ModelSignature }
  | { type: 'error'; id: number; message: string; code: string; user: boolean };
