import { Canvas } from '@react-three/fiber';
import { memo, useMemo } from 'react';
import { gridExtent, homeView } from '../../domain/lifting/display';
import { useObjects, useReview, useScene, useView, viewStore } from '../../store';
import { objectMask } from '../../domain/objects/objectMask';
import { Boxes3D } from './Boxes3D';
import { Controls } from './Controls';
import { Frustum } from './Frustum';
import { GroundGrid } from './GroundGrid';
import { HoverMarker, MeasureLine } from './Markers';
import { PointCloud } from './PointCloud';
import { EvidenceLayer, useEvidence } from './EvidenceLayer';
import { PosedClouds } from './PosedClouds';
import { evidenceView } from '../../domain/review/evidence';

// Canvas settings live outside the component: new objects on every render would make
// react-three-fiber reconfigure and redraw, and a redraw of a large cloud blocks the page.
const CAMERA = { fov: 50, near: 0.01, far: 500, up: [0, 0, 1] as [number, number, number] };
const GL = { antialias: false };

/**
 * The metric, z-up scene: points, ground grid, camera frustum, hover and measurements. Memoised:
 * it draws only when what it shows changes, never because the rest of the page re-rendered.
 */
export const Viewer3D = memo(function Viewer3D() {
  const scene = useScene((s) => s.scene);
  const imageUrl = useScene((s) => s.imageUrl);
  const { colourMode, pointSize, showFrustum, hover, measuring, measurePoints, resetToken, boxMode, mode } = useView((v) => v);
  const objects = useObjects((o) => o.objects);
  const selectedId = useObjects((o) => o.selectedId);
  const selected = objects.find((o) => o.id === selectedId);
  const highlight = useMemo(() => (scene && selected ? objectMask(selected, scene.scene.image.width, scene.scene.image.height) : null), [scene, selected]);
  const layout = useMemo(() => {
    if (!scene) return null;
    const { xyz, count } = scene.display;
    const grid = gridExtent(xyz, count);
    const home = homeView(xyz, count, scene.T, scene.R);
    const dist = Math.hypot(home.target[0] - scene.T[0], home.target[1] - scene.T[1], home.target[2] - scene.T[2]);
    const marker = Math.max(0.01, dist / 150);
    const raycaster = { params: { Points: { threshold: marker * 1.5 }, Mesh: {}, Line: { threshold: 1 }, LOD: {}, Sprite: {} } };
    return { grid, home, marker, raycaster, frustumDepth: Math.min(1, 0.3 * dist) };
  }, [scene]);
  // reviewing: the view starts on the item's evidence (a new item, not a fix's box edits, moves it)
  const evidence = useEvidence();
  const reviewItem = useReview((r) => r.current?.row.id);
  const hasEvidence = evidence.g !== null;
  // a multi-view item's other photos arrive after the lift: the view moves once to take in their marks
  const evidenceSegments = evidence.g?.segments.map((x) => x.ends.join(',')).join(';') ?? '';
  // deliberately not keyed on the geometry itself: a box dragged in a fix must not swing the view
  const focus = useMemo(() => (mode === 'review' && evidence.g ? evidenceView(evidence.g) : null), [mode, reviewItem, hasEvidence, evidenceSegments]);
  if (!scene || !layout) return <div className="viewer-empty">No scene yet</div>;
  return (
    <Canvas
      className="viewer-canvas"
      frameloop="demand"
      dpr={1}
      camera={CAMERA}
      raycaster={layout.raycaster}
      gl={GL}
      data-testid="viewer"
    >
      <color attach="background" args={['#11151b']} />
      <Controls home={focus ?? layout.home} resetToken={resetToken} />
      <PointCloud scene={scene} highlight={highlight} colourMode={colourMode} pointSize={pointSize} onPick={measuring ? (p) => viewStore.getState().pick(p) : undefined} />
      <Boxes3D objects={objects} selectedId={selectedId} mode={boxMode} />
      <GroundGrid centre={layout.grid.centre} size={layout.grid.size} />
      {showFrustum && <Frustum scene={scene} imageUrl={imageUrl} depth={layout.frustumDepth} />}
      {hover?.world && <HoverMarker at={hover.world} radius={layout.marker} />}
      {measurePoints.length > 0 && <MeasureLine points={measurePoints} radius={layout.marker} />}
      {mode === 'review' && <PosedClouds pointSize={pointSize} />}
      {mode === 'review' && <EvidenceLayer radius={layout.marker} />}
    </Canvas>
  );
});
