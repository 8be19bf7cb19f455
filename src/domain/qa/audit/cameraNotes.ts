// Why an imported item's image has no camera, told where the measurement stops for want of one:
// the import noted which camera files it looked for and did not find (SPAR-7M's folder layout).
import type { ItemSource } from '../../review/types';
import type { QAItem } from '../types';
import type { PixelAudit } from './measureItem';

/** The audit with each "not measured" finding followed by what the import could not find for that image. */
export function withCameraNotes(audit: PixelAudit, item: QAItem): PixelAudit {
  const notes = (item.spatial_lens.source as ItemSource | undefined)?.cameraNotes;
  if (!notes?.length) return audit;
  const findings = audit.findings.map((f) => {
    if (f.code !== 'not-measured') return f;
    // the images the message names (a mark's own, and image 1 whose camera relates the others)
    const images = [...f.message.matchAll(/\bimage (\d+)\b/g)].map((m) => `image ${m[1]} `);
    const about = notes.filter((n) => !images.length || images.some((i) => n.startsWith(i)));
    return about.length ? { ...f, message: `${f.message} (${about.join('; ')})` } : f;
  });
  return { ...audit, findings };
}
