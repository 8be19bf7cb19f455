// Camera matrices as text files, the way ScanNet's exporter (and so SPAR-7M-RGBD) writes them: one
// matrix row per line, numbers separated by white space or commas. Intrinsics are 4×4 (ScanNet) or
// 3×3 (Structured3D); poses are 4×4 camera-to-world, metres. Read strictly: a file that is not
// exactly such a matrix is refused with its name and line, never half read.

/** A matrix file is a few hundred bytes; anything bigger is not read at all (a hostile drop could name a huge one). */
export const MAX_MATRIX_FILE_BYTES = 4096;

export class MatrixTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatrixTextError';
  }
}

export interface MatrixText {
  /** 3 or 4. */
  size: number;
  /** Row-major, size² numbers. */
  values: number[];
  /** The 1-based file line of each row. */
  lines: number[];
}

const NON_FINITE = /^[+-]?(inf|infinity|nan)$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The refusal of a file too big to be a matrix, before reading it. */
export function oversizedMatrixFile(file: string, bytes: number): string | null {
  return bytes > MAX_MATRIX_FILE_BYTES ? `${file} is ${bytes.toLocaleString('en-US')} bytes; a camera matrix file is a few hundred, so it was not read` : null;
}

/**
 * A 3×3 or 4×4 matrix from text (CRLF, blank lines before and after, tabs, commas all allowed).
 * `allowNonFinite` lets `inf`/`nan` through as numbers (for a pose marked invalid); otherwise they
 * are refused with the line that holds them.
 */
export function parseMatrixText(text: string, file: string, allowNonFinite = false): MatrixText {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const rows: { line: number; values: number[] }[] = [];
  for (const [i, raw] of lines.entries()) {
    const t = raw.trim();
    if (!t) continue;
    const tokens = t.split(/[\s,;]+/).filter(Boolean);
    const values = tokens.map((tok) => {
      if (NON_FINITE.test(tok)) {
        if (!allowNonFinite) throw new MatrixTextError(`${file} line ${i + 1}: "${tok}" is not a finite number`);
        return tok.toLowerCase().includes('nan') ? NaN : tok.startsWith('-') ? -Infinity : Infinity;
      }
      if (!NUMBER.test(tok)) throw new MatrixTextError(`${file} line ${i + 1}: "${tok.length > 20 ? `${tok.slice(0, 17)}…` : tok}" is not a number`);
      return Number(tok);
    });
    rows.push({ line: i + 1, values });
  }
  if (rows.length !== 3 && rows.length !== 4)
    throw new MatrixTextError(`${file}: ${rows.length} non-blank line${rows.length === 1 ? '' : 's'}; a camera matrix has 3 (3×3) or 4 (4×4)`);
  const size = rows.length;
  for (const r of rows)
    if (r.values.length !== size) throw new MatrixTextError(`${file} line ${r.line}: ${r.values.length} number${r.values.length === 1 ? '' : 's'} where a ${size}×${size} matrix has ${size}`);
  return { size, values: rows.flatMap((r) => r.values), lines: rows.map((r) => r.line) };
}

/** A 3×3 as the row-major 4×4 the items keep ([K 0; 0 1]). */
const as4x4 = (m: MatrixText): number[] =>
  m.size === 4 ? m.values : [m.values[0], m.values[1], m.values[2], 0, m.values[3], m.values[4], m.values[5], 0, m.values[6], m.values[7], m.values[8], 0, 0, 0, 0, 1];

/** An intrinsic matrix (3×3 or 4×4) as a row-major 4×4: fx, fy > 0 and a last row of the pinhole form. */
export function parseIntrinsicsText(text: string, file: string): number[] {
  const m = as4x4(parseMatrixText(text, file));
  const fx = m[0],
    fy = m[5];
  if (!(fx > 0) || !(fy > 0)) throw new MatrixTextError(`${file}: focal lengths ${fx} and ${fy} are not both positive, so this is not an intrinsic matrix`);
  const row2 = [m[8], m[9], m[10]];
  if (Math.abs(row2[0]) > 1e-6 || Math.abs(row2[1]) > 1e-6 || Math.abs(row2[2] - 1) > 1e-6 || Math.abs(m[4]) > 1e-6)
    throw new MatrixTextError(`${file}: not an intrinsic matrix (expected [fx 0 cx; 0 fy cy; 0 0 1], the third row reads ${row2.join(' ')})`);
  return m;
}

/** How far a rotation may be from orthonormal: text files keep about six digits. */
const RIGID_TOLERANCE = 1e-3;

/** Why a row-major 4×4 is not a rigid transform (rotation + translation), or null when it is one. */
export function notRigid(m: readonly number[]): string | null {
  if (Math.abs(m[12]) > 1e-6 || Math.abs(m[13]) > 1e-6 || Math.abs(m[14]) > 1e-6 || Math.abs(m[15] - 1) > 1e-6) return `its last row is ${m.slice(12).join(' ')}, not 0 0 0 1`;
  let worst = 0;
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      const dot = m[i] * m[j] + m[4 + i] * m[4 + j] + m[8 + i] * m[8 + j];
      worst = Math.max(worst, Math.abs(dot - (i === j ? 1 : 0)));
    }
  if (worst > RIGID_TOLERANCE) return `its rotation part is not orthonormal (off by ${worst.toPrecision(2)}): scaled or sheared`;
  const det = m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
  if (det < 0) return 'its rotation part is a reflection (determinant −1)';
  return null;
}

/**
 * A camera pose file: a rigid row-major 4×4, or null when the file marks the frame as having no
 * pose (ScanNet writes rows of `-inf` where tracking failed). Anything else that is not a rigid
 * transform is refused.
 */
export function parsePoseText(text: string, file: string): number[] | null {
  const m = parseMatrixText(text, file, true);
  if (m.size !== 4) throw new MatrixTextError(`${file}: a pose is a 4×4 matrix; this one is 3×3`);
  const bad = m.values.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) {
    // a whole row of infinities is the exporter's "no pose"; a stray one is a damaged file
    const invalidRow = [0, 1, 2, 3].some((r) => m.values.slice(r * 4, r * 4 + 4).every((x) => x === Infinity || x === -Infinity));
    if (invalidRow) return null;
    throw new MatrixTextError(`${file} line ${m.lines[Math.floor(bad / 4)]}: "${m.values[bad]}" is not a finite number`);
  }
  const why = notRigid(m.values);
  if (why) throw new MatrixTextError(`${file}: not a camera pose: ${why}`);
  return m.values;
}
