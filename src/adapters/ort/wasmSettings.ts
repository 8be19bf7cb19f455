// How onnxruntime-web's WASM backend is set up, as pure functions of what the worker can see, so the
// choices are tested and the benches use exactly what the app uses. The reasons are measurements
// (bench/inferenceProfile.ts, notes in docs/inference-performance.md):
// - threads: the WASM thread pool needs SharedArrayBuffer, i.e. a cross-origin-isolated page; without
//   it onnxruntime-web cannot start workers, so 1. With it, every core up to 4: on a 2-core machine
//   2 threads ran YOLOX-Nano in 45–49 ms against 69–73 ms with 1, and depthnet-384 in 79–86 ms against
//   156–224 ms. The cap of 4 is kept from before (not measurable on this 2-core machine).
// - graph optimisation 'all': in the WASM build it is the same as 'extended' (the NCHWc layout
//   transform needs a vector block size > 1, which the 128-bit build does not have), and 'basic' loses
//   the fusions (Conv+activation, QuickGelu) that make YOLOX-Nano 1.8× faster.
// - the memory arena stays on (off: YOLOX-Nano took 1.8× the CPU time); memory patterns, parallel
//   execution mode: no measurable change, left at their defaults.
import type { InferenceSession } from 'onnxruntime-common';

export const MAX_WASM_THREADS = 4;

export interface WasmThreads {
  threads: number;
  /** Why that many, for the backend line the UI shows. */
  reason: string;
}

export function wasmThreads(crossOriginIsolated: boolean, hardwareConcurrency: number | undefined): WasmThreads {
  if (!crossOriginIsolated) return { threads: 1, reason: 'page not cross-origin isolated: no shared memory for worker threads' };
  const cores = Number.isFinite(hardwareConcurrency) && (hardwareConcurrency ?? 0) >= 1 ? Math.floor(hardwareConcurrency!) : 2;
  return { threads: Math.min(MAX_WASM_THREADS, cores), reason: `${cores} core${cores > 1 ? 's' : ''}` };
}

export function wasmSessionOptions(): InferenceSession.SessionOptions {
  return { executionProviders: ['wasm'], graphOptimizationLevel: 'all', enableCpuMemArena: true };
}
