import { jsonProblem } from '../formats/jsonError';
import { UserError } from '../errors';
import type { CalibrationMethod } from '../geometry/calibration';
import type { CameraSource } from '../geometry/camera';
import type { Mat4 } from '../geometry/linalg';

export const SCENE_SCHEMA = 'spatial-lens/scene@1';

export type GravitySource = 'plane-fit' | 'model' | 'manual' | 'dataset' | 'none';

export interface SceneCamera {
  fx: number;
  fy: number;
  cx: number;
  cy: number;
  source: CameraSource;
  /** How the source gave it (e.g. "EXIF 35 mm-equivalent focal 26 mm"). */
  detail?: string;
}

export interface Box3D {
  center: [number, number, number];
  size: [number, number, number];
  yaw: number;
}

export interface SceneObject {
  id: string;
  category: string;
  bbox2d?: [number, number, number, number];
  mask?: { rle?: { size: [number, number]; counts: string | number[] }; polygon?: number[][] };
  box3d?: Box3D;
  source?: 'lifted' | 'annotated' | 'edited' | 'detected';
  quality?: Record<string, number | boolean>;
  [extra: string]: unknown;
}

export interface SceneView {
  image: { file: string; width: number; height: number; sha256?: string };
  camera: SceneCamera;
  worldFromCamera: Mat4;
}

export interface SceneFile {
  schema: string;
  id: string;
  image: { file: string; width: number; height: number; sha256?: string };
  camera: SceneCamera;
  worldFromCamera: Mat4;
  gravity: {
    source: GravitySource;
    /** World-frame plane [a, b, c, d] (a·x + b·y + c·z + d = 0), or null when none was found. */
    supportPlane: [number, number, number, number] | null;
    roll?: number;
    pitch?: number;
    cameraHeight?: number;
    planeRms?: number;
    planeInlierRatio?: number;
  };
  depth: {
    source: string;
    calibration: CalibrationMethod;
    scale: number | null;
    /** Disparity-space affine when that calibration was used. */
    affine?: { a: number; b: number };
    metricSource?: string;
  };
  points: { file: string; count: number };
  objects: SceneObject[];
  views: SceneView[];
  lift?: Record<string, unknown>;
}

/** Reads a scene file, refusing unknown major versions instead of guessing. */
export function parseScene(text: string, name = 'the scene file'): SceneFile {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${name} is not valid JSON: ${jsonProblem(text, e)}.`, 'scene-json');
  }
  const s = j as Partial<SceneFile>;
  if (typeof s !== 'object' || s === null || typeof s.schema !== 'string' || !s.schema.startsWith('spatial-lens/scene@'))
    throw new UserError(`${name} is not a Spatial Lens scene (no "schema": "${SCENE_SCHEMA}").`, 'scene-schema');
  const major = s.schema.slice('spatial-lens/scene@'.length).split('.')[0];
  if (major !== '1') throw new UserError(`${name} has schema ${s.schema}; this version reads ${SCENE_SCHEMA} only.`, 'scene-version');
  for (const key of ['id', 'image', 'camera', 'worldFromCamera'] as const)
    if (s[key] === undefined) throw new UserError(`${name} lacks the required field "${key}".`, 'scene-field');
  return { ...(s as SceneFile), objects: s.objects ?? [], views: s.views ?? [] };
}

export const serializeScene = (scene: SceneFile): string => JSON.stringify(scene, null, 2);
