import { beforeAll, describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { sceneToGlb } from './sceneGlb';

/** A node's translation, rotation (quaternion) and scale, written as TRS or as a matrix. */
function trs(n: { matrix?: number[]; translation?: number[]; rotation?: number[]; scale?: number[] }) {
  if (!n.matrix) return { t: n.translation ?? [0, 0, 0], q: (n.rotation ?? [0, 0, 0, 1]) as [number, number, number, number], s: n.scale ?? [1, 1, 1] };
  const t = new THREE.Vector3(), q = new THREE.Quaternion(), s = new THREE.Vector3();
  new THREE.Matrix4().fromArray(n.matrix).decompose(t, q, s);
  return { t: t.toArray(), q: q.toArray() as [number, number, number, number], s: s.toArray() };
}

// GLTFExporter reads its Blobs with FileReader, which browsers and workers have and Node lacks
beforeAll(() => {
  const g = globalThis as unknown as { FileReader?: unknown };
  if (g.FileReader) return;
  g.FileReader = class {
    result: unknown = null;
    onloadend: (() => void) | null = null;
    readAsArrayBuffer(b: Blob) {
      void b.arrayBuffer().then((r) => ((this.result = r), this.onloadend?.()));
    }
    readAsDataURL(b: Blob) {
      void b.arrayBuffer().then((r) => ((this.result = `data:${b.type};base64,${Buffer.from(r).toString('base64')}`), this.onloadend?.()));
    }
  };
});

/** The GLB's header, JSON chunk and binary chunk, checked against the format's layout. */
function parseGlb(buf: ArrayBuffer) {
  const v = new DataView(buf);
  expect(v.getUint32(0, true)).toBe(0x46546c67); // 'glTF'
  expect(v.getUint32(4, true)).toBe(2);
  expect(v.getUint32(8, true)).toBe(buf.byteLength);
  const jsonLen = v.getUint32(12, true);
  expect(v.getUint32(16, true)).toBe(0x4e4f534a); // 'JSON'
  const json = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 20, jsonLen)));
  const binAt = 20 + jsonLen;
  const binLen = v.getUint32(binAt, true);
  expect(v.getUint32(binAt + 4, true)).toBe(0x004e4942); // 'BIN\0'
  return { json, bin: new DataView(buf, binAt + 8, binLen) };
}

describe('GLB export of a scene', () => {
  const count = 1000;
  const xyz = new Float32Array(count * 3), rgb = new Uint8Array(count * 3);
  for (let k = 0; k < count; k++) {
    xyz.set([(k % 10) * 0.1, 2 + Math.floor(k / 100) * 0.1, (Math.floor(k / 10) % 10) * 0.1], k * 3);
    rgb.set([255, k % 256, 0], k * 3);
  }
  const input = {
    id: 'nyu0',
    xyz,
    rgb,
    count,
    objects: [
      { id: 'a', category: 'wardrobe', box3d: { center: [0, 3, 0.9] as [number, number, number], size: [0.97, 0.6, 1.8] as [number, number, number], yaw: 0.3 }, source: 'lifted' as const },
      { id: 'b', category: 'chair', box3d: { center: [1, 2, 0.45] as [number, number, number], size: [0.5, 0.5, 0.9] as [number, number, number], yaw: 0 }, source: 'edited' as const },
      { id: 'c', category: 'cup', source: 'lifted' as const }, // no 3D box: not exported
    ],
    // level camera 1.5 m up looking along +y: camera x → world x, camera y (down) → world −z, camera z → world y
    camera: { fy: 500, width: 640, height: 480, R: [1, 0, 0, 0, 0, 1, 0, -1, 0] as [number, number, number, number, number, number, number, number, number], T: [0, 0, 1.5] as [number, number, number] },
  };

  it('holds the points (count, bounds, colours), one box node per 3D box and the camera', async () => {
    const { json, bin } = parseGlb(await sceneToGlb(input));
    const points = json.meshes.find((m: { name: string }) => m.name === 'points') ?? json.meshes[json.nodes.find((n: { name: string }) => n.name === 'points').mesh];
    const prim = points.primitives[0];
    expect(prim.mode).toBe(0); // POINTS
    const pos = json.accessors[prim.attributes.POSITION];
    expect(pos.count).toBe(count);
    expect(pos.type).toBe('VEC3');
    expect(pos.min.map((x: number) => +x.toFixed(4))).toEqual([0, 2, 0]);
    expect(pos.max.map((x: number) => +x.toFixed(4))).toEqual([0.9, 2.9, 0.9]);
    expect(json.accessors[prim.attributes.COLOR_0].count).toBe(count);
    // the first point's position read back from the binary chunk
    const view = json.bufferViews[pos.bufferView];
    const at = (view.byteOffset ?? 0) + (pos.byteOffset ?? 0);
    expect([bin.getFloat32(at, true), bin.getFloat32(at + 4, true), bin.getFloat32(at + 8, true)]).toEqual([0, 2, 0]);

    const boxes = json.nodes.filter((n: { name?: string }) => /^(wardrobe a|chair b)$/.test(n.name ?? ''));
    expect(boxes.map((n: { name: string }) => n.name).sort()).toEqual(['chair b', 'wardrobe a']);
    const w = boxes.find((n: { name: string }) => n.name === 'wardrobe a');
    const wt = trs(w);
    expect(wt.t.map((x) => +x.toFixed(6))).toEqual([0, 3, 0.9]);
    expect(wt.s.map((x) => +x.toFixed(6))).toEqual([0.97, 0.6, 1.8]);
    expect(new THREE.Euler().setFromQuaternion(new THREE.Quaternion(...wt.q)).z).toBeCloseTo(0.3, 6);
    expect(w.extras).toMatchObject({ category: 'wardrobe', size: [0.97, 0.6, 1.8] });
    expect(json.meshes[w.mesh].primitives[0].mode).toBe(1); // LINES
    expect(json.nodes.some((n: { name?: string }) => n.name === 'cup c')).toBe(false);

    const camNode = json.nodes.find((n: { camera?: number }) => n.camera !== undefined);
    const cam = json.cameras[camNode.camera];
    expect(cam.type).toBe('perspective');
    expect(cam.perspective.yfov).toBeCloseTo(2 * Math.atan(240 / 500), 5);
    expect(cam.perspective.aspectRatio).toBeCloseTo(640 / 480, 5);
    const ct = trs(camNode);
    expect(ct.t.map((x) => +x.toFixed(6))).toEqual([0, 0, 1.5]);
    // a three/glTF camera looks along its −z: here that is world +y, i.e. a +90° turn about x
    const [qx, qy, qz, qw] = ct.q;
    expect(Math.abs(qx)).toBeCloseTo(Math.SQRT1_2, 5);
    expect(Math.sign(qx)).toBe(Math.sign(qw));
    expect([qy, qz].map((x: number) => Math.abs(x) < 1e-6)).toEqual([true, true]);

    // the root turns z-up into glTF's y-up
    const root = json.nodes.find((n: { name?: string }) => n.name === 'nyu0');
    expect(trs(root).q[0]).toBeCloseTo(-Math.SQRT1_2, 6);
  });
});
