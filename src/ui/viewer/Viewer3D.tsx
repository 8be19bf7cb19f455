import { Canvas } from '@react-three/fiber';
import { useMemo } from 'react';
import { gridExtent, homeView } from '../../domain/lifting/display';
import { useScene, useView, viewStore } from '../../store';
import { Controls } from './Controls';
import { Frustum } from './Frustum';
import { GroundGrid } from './GroundGrid';
import { HoverMarker, MeasureLine } from './Markers';
import { PointCloud } from './PointCloud';

/** The metric, z-up scene: points, ground grid, camera frustum, hover and measurements. */
export function Viewer3D() {
  const scene = useScene((s) => s.scene);
  const imageUrl = useScene((s) => s.imageUrl);
  const { colourMode, pointSize, showFrustum, hover, measuring, measurePoints, resetToken } = useView((v) => v);
  const layout = useMemo(() => {
    if (!scene) return null;
    const { xyz, count } = scene.display;
    const grid = gridExtent(xyz, count);
    const home = homeView(xyz, count, scene.T, scene.R);
    const dist = Math.hypot(home.target[0] - scene.T[0], home.target[1] - scene.T[1], home.target[2] - scene.T[2]);
    return { grid, home, marker: Math.max(0.01, dist / 150), frustumDepth: Math.min(1, 0.3 * dist) };
  }, [scene]);
  if (!scene || !layout) return <div className="viewer-empty">No scene yet</div>;
  return (
    <Canvas
      className="viewer-canvas"
      frameloop="demand"
      dpr={1}
      camera={{ fov: 50, near: 0.01, far: 500, up: [0, 0, 1] }}
      raycaster={{ params: { Points: { threshold: layout.marker * 1.5 }, Mesh: {}, Line: { threshold: 1 }, LOD: {}, Sprite: {} } }}
      gl={{ antialias: false }}
      data-testid="viewer"
    >
      <color attach="background" args={['#11151b']} />
      <Controls home={layout.home} resetToken={resetToken} />
      <PointCloud scene={scene} colourMode={colourMode} pointSize={pointSize} onPick={measuring ? (p) => viewStore.getState().pick(p) : undefined} />
      <GroundGrid centre={layout.grid.centre} size={layout.grid.size} />
      {showFrustum && <Frustum scene={scene} imageUrl={imageUrl} depth={layout.frustumDepth} />}
      {hover?.world && <HoverMarker at={hover.world} radius={layout.marker} />}
      {measurePoints.length > 0 && <MeasureLine points={measurePoints} radius={layout.marker} />}
    </Canvas>
  );
}
