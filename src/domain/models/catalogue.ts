// The models the app offers to download: real public ONNX exports that fit the families the app
// runs, each pinned to a revision with its exact size and SHA-256 (checked before use), its licence
// and where it comes from. The facts were read from the publishers' pages and from independent pins
// of the same bytes; no file is trusted by its name.
import { jsonProblem } from '../formats/jsonError';
import { UserError } from '../errors';
import { FAMILIES, FAMILY_TASK, type ManifestEntry, type ModelFamily } from './manifest';

export const CATALOGUE_SCHEMA = 'spatial-lens/model-catalogue@1';

/** Hugging Face's download host; `resolve` URLs answer with a redirect to its CDN (*.hf.co). */
export const DEFAULT_MODEL_BASE = 'https://huggingface.co';

export interface CatalogueEntry {
  id: string;
  /** What the consent screen names: "Depth Anything V2 Small". */
  name: string;
  /** Precision or flavour: "int8", "fp32", "indoor". */
  variant: string;
  family: ModelFamily;
  /** Repository on the model host, the pinned revision, and the file inside it. */
  repo: string;
  revision: string;
  path: string;
  /** Exact size in bytes; null where only a rounded size was published. */
  bytes: number | null;
  sha256: string;
  licence: string;
  /** Anything about the licence a user should weigh (training data, missing tag). */
  licenceNote?: string;
  sourcePage: string;
  input: { name: string; size?: [number, number]; normalization: string; resize: string };
  output: { name: string; meaning: string };
  numTokens?: number;
  /** The first choice for a photo without depth. */
  recommended?: boolean;
  /** Offered only on request (unverified size, unclear licence). */
  caveat?: string;
}

export interface Catalogue {
  schema: string;
  entries: CatalogueEntry[];
  /** Slots the app would fill if a suitable public export existed, with the reason none is offered. */
  missing: { slot: string; why: string }[];
  /** A deployment's own catalogue may name its mirror (absolute, or relative to the app). */
  base?: string;
}

const IMAGENET_01 = 'RGB scaled to 0–1, then ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225)';
const DPT_RESIZE = 'aspect kept, the side nearer 518 set to 518, both sides rounded down to multiples of 14, bicubic';

const DAV2_SMALL = {
  name: 'Depth Anything V2 Small',
  family: 'depth-anything-v2' as const,
  repo: 'onnx-community/depth-anything-v2-small',
  revision: '02504fff2a0de682e3162e5e89bdeab034e1b96d',
  licence: 'Apache-2.0',
  sourcePage: 'https://huggingface.co/onnx-community/depth-anything-v2-small',
  input: { name: 'pixel_values', size: [518, 518] as [number, number], normalization: IMAGENET_01, resize: DPT_RESIZE },
  output: { name: 'predicted_depth', meaning: '[1, H, W] relative inverse depth (disparity): larger is nearer, affine-invariant, no unit' },
};

