import { useState } from 'react';
import { own } from '../../domain/dict';
import { useReview } from '../../store';
import { QAMarks } from '../qa/QAMarks';
import { MarkHandles } from './MarkHandles';

/** The item's images with its marks drawn as the question names them; missing images are said. */
export function ReviewImages() {
  const cur = useReview((r) => r.current);
  const [natural, setNatural] = useState<Record<string, [number, number]>>({});
  if (!cur) return <div className="image-panel empty">No item</div>;
  const marks = cur.stored.item.spatial_lens.marks ?? [];
  return (
    <div className="review-images" data-testid="review-images">
      {cur.images.map((img, i) => {
        const size = img.width && img.height ? [img.width, img.height] : own(natural, img.path);
        return (
          <figure key={`${cur.row.id}/${i}`} className="review-image">
            {img.url ? (
              <div className="image-panel" style={size ? { aspectRatio: `${size[0]} / ${size[1]}` } : undefined}>
                <img
                  src={img.url}
                  alt={img.path}
                  draggable={false}
                  onLoad={(e) => !size && setNatural({ ...natural, [img.path]: [e.currentTarget.naturalWidth, e.currentTarget.naturalHeight] })}
                />
                {size && <QAMarks marks={marks} width={size[0]} height={size[1]} image={i} />}
                {size && <MarkHandles image={i} width={size[0]} height={size[1]} />}
              </div>
            ) : (
              <div className="image-missing" data-testid="image-missing">
                Image missing: <code>{img.path}</code>. Drop it (or its folder) to attach it.
              </div>
            )}
            {cur.images.length > 1 && <figcaption className="muted small">image {i + 1}: {img.path}</figcaption>}
          </figure>
        );
      })}
    </div>
  );
}
