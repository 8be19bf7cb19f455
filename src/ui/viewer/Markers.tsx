import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { Vec3 } from '../../domain/geometry/linalg';
import { measure } from '../../domain/geometry/measure';
import { textSprite } from './textSprite';

/** The 3D point under the cursor in the photo. */
export function HoverMarker({ at, radius }: { at: Vec3; radius: number }) {
  return (
    <mesh position={at}>
      <sphereGeometry args={[radius, 12, 8]} />
      <meshBasicMaterial color="#ff3df2" depthTest={false} />
    </mesh>
  );
}

/** A measurement: its end points, the segment and a label with the distance. */
export function MeasureLine({ points, radius }: { points: Vec3[]; radius: number }) {
  const line = useMemo(() => (points.length === 2 ? new THREE.BufferGeometry().setFromPoints(points.map((p) => new THREE.Vector3(...p))) : null), [points]);
  const label = useMemo(() => {
    if (points.length !== 2) return null;
    const m = measure(points[0], points[1]);
    const s = textSprite(`${m.distance.toFixed(3)} m`, radius * 6, '#ffffff', 'rgba(10,90,160,0.85)');
    s.position.set((points[0][0] + points[1][0]) / 2, (points[0][1] + points[1][1]) / 2, (points[0][2] + points[1][2]) / 2 + radius * 4);
    return s;
  }, [points, radius]);
  useEffect(() => () => line?.dispose(), [line]);
  useEffect(() => () => {
    (label?.material as THREE.SpriteMaterial | undefined)?.map?.dispose();
    label?.material.dispose();
  }, [label]);
  return (
    <group>
      {points.map((p, i) => (
        <mesh key={i} position={p}>
          <sphereGeometry args={[radius, 12, 8]} />
          <meshBasicMaterial color="#2aa8ff" depthTest={false} />
        </mesh>
      ))}
      {line && (
        <lineSegments geometry={line}>
          <lineBasicMaterial color="#2aa8ff" depthTest={false} />
        </lineSegments>
      )}
      {label && <primitive object={label} />}
    </group>
  );
}
