import type { ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { type ColourMode, displayColours, tintByMask } from '../../domain/lifting/display';
import type { Mask } from '../../domain/objects/types';
import type { Vec3 } from '../../domain/geometry/linalg';
import type { LiftedScene } from '../../domain/scene/liftedView';

interface Props {
  scene: LiftedScene;
  /** The selected object's region at the stored photo's size: its points are tinted. */
  highlight?: Mask | null;
  colourMode: ColourMode;
  pointSize: number;
  onPick?: (p: Vec3) => void;
}

/** The displayed points (at most the point budget); marks the first frame a new cloud is drawn. */
export function PointCloud({ scene, highlight, colourMode, pointSize, onPick }: Props) {
  const { xyz, rgb, count } = scene.display;
  const geometry = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(xyz, 3));
    g.computeBoundingSphere();
    return g;
  }, [xyz]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const colours = useMemo(() => {
    const c = displayColours(colourMode, xyz, rgb, count, scene.R, scene.T);
    return highlight ? tintByMask(c, scene.display.pixel, count, scene, highlight) : c;
  }, [colourMode, xyz, rgb, count, scene, highlight]);
  useMemo(() => geometry.setAttribute('color', new THREE.BufferAttribute(colours, 3, true)), [geometry, colours]);
  const drawn = useRef<THREE.BufferGeometry | null>(null);
  const onAfterRender = () => {
    if (drawn.current === geometry) return;
    drawn.current = geometry;
    // drop (or sample) → first points on screen, read by the benchmark and the e2e tests
    performance.mark('sl:points');
    if (performance.getEntriesByName('sl:drop').length) performance.measure('sl:drop-to-points', 'sl:drop', 'sl:points');
    document.body.dataset.pointsShown = String(count);
  };
  const click = onPick ? (e: ThreeEvent<MouseEvent>) => {
    if (e.index === undefined) return;
    e.stopPropagation();
    const i = e.index;
    onPick([xyz[i * 3], xyz[i * 3 + 1], xyz[i * 3 + 2]]);
  } : undefined;
  return (
    <points geometry={geometry} onAfterRender={onAfterRender} onClick={click} frustumCulled={false}>
      <pointsMaterial size={pointSize} sizeAttenuation={false} vertexColors />
    </points>
  );
}
