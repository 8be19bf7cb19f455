import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { frustumCorners } from '../../domain/geometry/frustum';
import type { LiftedScene } from '../../domain/scene/liftedView';

/** The camera: its viewing pyramid and the photo on the pyramid's base. */
export function Frustum({ scene, imageUrl, depth }: { scene: LiftedScene; imageUrl: string | null; depth: number }) {
  const { centre, corners } = useMemo(() => frustumCorners(scene.camera, scene.width, scene.height, scene.R, scene.T, depth), [scene, depth]);
  const lines = useMemo(() => {
    const p = (v: number[]) => new THREE.Vector3(v[0], v[1], v[2]);
    const pts: THREE.Vector3[] = [];
    for (let i = 0; i < 4; i++) pts.push(p(centre), p(corners[i]), p(corners[i]), p(corners[(i + 1) % 4]));
    return new THREE.BufferGeometry().setFromPoints(pts);
  }, [centre, corners]);
  const plane = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(Float32Array.from(corners.flat()), 3));
    g.setAttribute('uv', new THREE.BufferAttribute(Float32Array.from([0, 1, 1, 1, 1, 0, 0, 0]), 2));
    g.setIndex([0, 3, 1, 1, 3, 2]);
    return g;
  }, [corners]);
  const invalidate = useThree((s) => s.invalidate);
  const texture = useMemo(() => {
    if (!imageUrl) return null;
    // frames are drawn on demand: draw again once the photo has loaded
    const t = new THREE.TextureLoader().load(imageUrl, () => invalidate());
    t.colorSpace = THREE.SRGBColorSpace;
    return t;
  }, [imageUrl, invalidate]);
  useEffect(() => () => {
    lines.dispose();
    plane.dispose();
  }, [lines, plane]);
  useEffect(() => () => texture?.dispose(), [texture]);
  return (
    <group>
      <lineSegments geometry={lines}>
        <lineBasicMaterial color="#f5c542" />
      </lineSegments>
      {texture && (
        <mesh geometry={plane}>
          <meshBasicMaterial map={texture} side={THREE.DoubleSide} transparent opacity={0.45} depthWrite={false} />
        </mesh>
      )}
    </group>
  );
}
