// The camera text files of a drop (SPAR-7M-RGBD's intrinsic/ and pose/ folders), read on demand as
// the records that need them come, and attached to each record in the form SPAR-Bench-RGBD rows
// already use: `intrinsic_color`, `intrinsic_depth` and `pose`, one row-major 16-vector (or null)
// per image. So the measurement and the lift read an imported SPAR-7M item like an RGB-D row.
import { MatrixTextError, oversizedMatrixFile, parseIntrinsicsText, parsePoseText } from '../../formats/matrixText';
import { cameraFilesFor } from './spar7mCameras';

type Read = { value: number[] | null } | { error: string };

export interface CameraAttachment {
  /** The record with its camera fields added (a copy; the record itself is untouched). */
  record: unknown;
  /** One line per image whose camera is incomplete, saying what is missing. */
  notes: string[];
}

/** Enough parsed files kept for a scene's worth of frames; beyond it the cache starts again. */
const CACHE_LIMIT = 50_000;

export class CameraFiles {
  private readonly blobs = new Map<string, Blob>();
  private readonly cache = new Map<string, Promise<Read>>();

  constructor(
    files: readonly { path: string; blob: Blob }[],
    /** Called once per refused file, with the reason. */
    private readonly refused: (file: string, message: string) => void,
  ) {
    for (const f of files) this.blobs.set(f.path, f.blob);
  }

  get size(): number {
    return this.blobs.size;
  }

  private read(path: string, kind: 'intrinsic' | 'pose'): Promise<Read> {
    const hit = this.cache.get(path);
    if (hit) return hit;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const blob = this.blobs.get(path)!;
    const p = (async (): Promise<Read> => {
      const big = oversizedMatrixFile(path, blob.size);
      if (big) {
        this.refused(path, big);
        return { error: big };
      }
      try {
        const text = await blob.text();
        return { value: kind === 'pose' ? parsePoseText(text, path) : parseIntrinsicsText(text, path) };
      } catch (e) {
        const message = e instanceof MatrixTextError ? e.message : `${path} could not be read (${(e as Error).message})`;
        this.refused(path, message);
        return { error: message };
      }
    })();
    this.cache.set(path, p);
    return p;
  }

  /**
   * The record with the cameras of its images (where they were stored: `imagePaths`) attached.
   * A record that already carries camera fields keeps its own.
   */
  async attach(record: unknown, imagePaths: readonly (string | null)[]): Promise<CameraAttachment> {
    const rec = record as Record<string, unknown>;
    if (!imagePaths.length || 'intrinsic_color' in rec || 'intrinsic' in rec || 'pose' in rec) return { record, notes: [] };
    const has = (p: string) => this.blobs.has(p);
    const K: (number[] | null)[] = [];
    const Kd: (number[] | null)[] = [];
    const pose: (number[] | null)[] = [];
    const notes: string[] = [];
    for (const [k, at] of imagePaths.entries()) {
      if (!at) {
        K.push(null), Kd.push(null), pose.push(null);
        continue;
      }
      const files = cameraFilesFor(at, has);
      const missing = [...files.missing];
      const get = async (path: string | undefined, kind: 'intrinsic' | 'pose', what: string): Promise<number[] | null> => {
        if (!path) return null;
        const r = await this.read(path, kind);
        if ('error' in r) missing.push(`no ${what}: ${path} was refused`);
        else if (r.value === null) missing.push(`no pose: ${path} marks the frame as untracked (rows of -inf)`);
        return 'value' in r ? r.value : null;
      };
      K.push(await get(files.intrinsic, 'intrinsic', 'intrinsics'));
      Kd.push(await get(files.intrinsicDepth, 'intrinsic', 'depth intrinsics'));
      pose.push(await get(files.pose, 'pose', 'pose'));
      if (missing.length) notes.push(`image ${k + 1} (${at}): ${missing.join('; ')}`);
    }
    const out: Record<string, unknown> = { ...rec };
    if (K.some(Boolean)) out.intrinsic_color = K;
    if (Kd.some(Boolean)) out.intrinsic_depth = Kd;
    if (pose.some(Boolean)) out.pose = pose;
    return { record: out, notes };
  }
}
