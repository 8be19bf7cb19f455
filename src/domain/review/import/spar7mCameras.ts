// Where SPAR-7M-RGBD keeps the camera of an image. Records name no camera; the files sit beside the
// images by folder convention (ScanNet's export layout, which SPAR's preparation scripts copy):
//   <scene>/image_color/<n>.jpg        the photo (<n>: ScanNet's frame index)
//   <scene>/intrinsic/intrinsic_color.txt, intrinsic_depth.txt    per scene, 4×4
//   <scene>/intrinsic/<stem>.txt       per image, 3×3 (Structured3D), where present
//   <scene>/pose/<n>.txt               per frame, 4×4 camera-to-world
//   <scene>/video_color/frame<i>_<n>.jpg, video_pose/frame<i>_<n>.txt   video frames: a video frame is
//                                      colour frame <n>, so pose/<n>.txt serves when video_pose has none
// Pure: the caller says which paths exist.

/** Folders whose .txt files are camera files of this layout (read, not reported as unknown files). */
const CAMERA_DIRS = new Set(['intrinsic', 'pose', 'video_pose']);

/** Whether a dropped path is a camera file of the SPAR-7M layout. */
export function isCameraTextPath(path: string): boolean {
  const parts = path.split('/');
  return parts.length >= 2 && /\.txt$/i.test(parts[parts.length - 1]) && CAMERA_DIRS.has(parts[parts.length - 2]);
}

/** Files of the layout that are known and not needed (the video frame list). */
export const isLayoutSideFile = (path: string): boolean => /(^|\/)video_idx\.txt$/i.test(path);

export interface CameraFiles {
  /** Colour intrinsics: per image (Structured3D) or per scene. */
  intrinsic?: string;
  /** Depth intrinsics, per scene, where present. */
  intrinsicDepth?: string;
  pose?: string;
  /** What was looked for and not found, in words ("no pose: scene/pose/5.txt is not in the drop"). */
  missing: string[];
}

const stemOf = (name: string) => (name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name);

/**
 * The camera files of the image stored at `imagePath`, among the paths `has` knows. The scene is
 * the folder above the image's folder (`image_color`, `video_color`, or any other).
 */
export function cameraFilesFor(imagePath: string, has: (path: string) => boolean): CameraFiles {
  const parts = imagePath.split('/');
  const name = parts[parts.length - 1];
  const folder = parts.length >= 2 ? parts[parts.length - 2] : '';
  const scene = parts.slice(0, -2).join('/');
  const at = (...p: string[]) => [scene, ...p].filter(Boolean).join('/');
  const stem = stemOf(name);
  const out: CameraFiles = { missing: [] };

  const perImage = at('intrinsic', `${stem}.txt`);
  const perScene = at('intrinsic', 'intrinsic_color.txt');
  if (has(perImage)) out.intrinsic = perImage;
  else if (has(perScene)) out.intrinsic = perScene;
  else out.missing.push(`no intrinsics: neither ${perScene} nor ${perImage} is in the drop`);
  const depthK = at('intrinsic', 'intrinsic_depth.txt');
  if (has(depthK)) out.intrinsicDepth = depthK;

  const poses: string[] = [];
  if (folder === 'video_color') {
    poses.push(at('video_pose', `${stem}.txt`));
    const frame = /^frame\d+_(\d+)$/.exec(stem);
    if (frame) poses.push(at('pose', `${frame[1]}.txt`));
  } else poses.push(at('pose', `${stem}.txt`));
  out.pose = poses.find(has);
  if (!out.pose) out.missing.push(poses.length > 1 ? `no pose: neither ${poses.join(' nor ')} is in the drop` : `no pose: ${poses[0]} is not in the drop`);
  return out;
}
