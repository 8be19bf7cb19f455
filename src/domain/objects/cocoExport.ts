import type { SceneFile } from '../scene/scene';
import { COCO_CATEGORIES } from './cocoCategories';

/**
 * A scene's objects as a COCO instances file with the 3D box beside each annotation
 * (`box3d`, world frame of the scene file) and Spatial Lens' provenance under `spatial_lens`.
 * Category ids follow COCO where the name is a COCO category, else new ids from 1000.
 */
export function cocoWithBoxes(scene: SceneFile) {
  const ids = new Map<string, number>(COCO_CATEGORIES.map((c) => [c.name, c.id]));
  let next = 1000;
  const used = new Map<string, number>();
  const idOf = (name: string, given?: unknown) => {
    if (!used.has(name)) used.set(name, ids.get(name) ?? (typeof given === 'number' ? given : next++));
    return used.get(name)!;
  };
  const annotations = scene.objects.map((o, k) => {
    const bbox = o.bbox2d ?? [0, 0, 0, 0];
    return {
      id: Number.isFinite(Number(o.id)) ? Number(o.id) : k + 1,
      image_id: 1,
      category_id: idOf(o.category, o.categoryId),
      bbox,
      area: bbox[2] * bbox[3],
      iscrowd: 0,
      ...(o.mask?.polygon ? { segmentation: o.mask.polygon } : o.mask?.rle ? { segmentation: o.mask.rle } : {}),
      ...(o.box3d ? { box3d: o.box3d } : {}),
      spatial_lens: { object: o.id, source: o.source, ...(o.quality ? { quality: o.quality } : {}) },
    };
  });
  return {
    info: { description: `Spatial Lens objects of ${scene.id}`, version: '1', boxes3d: 'box3d: gravity-aligned, world frame z up, metres; yaw in radians counter-clockwise about +z' },
    images: [{ id: 1, file_name: scene.image.file, width: scene.image.width, height: scene.image.height }],
    annotations,
    categories: [...used].map(([name, id]) => ({ id, name, supercategory: COCO_CATEGORIES.find((c) => c.name === name)?.supercategory ?? 'other' })),
    scene: { schema: scene.schema, id: scene.id, camera: scene.camera, worldFromCamera: scene.worldFromCamera },
  };
}
