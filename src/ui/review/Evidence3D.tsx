import { type ShownImage, isLiftedFile, liftReviewPhoto, liftReviewPosed, projectStore, usePosedLift, useReview, useScene, viewStore } from '../../store';
import { BevPanel } from '../BevPanel';
import { Viewer3D } from '../viewer/Viewer3D';
import { useEvidence, useLiftedPhotoIndex } from '../viewer/EvidenceLayer';

/**
 * The item's scene in 3D with its evidence drawn, and the bird's-eye view. The 3D view holds one
 * scene at a time: an item of another scene offers to open it; an imported item without a scene
 * offers to lift its photo (on demand: lifting takes a second or more), after which its marks are
 * measured in 3D, and so are those of every other item drawn on that photo.
 */
export function Evidence3D() {
  const cur = useReview((r) => r.current);
  const lifted = useReview((r) => r.liftedPhotos);
  const open = useScene((s) => s.scene);
  const phase = useScene((s) => s.phase);
  const waiting = useScene((s) => s.pending?.image);
  const photo = useLiftedPhotoIndex();
  const working = phase === 'working';
  if (!cur) return null;
  const item = cur.stored.item;
  if ((open && open.scene.id === item.spatial_lens.scene) || photo >= 0)
    return (
      <div className="evidence-3d" data-testid="evidence-3d">
        <div className="viewer review-viewer">
          <Viewer3D />
        </div>
        {photo >= 0 && <LiftButtons images={cur.images} except={photo} />}
        <BevPanel />
      </div>
    );
  const needsModel = phase === 'needs-model' && !!waiting && lifted.some((l) => isLiftedFile(l, waiting));
  return (
    <div className="evidence-3d empty" data-testid="evidence-3d">
      {cur.scenePhoto ? (
        <button disabled={working} onClick={() => void projectStore.getState().openScene(cur.scenePhoto!)} data-testid="open-item-scene">
          Show this item’s scene in 3D
        </button>
      ) : cur.images.some((i) => i.url) ? (
        <LiftButtons images={cur.images} except={-1} />
      ) : (
        <span className="muted small">No scene and no image: nothing to show in 3D.</span>
      )}
      {working && <span className="muted small"> lifting…</span>}
      {needsModel && (
        <div className="message error" data-testid="lift-needs-model">
          <span>This photo has no depth map, and lifting it needs a depth model, which this browser does not have yet. Add one (an .onnx file) in the Scene tab; the photo waits there.</span>
          <button onClick={() => viewStore.getState().setMode('scene')}>Go to the Scene tab</button>
        </div>
      )}
    </div>
  );
}

/** One button per photo of the item (a multi-view item's marks are measured on one photo at a time). */
function LiftButtons({ images, except }: { images: ShownImage[]; except: number }) {
  const working = useScene((s) => s.phase === 'working');
  const several = images.length > 1;
  return (
    <div className="lift-buttons">
      {images.map((img, k) =>
        img.url && k !== except ? (
          <button
            key={k}
            disabled={working}
            onClick={async () => {
              await liftReviewPhoto(k);
              viewStore.getState().setMode('review');
              // a multi-view item with posed RGB-D photos: the others join it in one frame
              void liftReviewPosed(k);
            }}
            data-testid={k === 0 ? 'lift-item-image' : `lift-item-image-${k}`}
          >
            {several ? `Lift image ${k + 1} to 3D` : 'Lift this image to 3D'}
          </button>
        ) : null,
      )}
    </div>
  );
}

/** What the item's marks measure on its lifted photo, to hold against the item's own answer. */
export function MarkReadings() {
  const { g } = useEvidence();
  const scene = useScene((s) => s.scene);
  const cur = useReview((r) => r.current?.row.id);
  const posed = usePosedLift((p) => (p.itemId === cur ? p : null));
  if (!g || !('placed' in g) || !scene) return null;
  const d = scene.scene.depth;
  const across = posed?.lift && posed.lift.clouds.length > 0 && g.elsewhere === 0 ? posed.lift : null;
  return (
    <div className="mark-readings" data-testid="mark-readings">
      {posed?.working && <div className="muted small" data-testid="posed-working">Placing the item’s other photos by their poses…</div>}
      {posed?.error && <div className="message error small" data-testid="posed-error">{posed.error}</div>}
      {g.elsewhere > 0 && posed?.unposed && (
        <div className="muted small" data-testid="posed-unposed">
          {g.elsewhere === 1 ? 'One mark is' : `${g.elsewhere} marks are`} on the item’s other photos, which cannot be placed in one frame with this one: {posed.unposed}.
        </div>
      )}
      {across ? (
        <>
          <span className="muted" data-testid="posed-readings">
            All {across.clouds.length + 1} photos in the camera frame of image {across.reference + 1}, each lifted with its own depth and intrinsics and placed by its pose
            {' '}({across.clouds.map((c, n) => `image ${c.image + 1} tinted ${['blue', 'orange', 'green'][n % 3]}`).join(', ')}):
          </span>
          <ul>
            {g.readings.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ) : g.readings.length === 0 ? (
        <span className="muted">
          {g.placed.length === 0 ? 'This item has no marks on the lifted photo to measure.' : 'Its marks on this photo are placed in 3D.'}
          {g.elsewhere > 0 && ` ${g.elsewhere === 1 ? 'One mark is' : `${g.elsewhere} marks are`} on the item’s other photos: what joins marks on different photos cannot be measured on one lifted photo.`}
        </span>
      ) : (
        <>
          <span className="muted">Measured on the lifted photo:</span>
          <ul>
            {g.readings.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
      <div className="muted small">
        Depth: {d.source}
        {d.calibration !== 'none' ? `, calibrated (${d.calibration})` : ''}. A mark’s depth is the surface under it; the item’s answer is about the object’s 3D centre, a little further.
        {!d.source.startsWith('dataset') && ' A model’s metric depth can be off by 10–20 %.'}
        {g.segments.some((x) => x.kind === 'distance') && scene.scene.camera.source === 'default-fov' && ' Distances assume a default field of view: no intrinsics came with the photo.'}
      </div>
    </div>
  );
}
