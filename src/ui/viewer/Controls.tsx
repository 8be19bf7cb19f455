import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import type { Vec3 } from '../../domain/geometry/linalg';

/** Orbit, pan and zoom around a target; z is up. Re-homes when `home` or `resetToken` changes. */
export function Controls({ home, resetToken }: { home: { position: Vec3; target: Vec3 }; resetToken: number }) {
  const { camera, gl, invalidate, set } = useThree();
  const controls = useMemo(() => {
    camera.up.set(0, 0, 1);
    const c = new OrbitControls(camera, gl.domElement);
    c.enableDamping = false;
    c.screenSpacePanning = true;
    return c;
  }, [camera, gl]);
  // published in the fiber store, so box handles can pause the orbit while dragged
  useEffect(() => set({ controls: controls as unknown as THREE.EventDispatcher }), [controls, set]);
  useEffect(() => {
    const onChange = () => invalidate();
    controls.addEventListener('change', onChange);
    return () => {
      controls.removeEventListener('change', onChange);
      controls.dispose();
    };
  }, [controls, invalidate]);
  useEffect(() => {
    camera.position.set(...home.position);
    controls.target.set(...home.target);
    camera.lookAt(...home.target);
    controls.update();
    invalidate();
  }, [home, resetToken, camera, controls, invalidate]);
  return null;
}
