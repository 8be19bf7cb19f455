import exifr from 'exifr';
import { focalPxFrom35mm, focalPxFromFocalPlane } from '../geometry/camera';

/** The EXIF fields that matter for lifting. */
export interface ExifCamera {
  orientation?: number;
  focalLength35mm?: number;
  focalLengthMm?: number;
  focalPlaneXResolution?: number;
  focalPlaneResolutionUnit?: number;
  exifImageWidth?: number;
  make?: string;
  model?: string;
}

const PICK = [
  'Orientation',
  'FocalLengthIn35mmFormat',
  'FocalLength',
  'FocalPlaneXResolution',
  'FocalPlaneResolutionUnit',
  'ExifImageWidth',
  'Make',
  'Model',
];

/** EXIF of a JPEG/PNG/WebP, or null when it has none or it is unreadable. */
export async function readExif(bytes: Uint8Array): Promise<ExifCamera | null> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(bytes, { pick: PICK, translateValues: false, reviveValues: true });
  } catch {
    return null;
  }
  if (!tags) return null;
  const num = (k: string) => (typeof tags![k] === 'number' && Number.isFinite(tags![k]) ? (tags![k] as number) : undefined);
  const str = (k: string) => (typeof tags![k] === 'string' ? (tags![k] as string).trim() : undefined);
  return {
    orientation: num('Orientation'),
    focalLength35mm: num('FocalLengthIn35mmFormat'),
    focalLengthMm: num('FocalLength'),
    focalPlaneXResolution: num('FocalPlaneXResolution'),
    focalPlaneResolutionUnit: num('FocalPlaneResolutionUnit'),
    exifImageWidth: num('ExifImageWidth'),
    make: str('Make'),
    model: str('Model'),
  };
}

/** Millimetres per EXIF focal-plane resolution unit (2 = inch, 3 = cm, 4 = mm, 5 = µm). */
const UNIT_MM: Record<number, number> = { 2: 25.4, 3: 10, 4: 1, 5: 0.001 };

/**
 * Focal length in pixels for the stored image from EXIF, with a note on how it was derived;
 * null when EXIF does not determine it. `rawWidth` is the width before EXIF orientation.
 */
export function focalFromExif(exif: ExifCamera, width: number, height: number, rawWidth: number): { f: number; how: string } | null {
  if (exif.focalLength35mm && exif.focalLength35mm > 0) {
    return {
      f: focalPxFrom35mm(exif.focalLength35mm, width, height),
      how: `EXIF 35 mm-equivalent focal ${exif.focalLength35mm} mm`,
    };
  }
  const unit = exif.focalPlaneResolutionUnit ? UNIT_MM[exif.focalPlaneResolutionUnit] : undefined;
  if (exif.focalLengthMm && exif.focalLengthMm > 0 && exif.focalPlaneXResolution && exif.focalPlaneXResolution > 0 && unit) {
    return {
      f: focalPxFromFocalPlane(exif.focalLengthMm, exif.focalPlaneXResolution, unit, exif.exifImageWidth, rawWidth),
      how: `EXIF focal ${exif.focalLengthMm} mm and focal-plane resolution`,
    };
  }
  return null;
}

/** EXIF orientations 5–8 store the image rotated by 90°: width and height swap on display. */
export const orientationSwapsAxes = (orientation: number | undefined): boolean => !!orientation && orientation >= 5 && orientation <= 8;

/**
 * A size on the other side of the EXIF orientation: the displayed size from the encoded one, or
 * back (the swap is its own inverse, so one rule serves both directions).
 */
export const orientedSize = (size: { width: number; height: number }, orientation: number | undefined): { width: number; height: number } =>
  orientationSwapsAxes(orientation) ? { width: size.height, height: size.width } : { width: size.width, height: size.height };

