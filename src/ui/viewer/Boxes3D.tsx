import { resizeKeepingBottom } from '../../domain/objects/boxEdit';
import { type ThreeEvent, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef, useState } from 'react';
import * as THREE from 'three';
import { TransformControls } from 'three/addons/controls/TransformControls.js';
import type { Box3D, SceneObject } from '../../domain/scene/scene';
import { categoryColour } from '../../domain/objects/colours';
import { objectsStore } from '../../store';

export type BoxHandleMode = 'translate' | 'rotate' | 'scale';

const UNIT = new THREE.EdgesGeometry(new THREE.BoxGeometry(1, 1, 1));
const CUBE = new THREE.BoxGeometry(1, 1, 1);
/** An arrow out of the front face along the box's +length axis (unit box coordinates). */
const FRONT = new THREE.BufferGeometry().setFromPoints([new THREE.Vector3(0, 0, 0), new THREE.Vector3(0.8, 0, 0)]);
const FRONT_TIP = new THREE.ConeGeometry(0.1, 0.2, 12).rotateZ(-Math.PI / 2).translate(0.8, 0, 0);

/** The objects' 3D boxes; clicking one selects it; the selected one has move / yaw / size handles. */
export function Boxes3D({ objects, selectedId, mode }: { objects: SceneObject[]; selectedId: string | null; mode: BoxHandleMode }) {
  return (
    <group>
      {objects.map((o) => o.box3d && <Box key={o.id} o={o} box={o.box3d} selected={o.id === selectedId} mode={mode} />)}
    </group>
  );
}

function Box({ o, box, selected, mode }: { o: SceneObject; box: Box3D; selected: boolean; mode: BoxHandleMode }) {
  const group = useRef<THREE.Group>(null);
  const colour = useMemo(() => new THREE.Color(categoryColour(o.category)), [o.category]);
  const select = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    objectsStore.getState().select(o.id);
  };
  return (
    <>
      <group ref={group} position={box.center} rotation={[0, 0, box.yaw]} scale={box.size} data-testid={`box3d-${o.id}`}>
        <lineSegments geometry={UNIT}>
          <lineBasicMaterial color={selected ? '#ffffff' : colour} depthTest={!selected} />
        </lineSegments>
        {o.orientation ? (
          <>
            <lineSegments geometry={FRONT}>
              <lineBasicMaterial color="#ff8c00" depthTest={false} />
            </lineSegments>
            <mesh geometry={FRONT_TIP}>
              <meshBasicMaterial color="#ff8c00" depthTest={false} />
            </mesh>
          </>
        ) : null}
        <mesh geometry={CUBE} onClick={select}>
          <meshBasicMaterial color={colour} transparent opacity={selected ? 0.18 : 0.06} depthWrite={false} />
        </mesh>
      </group>
      {selected && <Handles target={group} o={o} box={box} mode={mode} />}
    </>
  );
}

/** three's TransformControls on the selected box: z-only rotation, a box edit on release. */
function Handles({ target, o, box, mode }: { target: React.RefObject<THREE.Group | null>; o: SceneObject; box: Box3D; mode: BoxHandleMode }) {
  const { camera, gl, scene, invalidate, controls } = useThree();
  const [tc] = useState(() => new TransformControls(camera, gl.domElement));
  useEffect(() => {
    const helper = tc.getHelper();
    scene.add(helper);
    return () => {
      scene.remove(helper);
      tc.detach();
      tc.dispose();
    };
  }, [tc, scene]);
  useEffect(() => {
    if (target.current) tc.attach(target.current);
    tc.setMode(mode);
    tc.showX = mode !== 'rotate';
    tc.showY = mode !== 'rotate';
    tc.showZ = true;
    tc.setSpace('local');
    invalidate();
  }, [tc, target, mode, box, invalidate]);
  useEffect(() => {
    const onChange = () => invalidate();
    const onDragging = (e: { value: unknown }) => {
      // the orbit must not turn while a handle is dragged
      if (controls) (controls as unknown as { enabled: boolean }).enabled = !e.value;
      if (e.value || !target.current) return;
      const g = target.current;
      const size: [number, number, number] = [Math.abs(g.scale.x), Math.abs(g.scale.y), Math.abs(g.scale.z)];
      // the size handles scale about the centre; the box keeps resting where it rested
      objectsStore.getState().setBox3d(o.id, mode === 'scale' ? resizeKeepingBottom(box, size) : { center: [g.position.x, g.position.y, g.position.z], size, yaw: g.rotation.z });
    };
    tc.addEventListener('change', onChange);
    tc.addEventListener('dragging-changed', onDragging);
    return () => {
      tc.removeEventListener('change', onChange);
      tc.removeEventListener('dragging-changed', onDragging);
    };
  }, [tc, controls, invalidate, o.id, target, mode, box]);
  return null;
}
