import { imageSize } from 'image-size';
import { UserError } from '../errors';

export type ImageType = 'jpeg' | 'png' | 'webp' | 'gif' | 'bmp' | 'heif' | 'tiff' | 'other';

export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
}

/** Above this many pixels a file is refused before decoding (decompression bombs). */
export const MAX_DECODE_PIXELS = 100_000_000;
/** Images larger than this are downscaled before lifting; the UI says so. */
export const MAX_WORK_PIXELS = 4_200_000;

const BROWSER_DECODABLE: ImageType[] = ['jpeg', 'png', 'webp'];

/**
 * Reads the header only: format and stored size. Refuses what cannot be lifted with a message
 * that says why, before any pixel is decoded.
 */
export function sniffImage(bytes: Uint8Array, name = 'the file'): ImageInfo {
  if (bytes.length === 0) throw new UserError(`${name} is empty (0 bytes).`, 'image-empty');
  if (isHeif(bytes))
    throw new UserError(`${name} is HEIC/HEIF, which browsers cannot decode. Convert it to JPEG first (most photo apps can export JPEG).`, 'image-heic');
  let info: { width?: number; height?: number; type?: string };
  try {
    info = imageSize(bytes);
  } catch {
    throw new UserError(`${name} is not an image this app can read (expected JPEG, PNG or WebP).`, 'image-not-image');
  }
  const type = normaliseType(info.type);
  if (type === 'heif')
    throw new UserError(`${name} is HEIC/HEIF, which browsers cannot decode. Convert it to JPEG first (most photo apps can export JPEG).`, 'image-heic');
  if (!BROWSER_DECODABLE.includes(type))
    throw new UserError(`${name} is ${info.type?.toUpperCase() ?? 'an unknown format'}; expected JPEG, PNG or WebP.`, 'image-format');
  const width = info.width ?? 0, height = info.height ?? 0;
  if (!(width > 0 && height > 0)) throw new UserError(`${name} has no valid size in its header (truncated?).`, 'image-truncated');
  if (!isComplete(type, bytes))
    throw new UserError(`${name} could not be decoded: the file is truncated (it ends before its image data does).`, 'image-truncated');
  if (width * height > MAX_DECODE_PIXELS)
    throw new UserError(
      `${name} claims ${width}×${height} pixels (${((width * height) / 1e6).toFixed(0)} MP), over the ${MAX_DECODE_PIXELS / 1e6} MP limit; it was not decoded.`,
      'image-too-large',
    );
  return { type, width, height };
}

/**
 * Whether the file reaches its format's end marker. Browsers decode truncated files without a
 * word (the missing part comes out grey), so this is checked here: JPEG ends with EOI (FF D9,
 * possibly followed by padding), PNG with its IEND chunk, WebP has its length in the RIFF header.
 */
export function isComplete(type: ImageType, b: Uint8Array): boolean {
  if (type === 'jpeg') {
    for (let i = b.length - 2; i >= Math.max(2, b.length - 4096); i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
    return false;
  }
  if (type === 'png') {
    const tail = String.fromCharCode(...b.subarray(Math.max(0, b.length - 12), b.length));
    return tail.includes('IEND');
  }
  if (type === 'webp' && b.length >= 8) return new DataView(b.buffer, b.byteOffset).getUint32(4, true) + 8 <= b.length;
  return true;
}

const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1'];

/** ISO-BMFF 'ftyp' box with a HEIF brand: recognisable from the first 12 bytes. */
function isHeif(b: Uint8Array): boolean {
  if (b.length < 12) return false;
  const ascii = (from: number) => String.fromCharCode(b[from], b[from + 1], b[from + 2], b[from + 3]);
  return ascii(4) === 'ftyp' && HEIF_BRANDS.includes(ascii(8));
}

function normaliseType(t: string | undefined): ImageType {
  switch (t) {
    case 'jpg':
      return 'jpeg';
    case 'png':
    case 'webp':
    case 'gif':
    case 'bmp':
    case 'tiff':
      return t;
    case 'heif':
    case 'heic':
    case 'avif':
      return t === 'avif' ? 'other' : 'heif';
    default:
      return 'other';
  }
}

/** Working size for an image: the stored size, or a downscale to at most MAX_WORK_PIXELS. */
export function workingSize(width: number, height: number, maxPixels = MAX_WORK_PIXELS): { width: number; height: number; scale: number } {
  if (width * height <= maxPixels) return { width, height, scale: 1 };
  const scale = Math.sqrt(maxPixels / (width * height));
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)), scale };
}
