// The lifted scene as a binary glTF (GLB) for Blender, three.js editors and other viewers: the
// points (with their colours), each object's 3D box as edges, and the camera with its field of
// view. Built with three's GLTFExporter. glTF is y-up while scenes here are z-up: one root node
// turns the world so that z up stays up in those viewers.
import * as THREE from 'three';
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js';
import type { Mat3, Vec3 } from '../../domain/geometry/linalg';
import type { SceneObject } from '../../domain/scene/scene';
import type { CheckedLift } from '../../domain/lifting/job';
import type { SavedFile } from '../../app/lift/exportScene';

export interface GlbInput {
  id: string;
  xyz: Float32Array;
  /** 8-bit RGB per point, or null. */
  rgb: Uint8Array | null;
  count: number;
  objects: SceneObject[];
  camera: { fy: number; width: number; height: number; R: Mat3; T: Vec3 };
}

/** The three.js scene that is exported (also what a test can inspect). */
export function glbScene(s: GlbInput): THREE.Scene {
  const scene = new THREE.Scene();
  const root = new THREE.Group();
  root.name = s.id;
  root.rotation.x = -Math.PI / 2; // z-up world → glTF's y-up
  scene.add(root);

  const geo = new THREE.BufferGeometry();
  geo.setAttribute('position', new THREE.BufferAttribute(s.xyz.slice(0, s.count * 3), 3));
  if (s.rgb) {
    const c = new Float32Array(s.count * 3);
    // glTF colours are linear; the photo's are sRGB
    for (let k = 0; k < s.count * 3; k++) c[k] = srgbToLinear(s.rgb[k] / 255);
    geo.setAttribute('color', new THREE.BufferAttribute(c, 3));
  }
  const points = new THREE.Points(geo, new THREE.PointsMaterial({ size: 0.01, vertexColors: !!s.rgb }));
  points.name = 'points';
  root.add(points);

  const edges = new THREE.EdgesGeometry(new THREE.BoxGeometry(1, 1, 1));
  for (const o of s.objects) {
    if (!o.box3d) continue;
    const b = o.box3d;
    const box = new THREE.LineSegments(edges, new THREE.LineBasicMaterial({ color: 0xffb020 }));
    box.name = `${o.category} ${o.id}`;
    box.position.set(...b.center);
    box.rotation.set(0, 0, b.yaw);
    box.scale.set(...b.size);
    box.userData = { id: o.id, category: o.category, source: o.source, size: b.size, yaw: b.yaw };
    root.add(box);
  }

  const { fy, width, height, R, T } = s.camera;
  const cam = new THREE.PerspectiveCamera((2 * Math.atan(height / 2 / fy) * 180) / Math.PI, width / height, 0.05, 100);
  cam.name = 'camera';
  // the scene's camera looks along +z with y down (world = R·c + T); a three camera looks along −z with y up
  const m = new THREE.Matrix4().set(R[0], -R[1], -R[2], T[0], R[3], -R[4], -R[5], T[1], R[6], -R[7], -R[8], T[2], 0, 0, 0, 1);
  m.decompose(cam.position, cam.quaternion, cam.scale);
  root.add(cam);
  return scene;
}

/** The scene as GLB bytes. */
export async function sceneToGlb(s: GlbInput): Promise<ArrayBuffer> {
  const out = await new GLTFExporter().parseAsync(glbScene(s), { binary: true });
  return out as ArrayBuffer;
}

const srgbToLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** The lifted scene as a GLB file: its cloud, the page's objects, and the camera from the scene record's pose. */
export async function sceneGlbFile(lift: Pick<CheckedLift, 'scene' | 'cloud'>, objects: SceneObject[]): Promise<SavedFile> {
  const { scene, cloud } = lift;
  const M = scene.worldFromCamera;
  const R: Mat3 = [M[0][0], M[0][1], M[0][2], M[1][0], M[1][1], M[1][2], M[2][0], M[2][1], M[2][2]];
  const T: Vec3 = [M[0][3], M[1][3], M[2][3]];
  const bytes = await sceneToGlb({ id: scene.id, xyz: cloud.xyz, rgb: cloud.rgb, count: cloud.count, objects, camera: { fy: scene.camera.fy, width: scene.image.width, height: scene.image.height, R, T } });
  return { bytes: new Uint8Array(bytes), name: `${scene.id}.glb`, mime: 'model/gltf-binary' };
}
