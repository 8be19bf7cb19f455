// The export's parquet file: each item's SPAR-Bench record with its images embedded, as the
// export zip's ItemFileWriter (exportBundle.ts adds the finished file to the zip).
import type { QAItem } from '../../qa/types';
import type { ExportEntry, ItemFileWriter } from '../exportBundle';
import type { ItemSource } from '../types';
import { type ParquetImage, SparBenchParquetWriter } from './sparBenchParquet';
import { depthColumn } from './depthGrid';

const bytesOf = async (b: Blob | Uint8Array): Promise<Uint8Array> => (b instanceof Uint8Array ? b : new Uint8Array(await b.arrayBuffer()));

/**
 * SPAR-Bench's columns for an item that did not come from SPAR-Bench: the view kind from its
 * image count and the format as `format_type`, as SPAR-Bench's evaluation reads them.
 */
export function sparBenchRow(record: Record<string, unknown>, item: QAItem): Record<string, unknown> {
  const row = { ...record };
  if (!('img_type' in row)) row.img_type = item.image.length > 1 ? 'multi_view' : 'single_view';
  if (!('format_type' in row)) row.format_type = item.spatial_lens.format;
  return row;
}

/**
 * Writes the records as one parquet file. `withImages`: the images' bytes go inside (else each
 * struct keeps its path only). An image struct's `path` is the one the row was imported with
 * (null where it had none), else the image's name.
 */
export function parquetItemFile(withImages: boolean, rowGroupSize?: number): ItemFileWriter {
  const w = new SparBenchParquetWriter(rowGroupSize);
  return {
    embedsImages: true,
    async add(record: Record<string, unknown>, entry: ExportEntry) {
      const { item } = entry;
      const structPaths = (item.spatial_lens.source as ItemSource | undefined)?.imagePaths;
      const images: ParquetImage[] = [];
      for (let k = 0; k < item.image.length; k++) {
        const found = withImages ? entry.images.find((im) => im.path === item.image[k]) : undefined;
        const path = structPaths && k < structPaths.length ? structPaths[k] : item.image[k];
        images.push({ bytes: found ? await bytesOf(found.blob) : null, path });
      }
      // without images the depth maps stay out too, and the records keep naming them
      const row = sparBenchRow(record, item);
      w.add({ record: withImages ? await depthColumn(row, entry.depth ?? [], bytesOf) : row, images });
    },
    finish: () => w.finish(),
  };
}
