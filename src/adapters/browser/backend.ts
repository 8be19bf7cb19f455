import type { BackendPreference } from '../../app/ports';

export interface BackendChoice {
  backend: 'webgpu' | 'wasm';
  /** Why, in words, for the UI ("no WebGPU adapter", "fallback (CPU) adapter", …). */
  reason: string;
}

/**
 * WebGPU only on a real GPU: a fallback adapter (SwiftShader) is a CPU emulation that runs
 * onnxruntime hundreds of times slower than WASM. 'webgpu' forces it anyway (to test the path).
 */
export async function chooseBackend(pref: BackendPreference): Promise<BackendChoice> {
  if (pref === 'wasm') return { backend: 'wasm', reason: 'WASM chosen in settings' };
  const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return { backend: 'wasm', reason: 'this browser has no WebGPU' };
  type Adapter = { isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string } };
  let adapter: Adapter | null = null;
  try {
    adapter = (await gpu.requestAdapter()) as Adapter | null;
  } catch {
    adapter = null;
  }
  if (!adapter) return { backend: 'wasm', reason: 'no WebGPU adapter' };
  const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  if (pref === 'webgpu') return { backend: 'webgpu', reason: fallback ? 'WebGPU forced on a fallback (CPU) adapter' : 'WebGPU chosen in settings' };
  return fallback
    ? { backend: 'wasm', reason: 'the WebGPU adapter is a CPU fallback' }
    : { backend: 'webgpu', reason: `GPU adapter ${adapter.info?.vendor ?? ''} ${adapter.info?.architecture ?? ''}`.trim() };
}
