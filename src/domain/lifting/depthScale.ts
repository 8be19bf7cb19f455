// The scale of a photo's depth map (units per metre) and where it came from. Each photo has its
// own: a scale never passes silently from one photo to the next.

export type DepthScaleSource =
  /** A file dropped with the photo said so (a Metric3D annotation's depth_scale, the sample's index). */
  | 'file'
  /** The user chose it for this photo. */
  | 'user'
  /** The user asked for it to be used for the next photos too. */
  | 'carried'
  /** Nothing said: millimetres, the most common 16-bit depth unit. */
  | 'default';

export interface DepthScale {
  unitsPerMetre: number;
  source: DepthScaleSource;
  /** The file that gave it, for 'file'. */
  detail?: string;
}

export const DEFAULT_UNITS_PER_METRE = 1000;

/** The scales datasets use, with the name people know them by. */
export const KNOWN_SCALES: readonly { unitsPerMetre: number; label: string }[] = [
  { unitsPerMetre: 1000, label: 'millimetres' },
  { unitsPerMetre: 5000, label: 'TUM' },
  { unitsPerMetre: 256, label: 'KITTI' },
  { unitsPerMetre: 100, label: 'centimetres' },
  { unitsPerMetre: 1, label: 'metres' },
];

export const scaleLabel = (unitsPerMetre: number): string | undefined => KNOWN_SCALES.find((s) => s.unitsPerMetre === unitsPerMetre)?.label;

/** "5000 per metre (TUM)". */
export const describeScale = (unitsPerMetre: number): string => {
  const label = scaleLabel(unitsPerMetre);
  return `${formatScale(unitsPerMetre)} per metre${label ? ` (${label})` : ''}`;
};

export const formatScale = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6))));

export const isValidScale = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * The scale of a newly opened photo's depth map: what a file dropped with it says, else what the
 * user asked to carry over from earlier photos, else millimetres. The photo's own file wins over a
 * carried value: it describes this photo, the carried value only earlier ones.
 */
export function scaleForNewPhoto(fromFile: { unitsPerMetre: number; file: string } | undefined, carried: number | null | undefined): DepthScale {
  if (fromFile && isValidScale(fromFile.unitsPerMetre)) return { unitsPerMetre: fromFile.unitsPerMetre, source: 'file', detail: fromFile.file };
  if (isValidScale(carried)) return { unitsPerMetre: carried, source: 'carried' };
  return { unitsPerMetre: DEFAULT_UNITS_PER_METRE, source: 'default' };
}

/** How the scale in use came about, in words for the depth panel and the scene's record. */
export function scaleSourceText(s: DepthScale): string {
  switch (s.source) {
    case 'file':
      return `from ${s.detail ?? 'the file dropped with the photo'}`;
    case 'user':
      return 'chosen by you for this photo';
    case 'carried':
      return 'carried over from earlier photos, as you asked';
    case 'default':
      return 'default: no file gave a scale for this depth map';
  }
}