export const CATALOGUE: Catalogue = {
  schema: CATALOGUE_SCHEMA,
  entries: [
    {
      ...DAV2_SMALL,
      id: 'dav2-small-int8',
      variant: 'int8',
      path: 'onnx/model_quantized.onnx',
      bytes: 27_258_801,
      sha256: 'fcf51f1b230362b28690bb9d1809bf0431f29cad20534e3f589bd7285547f20d',
      recommended: true,
    },
    {
      ...DAV2_SMALL,
      id: 'dav2-small-fp32',
      variant: 'fp32',
      path: 'onnx/model.onnx',
      bytes: 99_060_839,
      sha256: 'afb6a5c28f3b6bf1618c6e43f02073ef9dfdc70e937502d51603e57b0a1df10c',
    },
    {
      ...DAV2_SMALL,
      id: 'dav2-small-fp16',
      variant: 'fp16',
      path: 'onnx/model_fp16.onnx',
      bytes: 49_642_442,
      sha256: '2df6223f206b5164e21f664ace61dabeb9bb6a49b8b5a3e00510b4807d0f5b04',
      caveat: 'Half precision is meant for WebGPU; on the CPU (WASM) it runs several times slower than fp32.',
    },
    {
      id: 'moge2-vits',
      name: 'MoGe-2 ViT-S',
      variant: 'fp32, normals',
      family: 'moge-2',
      repo: 'Ruicheng/moge-2-vits-normal-onnx',
      revision: 'e50ffda41565591092adea54c6ac83d6212e1e23',
      path: 'model.onnx',
      bytes: 140_852_051,
      sha256: '24eacb5dc7a2c54c7bc98f7de085ffbed79ad006ea5b664c2c2cdc02ff3a52f0',
      licence: 'MIT (DINOv2 parts Apache-2.0)',
      licenceNote: 'The ONNX repository carries no licence tag; the MoGe code and weights are MIT, the DINOv2 backbone Apache-2.0.',
      sourcePage: 'https://huggingface.co/Ruicheng/moge-2-vits-normal-onnx',
      input: { name: 'image', normalization: 'RGB scaled to 0–1 (normalised inside the network); num_tokens int64 scalar, 1200–2500', resize: 'any size; aspect kept, area capped, sides multiples of 14' },
      output: {
        name: 'points',
        meaning: 'points [1, H, W, 3] affine-invariant point map (OpenCV camera axes), mask [1, H, W] probability, scale [1] metric scale, normal [1, H, W, 3]; focal and z-shift are recovered after the run',
      },
      numTokens: 1800,
    },
    {
      id: 'dav2-metric-indoor-small',
      name: 'Depth Anything V2 Metric Indoor Small',
      variant: 'fp32, Hypersim',
      family: 'depth-anything-v2-metric',
      repo: 'CodeChefJeff/depth2depth-vits-hypersim',
      revision: 'c7f42ff8331a5eb77521a234858cdd93252badc3',
      path: 'da2_metric_hypersim_vits.onnx',
      bytes: null,
      sha256: 'beaeaeacdb66fc067fc82dd30463b255549367dc251d6cdff3db31bc3edf0750',
      licence: 'Apache-2.0',
      licenceNote: 'Licence from the upstream model card; the export repository is a community upload.',
      sourcePage: 'https://huggingface.co/CodeChefJeff/depth2depth-vits-hypersim',
      input: { name: 'image', size: [518, 518], normalization: IMAGENET_01, resize: DPT_RESIZE },
      output: { name: 'depth', meaning: '[1, H, W] depth in metres, trained on indoor scenes (capped at 20 m)' },
      caveat: 'Community export: its size was never published and its hash is the uploader\'s own pin; the download is still checked against that hash.',
    },
    {
      id: 'metric3d-vits',
      name: 'Metric3D v2 ViT-S',
      variant: 'fp32',
      family: 'metric3d-v2',
      repo: 'onnx-community/metric3d-vit-small',
      revision: 'ee63b95d92d2f629b3e019e88f57eea7c1e97d4b',
      path: 'onnx/model.onnx',
      bytes: 150_739_433,
      sha256: '674a665052f01bb2b64687200182f3380f0a462f4b6ef2e51fefd06c84d8ee75',
      licence: 'CC0-1.0 tag, BSD-2-Clause code',
      licenceNote: 'The training data (Waymo, Argoverse 2, DDAD, Lyft, Cityscapes, …) carries non-commercial terms: check before commercial use.',
      sourcePage: 'https://huggingface.co/onnx-community/metric3d-vit-small',
      input: { name: 'pixel_values', size: [616, 1064], normalization: IMAGENET_01, resize: 'aspect kept to fit 616×1064, padded with the mean colour' },
      output: { name: 'predicted_depth', meaning: '[1, H, W] depth for a canonical camera of focal 1000 px: metres = value × (focal at input scale) / 1000' },
      caveat: 'Licence unclear for commercial use; the fp16 file of this repository fails to load in ONNX Runtime Web, so only fp32 is offered.',
    },
  ],
  missing: [
    { slot: 'metric depth, outdoor', why: 'no permissively licensed outdoor metric ONNX export is published (the Virtual KITTI fine-tune inherits non-commercial terms)' },
    { slot: 'camera / field of view', why: 'no small, permissive ONNX with a field-of-view output is published; MoGe-2 recovers the focal, else EXIF or the 60° default is used' },
  ],
};

/** The download URL of an entry under a base (the model host, a mirror, a test server). */
export function catalogueUrl(entry: CatalogueEntry, base: string = DEFAULT_MODEL_BASE): string {
  const b = base.replace(/\/+$/, '');
  return `${b}/${entry.repo}/resolve/${entry.revision}/${entry.path}`;
}

/** Checks a base URL setting; returns the normalised URL or throws naming the problem. */
export function parseModelBase(text: string): string {
  const t = text.trim();
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new UserError(`"${t}" is not a URL: the model download base must look like https://mirror.example.org/models.`, 'model-base');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UserError(`The model download base must be an http or https URL (found ${u.protocol}).`, 'model-base');
  if (u.search || u.hash) throw new UserError('The model download base must not carry a query or a fragment.', 'model-base');
  return u.href.replace(/\/+$/, '');
}

/** "27 MB", "141 MB", "size unpublished". */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes == null) return 'size unpublished';
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/** The consent line: "Download Depth Anything V2 Small, int8, 27 MB, Apache-2.0". */
export function consentLine(entry: CatalogueEntry): string {
  return `Download ${entry.name}, ${entry.variant}, ${formatSize(entry.bytes)}, ${entry.licence}`;
}

