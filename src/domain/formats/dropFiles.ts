/** What a dropped or picked file is, judged from its name and first bytes. */
export type DroppedRole = 'image' | 'depth' | 'intrinsics' | 'scene' | 'annotations' | 'model' | 'unknown';

export interface DroppedHead {
  name: string;
  size: number;
  /** The first 64 bytes (or fewer) of the file. */
  head: Uint8Array;
}

const ext = (name: string) => name.toLowerCase().split('.').pop() ?? '';
const isPng = (h: Uint8Array) => h.length >= 26 && h[0] === 0x89 && h[1] === 0x50 && h[2] === 0x4e && h[3] === 0x47;

/**
 * A 16-bit single-channel PNG is a depth map whatever its name (a canvas could not even show it);
 * other PNGs are photos unless their name says depth. JSON (judged from its first kilobytes) is a
 * scene file when it declares the scene schema, COCO annotations when it has an "annotations" list
 * or is a bare list of objects with "bbox", else intrinsics.
 */
export function classifyDropped(f: DroppedHead, jsonHead?: string): DroppedRole {
  const e = ext(f.name);
  if (e === 'onnx') return 'model';
  if (e === 'json' || e === 'txt') {
    const t = jsonHead ?? '';
    if (/"schema"\s*:\s*"spatial-lens\/scene@/.test(t)) return 'scene';
    if (/"annotations"\s*:\s*\[/.test(t) || (/^\s*\[\s*\{/.test(t) && /"bbox"\s*:/.test(t))) return 'annotations';
    return e === 'json' ? 'intrinsics' : 'unknown';
  }
  if (isPng(f.head)) {
    const bitDepth = f.head[24], colourType = f.head[25];
    if (bitDepth === 16 && (colourType === 0 || colourType === 4)) return 'depth';
    return /depth/i.test(f.name) ? 'depth' : 'image';
  }
  if (['jpg', 'jpeg', 'png', 'webp', 'heic', 'heif', 'gif', 'bmp', 'tif', 'tiff', 'avif'].includes(e)) return 'image';
  // JPEG, WebP and ISO-BMFF (HEIC) magic, for files without a usable extension
  const h = f.head;
  if (h[0] === 0xff && h[1] === 0xd8) return 'image';
  if (String.fromCharCode(...h.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...h.subarray(8, 12)) === 'WEBP') return 'image';
  if (String.fromCharCode(...h.subarray(4, 8)) === 'ftyp') return 'image';
  return f.size === 0 && e !== '' ? 'image' : 'unknown';
}

export interface DropGroups<T> {
  /** The photo to lift now (the first one). */
  image?: T;
  /** Every photo dropped (several make sense with an annotations file). */
  images: T[];
  annotations?: T;
  depth?: T;
  intrinsics?: T;
  scene?: T;
  models: T[];
  /** Files not used, each with the reason. */
  ignored: { file: T; why: string }[];
}

/** Groups classified files into what one lift uses. */
export function groupDropped<T extends { name: string }>(files: { file: T; role: DroppedRole }[]): DropGroups<T> {
  const g: DropGroups<T> = { images: [], models: [], ignored: [] };
  const withAnnotations = files.some((f) => f.role === 'annotations');
  for (const { file, role } of files) {
    if (role === 'model') g.models.push(file);
    else if (role === 'image' && (withAnnotations || !g.image)) {
      g.images.push(file);
      g.image ??= file;
    }
    else if (role === 'unknown') g.ignored.push({ file, why: 'not a photo, depth map, intrinsics JSON or ONNX model' });
    else if (role === 'image' || g[role]) g.ignored.push({ file, why: `only one ${role === 'image' ? 'photo' : role === 'depth' ? 'depth map' : role + ' file'} is lifted at a time (drop an annotations file with several photos)` });
    else g[role] = file;
  }
  return g;
}
