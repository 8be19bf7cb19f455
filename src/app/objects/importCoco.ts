// A COCO instances file read for the given photos (their names and stored sizes): annotations by
// photo, and every problem found, named.
import { UserError } from '../../domain/errors';
import { parseCocoAnnotations } from '../../domain/objects/coco';
import type { Annotation2D, ImportProblem } from '../../domain/objects/types';
import { jsonProblem } from '../../domain/formats/jsonError';

export interface CocoImported {
  byImage: [string, Annotation2D[]][];
  problems: ImportProblem[];
  total: number;
}

export function importCocoFile(name: string, bytes: ArrayBuffer | Uint8Array, images: { name: string; width: number; height: number }[], onProgress?: (fraction: number) => void): CocoImported {
  let json: unknown;
  const text = new TextDecoder().decode(bytes);
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${name} is not valid JSON: ${jsonProblem(text, e)}.`, 'coco-json');
  }
  const r = parseCocoAnnotations(json, images, onProgress ? (done, total) => onProgress(done / Math.max(1, total)) : undefined);
  return { byImage: [...r.byImage], problems: r.problems, total: r.total };
}
