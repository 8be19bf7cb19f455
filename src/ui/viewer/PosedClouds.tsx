import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { usePosedLift, useReview, useScene } from '../../store';
import { useLiftedPhotoIndex } from './EvidenceLayer';

/** How much of a tint marks which photo a point came from (the lifted photo's own points are untinted). */
const TINT = 0.5;
const TINTS: [number, number, number][] = [
  [70, 170, 255],
  [255, 150, 60],
  [150, 230, 110],
];

/**
 * The multi-view item's other photos, placed by their poses around the photo lifted in the 3D view
 * (their points come in that photo's camera frame; the view's world is R·p + T of that camera).
 */
export function PosedClouds({ pointSize }: { pointSize: number }) {
  const lift = usePosedLift((p) => p.lift);
  const itemId = usePosedLift((p) => p.itemId);
  const current = useReview((r) => r.current?.row.id);
  const scene = useScene((s) => s.scene);
  const photo = useLiftedPhotoIndex();
  const group = useMemo(() => {
    if (!lift || !scene || itemId !== current || photo !== lift.reference) return null;
    const { R, T } = scene;
    const g = new THREE.Group();
    for (const [n, c] of lift.clouds.entries()) {
      const xyz = new Float32Array(c.count * 3);
      const rgb = new Uint8Array(c.count * 3);
      const tint = TINTS[n % TINTS.length];
      for (let i = 0; i < c.count; i++) {
        const x = c.xyz[i * 3], y = c.xyz[i * 3 + 1], z = c.xyz[i * 3 + 2];
        xyz[i * 3] = R[0] * x + R[1] * y + R[2] * z + T[0];
        xyz[i * 3 + 1] = R[3] * x + R[4] * y + R[5] * z + T[1];
        xyz[i * 3 + 2] = R[6] * x + R[7] * y + R[8] * z + T[2];
        for (let j = 0; j < 3; j++) rgb[i * 3 + j] = Math.round((1 - TINT) * c.rgb[i * 3 + j] + TINT * tint[j]);
      }
      const geo = new THREE.BufferGeometry();
      geo.setAttribute('position', new THREE.BufferAttribute(xyz, 3));
      geo.setAttribute('color', new THREE.BufferAttribute(rgb, 3, true));
      const points = new THREE.Points(geo, new THREE.PointsMaterial({ size: pointSize, sizeAttenuation: false, vertexColors: true }));
      points.frustumCulled = false;
      points.name = `posed-image-${c.image}`;
      g.add(points);
    }
    return g;
  }, [lift, scene, itemId, current, photo, pointSize]);
  useEffect(() => {
    if (!group) return;
    document.body.dataset.posedPoints = String(lift?.clouds.reduce((n, c) => n + c.count, 0) ?? 0);
    return () => {
      delete document.body.dataset.posedPoints;
      group.traverse((o) => {
        const p = o as THREE.Points;
        p.geometry?.dispose();
        (p.material as THREE.Material | undefined)?.dispose();
      });
    };
  }, [group, lift]);
  return group ? <primitive object={group} /> : null;
}
