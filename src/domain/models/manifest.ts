import { jsonProblem } from '../formats/jsonError';
import { UserError } from '../errors';

/** What a model contributes to lifting (or detection, for the objects issue). */
export type ModelTask = 'disparity-relative' | 'depth-relative' | 'depth-metric' | 'pointmap' | 'intrinsics' | 'detect-coco';

export type ModelFamily =
  | 'depth-anything-v2'
  | 'depth-anything-v2-metric'
  | 'midas'
  | 'moge'
  | 'moge-2'
  | 'metric3d-v2'
  | 'fov'
  | 'yolox';

export interface ManifestEntry {
  id: string;
  name?: string;
  family: ModelFamily;
  task: ModelTask;
  file: string;
  sha256?: string;
  bytes?: number;
  input?: {
    name?: string;
    /** [height, width] for models whose ONNX input size is dynamic. */
    size?: [number, number];
    normalization?: string;
    channels?: 'RGB' | 'BGR';
    resize?: string;
  };
  output?: { name?: string; meaning?: string };
  /** MoGe: base ViT tokens fed as `num_tokens` (MoGe-2 suggests 1200–2500). */
  numTokens?: number;
  /** Camera models: which field of view the output is, and its unit. */
  fov?: { axis: 'horizontal' | 'vertical' | 'diagonal'; unit: 'deg' | 'rad' };
  licence?: string;
  licenceFiles?: string[];
  source?: Record<string, string> | string;
  [extra: string]: unknown;
}

export interface Manifest {
  schema: string;
  models: ManifestEntry[];
  missing?: { task: string; why: string }[];
}

export const MANIFEST_SCHEMA = 'spatial-lens/models-manifest@1';

export const FAMILIES: ModelFamily[] = ['depth-anything-v2', 'depth-anything-v2-metric', 'midas', 'moge', 'moge-2', 'metric3d-v2', 'fov', 'yolox'];

/** Task each family performs. */
export const FAMILY_TASK: Record<ModelFamily, ModelTask> = {
  'depth-anything-v2': 'disparity-relative',
  'depth-anything-v2-metric': 'depth-metric',
  midas: 'disparity-relative',
  moge: 'pointmap',
  'moge-2': 'pointmap',
  'metric3d-v2': 'depth-metric',
  fov: 'intrinsics',
  yolox: 'detect-coco',
};

/** Reads models/manifest.json, naming the first problem found. */
export function parseManifest(text: string, name = 'models/manifest.json'): Manifest {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${name} is not valid JSON: ${jsonProblem(text, e)}.`, 'manifest-json');
  }
  const m = j as Partial<Manifest>;
  if (!m || typeof m !== 'object' || m.schema !== MANIFEST_SCHEMA || !Array.isArray(m.models))
    throw new UserError(`${name} is not a models manifest (expected "schema": "${MANIFEST_SCHEMA}" and a "models" list).`, 'manifest-schema');
  const ids = new Set<string>();
  for (const [i, e] of m.models.entries()) {
    const where = `${name}, model ${i + 1}`;
    if (!e || typeof e.id !== 'string' || !e.id) throw new UserError(`${where}: "id" is missing.`, 'manifest-entry');
    if (ids.has(e.id)) throw new UserError(`${where}: id "${e.id}" appears twice.`, 'manifest-entry');
    ids.add(e.id);
    if (!FAMILIES.includes(e.family)) throw new UserError(`${where} ("${e.id}"): family "${e.family}" is not one of ${FAMILIES.join(', ')}.`, 'manifest-entry');
    if (typeof e.file !== 'string' || !e.file.endsWith('.onnx')) throw new UserError(`${where} ("${e.id}"): "file" must name an .onnx file.`, 'manifest-entry');
    if (e.task && e.task !== FAMILY_TASK[e.family]) throw new UserError(`${where} ("${e.id}"): task "${e.task}" does not match family ${e.family} (${FAMILY_TASK[e.family]}).`, 'manifest-entry');
    e.task = FAMILY_TASK[e.family];
  }
  return m as Manifest;
}
