// Editing a 3D box's size by hand: objects rest on something (the floor, a table), so a new height
// keeps the box's bottom where it was instead of growing about the centre (which would lift it
// off the support plane or sink it into it). Moving it is a separate, deliberate edit.
import type { Box3D } from '../scene/scene';

/** The box with a new size, its bottom (and horizontal centre) kept. */
export function resizeKeepingBottom(box: Box3D, size: [number, number, number]): Box3D {
  const bottom = box.center[2] - box.size[2] / 2;
  return { ...box, center: [box.center[0], box.center[1], bottom + size[2] / 2], size: [...size] };
}
