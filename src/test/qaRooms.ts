// Furnished synthetic rooms for QA benches and statistical tests: 20 random objects in the photo
// (a quarter with a known facing, some classes with a single member so that names alone can
// refer), four more beside the photo, two posed extra views turned left and right, and the cloud
// of the floor and back wall. Every task, orientation and multi-view ones included, can run. The
// objects beside the photo and the views move from room to room, as they would in real data.
import { mulberry32 } from '../domain/geometry/random';
import { box, floorAndWallCloud, obj, randomRoom } from './qaScenes';
import { view, viewPose } from './qaViews';

const UNIQUE = ['sink', 'oven', 'vase', 'laptop', 'toaster', 'microwave', 'teddy bear'];

export function furnishedRoom(seed: number) {
  const scene = randomRoom(seed, 20);
  const rand = mulberry32(seed ^ 0x5bd1e995);
  const jitter = (x: number, by: number) => x + (rand() - 0.5) * 2 * by;
  scene.objects.forEach((o, k) => {
    if (k % 4 === 0) o.orientation = { source: 'annotated' };
    if (k % 3 === 0) o.category = UNIQUE[k / 3];
  });
  scene.objects.push(
    obj('bicycle', 'bicycle', box([jitter(-4, 0.5), jitter(4, 1), 0.5], [1.7, 0.5, 1.0], rand() * Math.PI)),
    obj('chair-left', 'chair', box([jitter(-4.5, 0.5), jitter(5.5, 1), 0.45], [0.5, 0.5, 0.9])),
    obj('umbrella', 'umbrella', box([jitter(4, 0.5), jitter(4, 1), 0.6], [0.9, 0.9, 1.2])),
    obj('chair-right', 'chair', box([jitter(4.5, 0.5), jitter(5.5, 1), 0.45], [0.5, 0.5, 0.9])),
  );
  scene.views = [
    view(`${scene.id}-left.jpg`, viewPose([jitter(-0.5, 0.3), jitter(1, 0.4), jitter(1.5, 0.2)], jitter(40, 8))),
    view(`${scene.id}-right.jpg`, viewPose([jitter(0.5, 0.3), jitter(1, 0.4), jitter(1.5, 0.2)], jitter(-40, 8))),
  ];
  return { scene, points: floorAndWallCloud(scene, 10) };
}
