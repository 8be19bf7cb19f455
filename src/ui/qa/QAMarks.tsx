import type { Mark } from '../../domain/qa/types';
import { drawnBox } from '../../domain/review/import/markChecks';

/** SPAR's mark colours (CSS names, as its drawing uses). */
const COLOURS: Record<string, string> = { red: '#ff0000', blue: '#0000ff', green: '#008000', yellow: '#ffff00' };

/** The selected question's marks on the photo: points at projected centres, highlighted boxes. */
export function QAMarks({ marks, width, height, image = 0 }: { marks: Mark[]; width: number; height: number; image?: number }) {
  const r = Math.max(4, Math.min(width, height) / 48);
  return (
    <svg className="qa-marks" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" data-testid="qa-marks">
      {marks
        .filter((m) => (m.image ?? 0) === image)
        .map((m, i) =>
          m.kind === 'point' && m.uv ? (
            // OpenCV pixel centres sit half a pixel in from the continuous coordinates the SVG uses
            <circle key={i} cx={m.uv[0] + 0.5} cy={m.uv[1] + 0.5} r={r} fill={COLOURS[m.color]} className="qa-point" data-color={m.color} />
          ) : m.box ? (
            <rect key={i} {...drawnBox(m.box)} stroke={COLOURS[m.color]} className="qa-box" data-color={m.color} />
          ) : null,
        )}
    </svg>
  );
}
