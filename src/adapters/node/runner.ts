import fs from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { ManifestEntry } from '../../domain/models/manifest';
import { type OrtModule, OrtRunner } from '../ort/ortRunner';

/** onnxruntime-node runner over model files on disk (entry.file resolved against `dir`). */
export function nodeRunner(resolve: (entry: ManifestEntry) => string, threads?: number): OrtRunner {
  return new OrtRunner(ort as unknown as OrtModule, {
    load: async (entry) => new Uint8Array(await fs.readFile(resolve(entry))),
    sessionOptions: () => ({ executionProviders: ['cpu'], graphOptimizationLevel: 'all', ...(threads ? { intraOpNumThreads: threads } : {}) }),
    backend: `onnxruntime-node cpu${threads ? `, ${threads} threads` : ''}`,
  });
}
