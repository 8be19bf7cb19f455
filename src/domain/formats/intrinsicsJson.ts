import { jsonProblem } from './jsonError';
import { UserError } from '../errors';
import { type Intrinsics, intrinsicsProblems, scaleIntrinsics } from '../geometry/camera';

export interface ParsedIntrinsics {
  K: Intrinsics;
  /** Which layout the file used. */
  layout: 'fx-fy-cx-cy' | 'open3d' | 'metric3d' | 'matrix' | 'scene';
  /** Set when the file was for another resolution of the same image and was rescaled. */
  note?: string;
}

type Json = Record<string, unknown>;
const isNum = (v: unknown): v is number => typeof v === 'number';

/**
 * Intrinsics from the JSON layouts people have: our K.json `{fx, fy, cx, cy}` (also inside a scene
 * file's `camera`), Open3D's camera JSON (`intrinsic_matrix`, column-major, with width/height),
 * Metric3D's `cam_in: [fx, fy, cx, cy]` (alone or in its annotation `files` list), and a 3×3 `K`
 * (nested rows or 9 row-major numbers). When the file names another size with the same aspect,
 * the intrinsics are rescaled to the image and the note says so.
 */
export function parseIntrinsicsJson(text: string, width: number, height: number, imageName?: string, fileName = 'The intrinsics file'): ParsedIntrinsics {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${fileName} is not valid JSON: ${jsonProblem(text, e)}.`, 'intrinsics-json');
  }
  if (typeof json !== 'object' || json === null) throw new UserError('The intrinsics file must hold a JSON object.', 'intrinsics-json');
  const found = extract(json as Json, imageName);
  if (!found)
    throw new UserError(
      'The intrinsics file has none of the known layouts: {"fx","fy","cx","cy"}, Open3D "intrinsic_matrix", Metric3D "cam_in", or a 3×3 "K".',
      'intrinsics-layout',
    );
  let { K } = found;
  let note: string | undefined;
  if (found.width && found.height && (found.width !== width || found.height !== height)) {
    const sx = width / found.width, sy = height / found.height;
    if (Math.abs(sx - sy) > 0.01 * Math.max(sx, sy))
      throw new UserError(
        `The intrinsics are for a ${found.width}×${found.height} image but the photo is ${width}×${height} (another aspect ratio).`,
        'intrinsics-size',
      );
    K = scaleIntrinsics(K, sx, sy);
    note = `rescaled from ${found.width}×${found.height}`;
  }
  const problems = intrinsicsProblems(K, width, height);
  if (problems.length) throw new UserError(`The intrinsics make no sense for a ${width}×${height} image: ${problems.join('; ')}.`, 'intrinsics-values');
  return { K, layout: found.layout, note };
}

function extract(j: Json, imageName?: string): { K: Intrinsics; layout: ParsedIntrinsics['layout']; width?: number; height?: number } | null {
  const size = { width: isNum(j.width) ? j.width : undefined, height: isNum(j.height) ? j.height : undefined };
  if (['fx', 'fy', 'cx', 'cy'].some((k) => k in j)) {
    return { K: { fx: j.fx as number, fy: j.fy as number, cx: j.cx as number, cy: j.cy as number }, layout: 'fx-fy-cx-cy', ...size };
  }
  if (typeof j.camera === 'object' && j.camera && 'fx' in (j.camera as Json)) {
    const c = j.camera as Json;
    const img = (j.image ?? {}) as Json;
    return {
      K: { fx: c.fx as number, fy: c.fy as number, cx: c.cx as number, cy: c.cy as number },
      layout: 'scene',
      width: isNum(img.width) ? img.width : undefined,
      height: isNum(img.height) ? img.height : undefined,
    };
  }
  if (Array.isArray(j.intrinsic_matrix) && j.intrinsic_matrix.length === 9) {
    const m = j.intrinsic_matrix as number[]; // column-major: [fx,0,0, 0,fy,0, cx,cy,1]
    return { K: { fx: m[0], fy: m[4], cx: m[6], cy: m[7] }, layout: 'open3d', ...size };
  }
  if (Array.isArray(j.cam_in) && j.cam_in.length === 4) {
    const [fx, fy, cx, cy] = j.cam_in as number[];
    return { K: { fx, fy, cx, cy }, layout: 'metric3d', ...size };
  }
  if (Array.isArray(j.files) && j.files.length > 0) {
    const files = j.files as Json[];
    const base = imageName?.split('/').pop();
    const entry: Json = (base ? files.find((f) => typeof f.rgb === 'string' && (f.rgb as string).endsWith(base)) : undefined) ?? files[0];
    if (Array.isArray(entry.cam_in) && entry.cam_in.length === 4) {
      const [fx, fy, cx, cy] = entry.cam_in as number[];
      return { K: { fx, fy, cx, cy }, layout: 'metric3d' };
    }
  }
  const Kraw = j.K ?? j.intrinsics ?? j.camera_matrix;
  if (Array.isArray(Kraw)) {
    const flat = (Kraw as unknown[]).flat() as number[];
    if (flat.length === 9 && flat.every(isNum)) return { K: { fx: flat[0], fy: flat[4], cx: flat[2], cy: flat[5] }, layout: 'matrix', ...size };
  }
  return null;
}

/**
 * The depth scale (units per metre) a Metric3D annotation file gives for a photo: from the photo's
 * own entry of its `files` list (matched by name as for the intrinsics), or a top-level
 * `depth_scale`; undefined when the file names none. A value that is not a positive number is
 * refused rather than ignored: the file meant to say something.
 */
export function depthScaleFromJson(text: string, imageName?: string, fileName = 'the intrinsics file'): number | undefined {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof j !== 'object' || j === null) return undefined;
  const top = j as Json;
  let entry: Json = top;
  if (Array.isArray(top.files) && top.files.length > 0) {
    const files = (top.files as unknown[]).filter((f): f is Json => typeof f === 'object' && f !== null);
    const base = imageName?.split('/').pop();
    entry = (base ? files.find((f) => typeof f.rgb === 'string' && (f.rgb as string).endsWith(base)) : undefined) ?? files[0] ?? top;
  }
  if (!Object.hasOwn(entry, 'depth_scale')) return Object.hasOwn(top, 'depth_scale') && entry !== top ? checkScale(top.depth_scale, fileName) : undefined;
  return checkScale(entry.depth_scale, fileName);
}

function checkScale(v: unknown, fileName: string): number {
  if (isNum(v) && Number.isFinite(v) && v > 0) return v;
  throw new UserError(`${fileName} gives depth_scale ${JSON.stringify(v)}: a depth scale must be a positive number of units per metre (1000 for millimetres).`, 'depth-scale');
}
