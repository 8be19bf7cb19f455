import { describe, expect, it } from 'vitest';
import type { QAItem } from '../qa/types';
import { livingRoom } from '../../test/qaScenes';
import { evidenceGeometry } from './evidence';

const item = (task: string, objects: string[], answer = '1', evidence: Record<string, unknown> = {}): QAItem => ({
  id: 'x',
  image: ['living-room.jpg'],
  task,
  question: 'q',
  answer,
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects, marks: [], evidence, scene: 'living-room', generator: { name: 'spatial-lens', version: 't', seed: 0 } },
});

describe('3D evidence of an item', () => {
  // living room camera: at (0, 0, 1.5), looking along world +y
  const scene = livingRoom();

  it('depth runs along the optical axis to the plane through each centre', () => {
    const g = evidenceGeometry(item('depth_prediction_oo', ['chair1', 'sofa']), scene);
    expect(g.camera.at).toEqual([0, 0, 1.5]);
    expect(g.camera.forward).toEqual([0, 1, 0]);
    // chair1 at y 2.4, sofa at y 4.0: depths 2.4 and 4.0, whatever their x and z
    expect(g.segments.map((s) => s.to)).toEqual([
      [0, 2.4, 1.5],
      [0, 4, 1.5],
    ]);
    expect(g.segments.map((s) => s.label)).toEqual(['depth 2.40 m', 'depth 4.00 m']);
    expect(g.points.map((p) => p.object)).toEqual(['chair1', 'sofa']);
  });

  it('a distance between objects joins their centres, labelled', () => {
    // table (0.3, 3, 0.38) to plant (-2.2, 5, 0.5): √(2.5² + 2² + 0.12²) = √10.2644 = 3.2038
    const g = evidenceGeometry(item('distance_prediction_oo', ['table', 'plant']), scene);
    expect(g.segments).toEqual([{ from: [0.3, 3, 0.38], to: [-2.2, 5, 0.5], label: '3.20 m', kind: 'distance', ends: [0, 1] }]);
  });

  it('a distance to the camera starts at the camera', () => {
    // camera (0, 0, 1.5) to chair1 (-0.6, 2.4, 0.45): √(0.36 + 5.76 + 1.1025) = 2.6875
    const g = evidenceGeometry(item('distance_prediction_oc', ['chair1']), scene);
    expect(g.segments[0].from).toEqual([0, 0, 1.5]);
    expect(g.segments[0].label).toBe('2.69 m');
  });

  it('a relation is an arrow from the first object to the last, labelled with the answer; a viewpoint becomes the observer', () => {
    const g = evidenceGeometry(item('spatial_imagination_oo', ['plant', 'table', 'cup1'], 'left', { viewpoint: { at: [-2.2, 5, 0.5], forward: [0.78, -0.624, -0.037] } }), scene);
    expect(g.segments).toEqual([{ from: [-2.2, 5, 0.5], to: [0, 3, 0.81], label: 'left', kind: 'relation', arrow: true, ends: [0, 2] }]);
    expect(g.observer?.at).toEqual([-2.2, 5, 0.5]);
    expect(Math.hypot(...g.observer!.forward)).toBeCloseTo(1, 12);
  });

  it('objects missing from the scene are not highlighted', () => {
    const g = evidenceGeometry(item('distance_prediction_oo', ['table', 'ghost']), scene);
    expect(g.points.map((p) => p.object)).toEqual(['table']);
    expect(g.segments).toEqual([]);
  });
});

describe('the view of the evidence', () => {
  it('looks at the middle of the drawn segments from beside and above the camera', async () => {
    const { evidenceView } = await import('./evidence');
    const g = evidenceGeometry(item('distance_prediction_oo', ['table', 'plant']), livingRoom());
    const v = evidenceView(g)!;
    // middle of (0.3, 3, 0.38) and (-2.2, 5, 0.5): (-0.95, 4, 0.44)
    expect(v.target[0]).toBeCloseTo(-0.95, 12);
    expect(v.target[1]).toBeCloseTo(4, 12);
    expect(v.target[2]).toBeCloseTo(0.44, 12);
    // camera (0, 0, 1.5); back = (0.95, −4, 1.06), d = |back| = √18.0261 = 4.2457;
    // side = (4, 0.95, 0) / √16.9025 = (0.97292, 0.23107, 0)
    const d = Math.sqrt(18.0261);
    expect(v.position[0]).toBeCloseTo((0.6 * d * 4) / Math.sqrt(16.9025), 10);
    expect(v.position[1]).toBeCloseTo((0.6 * d * 0.95) / Math.sqrt(16.9025), 10);
    expect(v.position[2]).toBeCloseTo(1.5 + 0.6 * d, 10);
    // no quantity drawn (a size question): it looks at the object named; nothing named, no view
    expect(evidenceView(evidenceGeometry(item('hispatial/L1/size', ['table']), livingRoom()))?.target).toEqual([0.3, 3, 0.38]);
    expect(evidenceView(evidenceGeometry(item('hispatial/L1/size', []), livingRoom()))).toBeNull();
  });
});
