import { orientedSize, readExif } from '../formats/exif';
import { sniffImage } from '../formats/imageInfo';
import { parseIntrinsicsJson } from '../formats/intrinsicsJson';

/**
 * What can be said about the inputs without decoding pixels: the photo's format, completeness and
 * size (after EXIF orientation), and whether its intrinsics file makes sense for that size. Run
 * before asking the user for a depth model, so that a bad file is named first.
 */
export async function precheckInputs(image: Uint8Array, name: string, intrinsics?: { text: string; name: string }): Promise<{ width: number; height: number }> {
  const info = sniffImage(image, name);
  const exif = await readExif(image);
  const size = orientedSize(info, exif?.orientation);
  if (intrinsics) parseIntrinsicsJson(intrinsics.text, size.width, size.height, name, intrinsics.name);
  return size;
}
