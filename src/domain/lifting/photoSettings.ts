// What belongs to one photo when it is lifted: its depth scale, its intrinsics and its gravity as
// the user set them, and the kind of scene it shows. They are stored with the photo's scene and
// never passed on to the next photo, unless the user asks for that ("use for the next photos too").
import type { Intrinsics } from '../geometry/camera';
import { type DepthScale, DEFAULT_UNITS_PER_METRE, isValidScale, scaleForNewPhoto } from './depthScale';
import type { CarriedCamera } from './job';
import type { GravityOverride } from './pipeline';
import type { SceneKindChoice } from './plausibility';

export interface PhotoSettings {
  /** The depth map's scale (used when the photo has one). */
  depthScale: DepthScale;
  /** Intrinsics set by hand for this photo, or given by a scene file dropped with it. */
  manualCamera: Intrinsics | null;
  /** Intrinsics carried over from earlier photos, used when the photo brings none of its own. */
  carriedCamera: CarriedCamera | null;
  gravity: GravityOverride;
  sceneKind: SceneKindChoice;
}

/** What the user asked to use for the next photos too (null: nothing). */
export interface CarryOver {
  depthScale: number | null;
  camera: CarriedCamera | null;
}

export const NO_CARRY: CarryOver = { depthScale: null, camera: null };

/**
 * A newly opened photo's settings: its own files decide, then what the user carries over, then
 * the defaults. A scene file dropped with it gives its camera and gravity.
 */
export function settingsForNewPhoto(input: {
  scaleFromFile?: { unitsPerMetre: number; file: string };
  carry: CarryOver;
  fromSceneFile?: { camera: Intrinsics; gravity: GravityOverride };
}): PhotoSettings {
  return {
    depthScale: scaleForNewPhoto(input.scaleFromFile, input.carry.depthScale),
    manualCamera: input.fromSceneFile?.camera ?? null,
    carriedCamera: input.fromSceneFile ? null : input.carry.camera,
    gravity: input.fromSceneFile?.gravity ?? {},
    sceneKind: 'auto',
  };
}

/**
 * Settings of a scene stored before photos kept their own: the scale it was saved with (then the
 * menu's value) unless its annotation file names one, nothing else carried.
 */
export function settingsForLegacyScene(scaleFromFile: { unitsPerMetre: number; file: string } | undefined, storedUnitsPerMetre: number | undefined): PhotoSettings {
  const depthScale: DepthScale = scaleFromFile
    ? { unitsPerMetre: scaleFromFile.unitsPerMetre, source: 'file', detail: scaleFromFile.file }
    : isValidScale(storedUnitsPerMetre) && storedUnitsPerMetre !== DEFAULT_UNITS_PER_METRE
      ? { unitsPerMetre: storedUnitsPerMetre, source: 'user' }
      : { unitsPerMetre: DEFAULT_UNITS_PER_METRE, source: 'default' };
  return { depthScale, manualCamera: null, carriedCamera: null, gravity: {}, sceneKind: 'auto' };
}
