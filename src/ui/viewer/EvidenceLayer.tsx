import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { own } from '../../domain/dict';
import type { Box3D } from '../../domain/scene/scene';
import { type EvidenceGeometry, evidenceGeometry } from '../../domain/review/evidence';
import { type MarkEvidence, markEvidence } from '../../domain/review/markEvidence';
import { useObjects, usePosedLift, useReview, useScene, isLiftedFile, isRevealed } from '../../store';
import { textSprite } from './textSprite';
import { placeLabels } from '../../domain/review/labelPlacement';
import { posedEvidence } from '../../domain/review/posedLift';

const KIND = { distance: '#2aa8ff', depth: '#ffd23d', relation: '#ff7a2a' };

/** Which of the reviewed item's photos the 3D view holds, lifted on demand there; -1 when none. */
export function useLiftedPhotoIndex(): number {
  const cur = useReview((r) => r.current);
  const lifted = useReview((r) => r.liftedPhotos);
  const file = useScene((s) => (s.scene ? s.files?.image : undefined));
  if (!cur || !file) return -1;
  return cur.images.findIndex((img) => lifted.some((l) => l.path === img.path && isLiftedFile(l, file)));
}

/**
 * The reviewed item's evidence in 3D: from its scene's objects when the 3D view holds its scene,
 * from its marks when it holds one of its photos lifted on demand; null otherwise.
 */
export function useEvidence(): { g: EvidenceGeometry | MarkEvidence | null; preview: Record<string, Box3D> | null } {
  const cur = useReview((r) => r.current);
  const scene = useScene((s) => s.scene);
  const stored = useObjects((o) => o.objects);
  const preview = useReview((r) => r.previewBoxes);
  const photo = useLiftedPhotoIndex();
  const found = useReview((r) => r.foundMarks);
  const posed = usePosedLift((p) => (p.itemId === cur?.row.id ? p.lift : null));
  // a fix in progress: its edited boxes stand in for the stored ones, and the evidence follows them
  const objects = useMemo(() => (preview ? stored.map((o) => (own(preview, o.id) ? { ...o, box3d: preview[o.id] } : o)) : stored), [stored, preview]);
  const g = useMemo(() => {
    if (!cur || !scene) return null;
    if (cur.stored.item.spatial_lens.scene === scene.scene.id) return evidenceGeometry(cur.stored.item, { ...scene.scene, objects });
    if (photo < 0) return null;
    // a multi-view item's photos placed by their poses: every photo's marks, measured against each other
    if (posed && posed.reference === photo) return posedEvidence(cur.stored.item, posed, scene);
    // a published item's marks are in its pixels: the ones found there stand in for stored ones
    const item = cur.stored.item.spatial_lens.marks.length || found.itemId !== cur.row.id ? cur.stored.item : { ...cur.stored.item, spatial_lens: { ...cur.stored.item.spatial_lens, marks: found.marks } };
    return markEvidence(item, photo, scene);
  }, [cur, scene, objects, photo, found, posed]);
  return { g, preview };
}

/** The reviewed item's evidence in 3D: its objects marked in SPAR's colours, the quantity drawn. */
export function EvidenceLayer({ radius }: { radius: number }) {
  const { g, preview } = useEvidence();
  // blind review: the quantities stay unlabelled until the reviewer has answered
  const labels = useReview(isRevealed);
  const drawn = useMemo(() => {
    if (!g) return null;
    const group = new THREE.Group();
    for (const p of g.points) {
      const s = new THREE.Mesh(new THREE.SphereGeometry(radius * 2.5, 16, 12), new THREE.MeshBasicMaterial({ color: p.colour, depthTest: false }));
      s.position.set(...p.at);
      s.renderOrder = 9;
      group.add(s);
    }
    const labelSprites: THREE.Sprite[] = [];
    for (const seg of g.segments) {
      const a = new THREE.Vector3(...seg.from), b = new THREE.Vector3(...seg.to);
      const colour = KIND[seg.kind];
      if (seg.arrow) {
        const dir = b.clone().sub(a);
        const len = dir.length();
        group.add(new THREE.ArrowHelper(dir.normalize(), a, len, colour, Math.min(len * 0.2, radius * 12), Math.min(len * 0.1, radius * 6)));
      } else {
        const line = new THREE.Line(new THREE.BufferGeometry().setFromPoints([a, b]), new THREE.LineBasicMaterial({ color: colour, depthTest: false }));
        line.renderOrder = 9;
        group.add(line);
      }
      if (!labels) continue;
      labelSprites.push(textSprite(seg.label, radius * 6, '#ffffff', 'rgba(20,28,38,0.85)'));
    }
    // along their own segments, clear of each other (two depths from the camera share a start)
    const withLabels = labels ? g.segments : [];
    placeLabels(
      withLabels.map((seg, k) => ({ from: seg.from, to: seg.to, width: labelSprites[k].scale.x, height: labelSprites[k].scale.y })),
      radius * 4,
    ).forEach((p, k) => {
      labelSprites[k].position.set(...p.at);
      group.add(labelSprites[k]);
    });
    for (const [id, b] of Object.entries(preview ?? {})) {
      // the edited box, as a fix would leave it
      const edges = new THREE.LineSegments(new THREE.EdgesGeometry(new THREE.BoxGeometry(1, 1, 1)), new THREE.LineBasicMaterial({ color: '#ffb020', depthTest: false }));
      edges.position.set(...b.center);
      edges.rotation.set(0, 0, b.yaw);
      edges.scale.set(...b.size);
      edges.renderOrder = 9;
      edges.name = `edited-${id}`;
      group.add(edges);
    }
    if (g.observer) {
      const at = new THREE.Vector3(...g.observer.at);
      const body = new THREE.Mesh(new THREE.CylinderGeometry(radius * 2, radius * 2, radius * 10, 12), new THREE.MeshBasicMaterial({ color: '#b06cff', depthTest: false }));
      body.rotation.x = Math.PI / 2;
      body.position.copy(at);
      group.add(body);
      group.add(new THREE.ArrowHelper(new THREE.Vector3(...g.observer.forward), at, radius * 30, '#b06cff', radius * 8, radius * 5));
      const label = textSprite('imagined observer', radius * 5, '#ffffff', 'rgba(80,40,120,0.85)');
      label.position.copy(at).add(new THREE.Vector3(0, 0, radius * 9));
      group.add(label);
    }
    return group;
  }, [g, radius, preview, labels]);
  useEffect(
    () => () => {
      drawn?.traverse((o) => {
        const m = o as THREE.Mesh;
        m.geometry?.dispose();
        const mat = m.material as THREE.Material | THREE.Material[] | undefined;
        for (const x of Array.isArray(mat) ? mat : mat ? [mat] : []) {
          (x as THREE.SpriteMaterial).map?.dispose();
          x.dispose();
        }
      });
    },
    [drawn],
  );
  return drawn ? <primitive object={drawn} /> : null;
}
