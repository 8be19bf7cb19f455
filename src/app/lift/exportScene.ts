// The lifted scene as files: its point cloud (PLY), its scene record, or its objects as COCO with
// 3D boxes. The objects are the page's (edits included), not the lift's.
import { writePly } from '../../domain/formats/ply';
import type { CheckedLift } from '../../domain/lifting/job';
import { cocoWithBoxes } from '../../domain/objects/cocoExport';
import { type SceneObject, serializeScene } from '../../domain/scene/scene';

export interface SavedFile {
  bytes: Uint8Array;
  name: string;
  mime: string;
}

export type SceneExport = 'ply' | 'scene' | 'coco' | 'glb';

/** The exports written here; GLB needs three's exporter and is written beside it (adapters/gltf). */
export type PlainSceneExport = Exclude<SceneExport, 'glb'>;

export function exportScene(lift: Pick<CheckedLift, 'scene' | 'cloud'>, what: PlainSceneExport, objects: SceneObject[] = []): SavedFile {
  const base = lift.scene.id;
  if (what === 'scene' || what === 'coco') {
    const scene = { ...lift.scene, objects };
    const text = what === 'scene' ? serializeScene(scene) : JSON.stringify(cocoWithBoxes(scene), null, 1);
    return { bytes: new TextEncoder().encode(text), name: `${base}.${what === 'scene' ? 'scene' : 'coco3d'}.json`, mime: 'application/json' };
  }
  const bytes = writePly(lift.cloud.xyz, lift.cloud.rgb, lift.cloud.count, ['Spatial Lens point cloud: world frame, z up, metres', `scene ${base}`]);
  return { bytes, name: `${base}.ply`, mime: 'application/octet-stream' };
}
