import { useEffect, useState } from 'react';

/**
 * The photo that waits for a depth model, shown in the photo panel in place of the scene's photo:
 * the message and the panel speak of the same photo. It has no depth yet, so nothing to hover or measure.
 */
export function PendingPhoto({ file, previous }: { file: File; previous: string | null }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(file);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  return (
    <div className="image-block" data-testid="pending-photo">
      <div className="image-panel pending">{url && <img src={url} alt={file.name} draggable={false} style={{ position: 'static', height: 'auto' }} />}</div>
      <div className="readout">
        {file.name}: waiting for a depth model, no 3D yet{previous ? ` (the scene on screen is still ${previous})` : ''}
      </div>
    </div>
  );
}
