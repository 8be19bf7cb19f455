// Pinhole intrinsics in OpenCV convention: pixel (i, j) has its centre at u = i, v = j.
export interface Intrinsics {
  fx: number;
  fy: number;
  cx: number;
  cy: number;
}

export type CameraSource = 'exif' | 'model' | 'manual' | 'dataset' | 'default-fov';

export interface Camera extends Intrinsics {
  source: CameraSource;
}

/** Diagonal of a 36 x 24 mm frame: the reference of "35 mm-equivalent" focal lengths. */
export const FULL_FRAME_DIAGONAL_MM = Math.hypot(36, 24);

export const DEFAULT_HFOV_DEG = 60;

const deg = (r: number) => (r * 180) / Math.PI;
const rad = (d: number) => (d * Math.PI) / 180;

/** Principal point of an ideal camera: the image centre in pixel-centre coordinates. */
export const centre = (width: number, height: number) => ({ cx: (width - 1) / 2, cy: (height - 1) / 2 });

/** Intrinsics for a horizontal field of view, square pixels, centred principal point. */
export function intrinsicsFromHfov(width: number, height: number, hfovDeg: number): Intrinsics {
  const f = width / 2 / Math.tan(rad(hfovDeg) / 2);
  return { fx: f, fy: f, ...centre(width, height) };
}

export const hfovDeg = (K: Intrinsics, width: number): number => deg(2 * Math.atan(width / 2 / K.fx));
export const vfovDeg = (K: Intrinsics, height: number): number => deg(2 * Math.atan(height / 2 / K.fy));

/**
 * Focal length in pixels from a 35 mm-equivalent focal length. The equivalence is defined on
 * the diagonal, so it holds whatever the sensor's aspect ratio and the image's orientation.
 */
export function focalPxFrom35mm(f35mm: number, width: number, height: number): number {
  return (f35mm / FULL_FRAME_DIAGONAL_MM) * Math.hypot(width, height);
}

/**
 * Focal length in pixels from the lens focal length (mm) and the EXIF focal-plane resolution
 * (pixels per unit at the sensor's full resolution), rescaled to the stored image's width.
 */
export function focalPxFromFocalPlane(
  focalMm: number,
  planeResolution: number,
  unitMm: number,
  sensorWidthPx: number | undefined,
  imageWidth: number,
): number {
  const pxPerMm = planeResolution / unitMm;
  const scaleToImage = sensorWidthPx && sensorWidthPx > 0 ? imageWidth / sensorWidthPx : 1;
  return focalMm * pxPerMm * scaleToImage;
}

/** Problems with intrinsics for an image of the given size; empty when usable. */
export function intrinsicsProblems(K: Partial<Intrinsics>, width: number, height: number): string[] {
  const problems: string[] = [];
  for (const key of ['fx', 'fy', 'cx', 'cy'] as const) {
    const v = K[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${key} must be a finite number (found ${JSON.stringify(v)})`);
  }
  if (problems.length) return problems;
  const { fx, fy, cx, cy } = K as Intrinsics;
  if (fx <= 0) problems.push(`fx must be positive (found ${fx})`);
  if (fy <= 0) problems.push(`fy must be positive (found ${fy})`);
  if (cx < -0.5 || cx > width - 0.5) problems.push(`cx = ${cx} lies outside the image (0…${width - 1})`);
  if (cy < -0.5 || cy > height - 0.5) problems.push(`cy = ${cy} lies outside the image (0…${height - 1})`);
  if (fx > 0 && fy > 0 && (fx / fy > 4 || fy / fx > 4)) problems.push(`fx/fy = ${(fx / fy).toFixed(2)} is implausible`);
  return problems;
}

/** Intrinsics of the same camera after resizing the image by (sx, sy). */
export function scaleIntrinsics(K: Intrinsics, sx: number, sy: number): Intrinsics {
  // Pixel centres move as u' = (u + 0.5)·s − 0.5.
  return { fx: K.fx * sx, fy: K.fy * sy, cx: (K.cx + 0.5) * sx - 0.5, cy: (K.cy + 0.5) * sy - 0.5 };
}
