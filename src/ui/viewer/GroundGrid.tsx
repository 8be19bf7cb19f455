import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { textSprite } from './textSprite';

/** The ground plane z = 0: a 1 m grid with metre labels along the x and y axes through the origin. */
export function GroundGrid({ centre, size }: { centre: [number, number]; size: number }) {
  const group = useMemo(() => {
    const g = new THREE.Group();
    const grid = new THREE.GridHelper(size, size, 0x5b6b7f, 0x2c3542);
    grid.rotation.x = Math.PI / 2; // GridHelper lies in XZ; the ground is XY
    grid.position.set(centre[0], centre[1], 0);
    g.add(grid);
    const step = size <= 12 ? 1 : size <= 30 ? 2 : 5;
    const h = Math.max(0.05, size / 110);
    const x0 = centre[0] - size / 2, y0 = centre[1] - size / 2;
    // labels where the camera looks from: along x at y = 0 and along y at x = 0 (the camera's foot)
    for (let k = 0; k <= size; k += step) {
      const x = x0 + k, y = y0 + k;
      if (x !== 0) {
        const lx = textSprite(`${x} m`, h, '#9fb0c4', 'rgba(0,0,0,0)');
        lx.position.set(x, 0, 0.01);
        g.add(lx);
      }
      if (y > 0) {
        const ly = textSprite(`${y} m`, h, '#9fb0c4', 'rgba(0,0,0,0)');
        ly.position.set(0, y, 0.01);
        g.add(ly);
      }
    }
    g.add(new THREE.AxesHelper(0.3));
    return g;
  }, [centre, size]);
  useEffect(
    () => () =>
      group.traverse((o) => {
        const m = o as THREE.Mesh;
        m.geometry?.dispose();
        const mat = m.material as THREE.Material & { map?: THREE.Texture };
        mat?.map?.dispose();
        mat?.dispose?.();
      }),
    [group],
  );
  return <primitive object={group} />;
}