export function recommended(cat: Catalogue = CATALOGUE): CatalogueEntry | undefined {
  return cat.entries.find((e) => e.recommended) ?? cat.entries[0];
}

export function findEntry(id: string, cat: Catalogue = CATALOGUE): CatalogueEntry {
  const e = cat.entries.find((x) => x.id === id);
  if (!e) throw new UserError(`No model "${id}" in the catalogue; known ids: ${cat.entries.map((x) => x.id).join(', ')}.`, 'catalogue-id');
  return e;
}

/** The entry as the rest of the app knows a model (installed models, lift jobs). */
export function toManifestEntry(e: CatalogueEntry): ManifestEntry {
  return {
    id: e.id,
    name: `${e.name} (${e.variant})`,
    family: e.family,
    task: FAMILY_TASK[e.family],
    file: `${e.id}.onnx`,
    sha256: e.sha256,
    ...(e.bytes != null ? { bytes: e.bytes } : {}),
    input: { name: e.input.name, ...(e.input.size ? { size: e.input.size } : {}), normalization: e.input.normalization, resize: e.input.resize },
    output: { name: e.output.name, meaning: e.output.meaning },
    ...(e.numTokens ? { numTokens: e.numTokens } : {}),
    licence: e.licence,
    source: { page: e.sourcePage, repo: e.repo, revision: e.revision, path: e.path },
    catalogueId: e.id,
  };
}

const HEX64 = /^[0-9a-f]{64}$/;
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Reads a catalogue file (a deployment's or a mirror operator's own list, replacing the built-in
 * one), naming the first problem found. Entries are checked field by field because their URLs and
 * hashes decide what is fetched and trusted.
 */
export function parseCatalogue(text: string, name = 'catalogue.json'): Catalogue {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${name} is not valid JSON: ${jsonProblem(text, e)}.`, 'catalogue-json');
  }
  const c = j as Partial<Catalogue>;
  if (!c || typeof c !== 'object' || c.schema !== CATALOGUE_SCHEMA || !Array.isArray(c.entries))
    throw new UserError(`${name} is not a model catalogue (expected "schema": "${CATALOGUE_SCHEMA}" and an "entries" list).`, 'catalogue-schema');
  const ids = new Set<string>();
  const entries: CatalogueEntry[] = c.entries.map((raw, i) => {
    const e = raw as Partial<CatalogueEntry>;
    const where = `${name}, entry ${i + 1}${typeof e?.id === 'string' ? ` ("${e.id}")` : ''}`;
    const bad = (what: string): never => {
      throw new UserError(`${where}: ${what}.`, 'catalogue-entry');
    };
    if (!e || typeof e !== 'object') bad('not an object');
    if (typeof e.id !== 'string' || !SEGMENT.test(e.id)) bad('"id" must be letters, digits, ".", "_" or "-"');
    if (ids.has(e.id!)) bad(`id "${e.id}" appears twice`);
    ids.add(e.id!);
    if (!FAMILIES.includes(e.family as ModelFamily) || e.family === 'yolox') bad(`family "${String(e.family)}" is not a depth or camera family`);
    for (const k of ['name', 'variant', 'licence', 'sourcePage'] as const) if (typeof e[k] !== 'string' || !e[k]) bad(`"${k}" is missing`);
    if (typeof e.repo !== 'string' || !e.repo.split('/').every((s) => SEGMENT.test(s))) bad('"repo" must be owner/name');
    if (typeof e.revision !== 'string' || !SEGMENT.test(e.revision)) bad('"revision" is missing');
    if (typeof e.path !== 'string' || !e.path.endsWith('.onnx') || !e.path.split('/').every((s) => SEGMENT.test(s))) bad('"path" must name an .onnx file inside the repository');
    if (e.bytes !== null && !(Number.isInteger(e.bytes) && e.bytes! > 0)) bad('"bytes" must be a positive whole number or null');
    if (typeof e.sha256 !== 'string' || !HEX64.test(e.sha256)) bad('"sha256" must be 64 lowercase hex digits');
    if (!e.input || typeof e.input.name !== 'string') bad('"input.name" is missing');
    if (!e.output || typeof e.output.name !== 'string') bad('"output.name" is missing');
    return e as CatalogueEntry;
  });
  if (c.base !== undefined && (typeof c.base !== 'string' || !c.base)) throw new UserError(`${name}: "base" must be a URL.`, 'catalogue-schema');
  return { schema: CATALOGUE_SCHEMA, entries, missing: Array.isArray(c.missing) ? c.missing : [], ...(c.base ? { base: c.base } : {}) };
}
