// Furnished synthetic rooms for QA benches and statistical tests: 20 random objects in the photo
// (a quarter with a known facing, some classes with a single member so that names alone can
// refer), four more beside the photo, two posed extra views turned left and right, and the cloud
// of the floor and back wall. Every task, orientation and multi-view ones included, can run.
import { box, floorAndWallCloud, obj, randomRoom } from './qaScenes';
import { view, viewPose } from './qaViews';

const UNIQUE = ['sink', 'oven', 'vase', 'laptop', 'toaster', 'microwave', 'teddy bear'];

export function furnishedRoom(seed: number) {
  const scene = randomRoom(seed, 20);
  scene.objects.forEach((o, k) => {
    if (k % 4 === 0) o.orientation = { source: 'annotated' };
    if (k % 3 === 0) o.category = UNIQUE[k / 3];
  });
  scene.objects.push(
    obj('bicycle', 'bicycle', box([-4, 4, 0.5], [1.7, 0.5, 1.0])),
    obj('chair-left', 'chair', box([-4.5, 5.5, 0.45], [0.5, 0.5, 0.9])),
    obj('umbrella', 'umbrella', box([4, 4, 0.6], [0.9, 0.9, 1.2])),
    obj('chair-right', 'chair', box([4.5, 5.5, 0.45], [0.5, 0.5, 0.9])),
  );
  scene.views = [view(`${scene.id}-left.jpg`, viewPose([-0.5, 1, 1.5], 40)), view(`${scene.id}-right.jpg`, viewPose([0.5, 1, 1.5], -40))];
  return { scene, points: floorAndWallCloud(scene, 10) };
}
