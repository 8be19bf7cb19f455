import type { SceneObject } from '../scene/scene';
import type { Annotation2D } from './types';

/** The 2D annotation a scene object was lifted from (to lift it again). */
export function annotationOf(o: SceneObject): Annotation2D {
  return {
    id: o.id,
    category: o.category,
    ...(typeof o.categoryId === 'number' ? { categoryId: o.categoryId } : {}),
    bbox: o.bbox2d ?? [0, 0, 0, 0],
    ...(o.mask?.rle ? { segmentation: { rle: o.mask.rle } } : o.mask?.polygon ? { segmentation: { polygons: o.mask.polygon } } : {}),
    ...(typeof o.score === 'number' ? { score: o.score } : {}),
    source: o.origin === 'detected' || (o.source === 'detected' && !o.accepted) ? 'detected' : o.origin === 'drawn' ? 'drawn' : 'annotated',
  };
}

/** Objects whose 3D box must survive a lift: given with the input, or edited by a reviewer. */
export const isPinned = (o: SceneObject): boolean => !!o.box3d && (o.source === 'annotated' || o.source === 'edited');
