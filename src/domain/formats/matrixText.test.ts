import { describe, expect, it } from 'vitest';
import { MAX_MATRIX_FILE_BYTES, MatrixTextError, notRigid, oversizedMatrixFile, parseIntrinsicsText, parseMatrixText, parsePoseText } from './matrixText';

// ScanNet scene0000_00's exported colour intrinsics (as SensorData.py writes them) and a pose
const SCANNET_K = '1169.621094 0.000000 646.295044 0.000000\n0.000000 1167.105103 489.927032 0.000000\n0.000000 0.000000 1.000000 0.000000\n0.000000 0.000000 0.000000 1.000000\n';
// a rotation of 30° about z, translation (1, 2, 3)
const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
const POSE = `${c} ${-s} 0 1\n${s} ${c} 0 2\n0 0 1 3\n0 0 0 1`;

describe('camera matrix text files', () => {
  it('reads a ScanNet 4×4 intrinsic file', () => {
    const m = parseIntrinsicsText(SCANNET_K, 'intrinsic_color.txt');
    expect(m).toHaveLength(16);
    expect([m[0], m[5], m[2], m[6]]).toEqual([1169.621094, 1167.105103, 646.295044, 489.927032]);
  });

  it('reads a 3×3 K (Structured3D) as the 4×4 items keep, with commas, tabs, CRLF and blank lines around', () => {
    const m = parseIntrinsicsText('\r\n  640.0,\t0, 639.5\r\n0 640.0 359.5\r\n0 0 1\r\n\r\n\r\n', 'k.txt');
    expect(m).toEqual([640, 0, 639.5, 0, 0, 640, 359.5, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('reads scientific notation (Redwood writes 3.08668e-005)', () => {
    expect(parseMatrixText('1 3.08668e-005 0\n0 1 0\n0 0 1', 'a.txt').values[1]).toBeCloseTo(3.08668e-5, 12);
  });

  it('reads a rigid pose row-major, translation in the last column', () => {
    const m = parsePoseText(POSE, 'pose/5.txt')!;
    expect(m[3]).toBe(1);
    expect(m[7]).toBe(2);
    expect(m[11]).toBe(3);
    expect(m[1]).toBeCloseTo(-0.5, 12);
  });

  it('a ScanNet pose of -inf rows is "no pose", not an error', () => {
    const inf = '-inf -inf -inf -inf\n-inf -inf -inf -inf\n-inf -inf -inf -inf\n-inf -inf -inf -inf\n';
    expect(parsePoseText(inf, 'pose/12.txt')).toBeNull();
  });

  it.each([
    ['NaN inside', '1 0 0 0\n0 nan 0 0\n0 0 1 0\n0 0 0 1', /k\.txt line 2: "nan" is not a finite number/],
    ['inf inside an intrinsic', '500 0 inf\n0 500 240\n0 0 1', /k\.txt line 1: "inf" is not a finite number/],
    ['a word', '500 0 320\n0 five 240\n0 0 1', /k\.txt line 2: "five" is not a number/],
    ['too few numbers on a line', '500 0 320\n0 500\n0 0 1', /k\.txt line 2: 2 numbers where a 3×3 matrix has 3/],
    ['five lines', '1 0 0 0\n0 1 0 0\n0 0 1 0\n0 0 0 1\n0 0 0 1', /k\.txt: 5 non-blank lines/],
    ['an empty file', '\n\n', /k\.txt: 0 non-blank lines/],
    ['a negative focal length', '-500 0 320\n0 500 240\n0 0 1', /focal lengths -500 and 500/],
    ['a projection row', '500 0 320\n0 500 240\n0 0 2', /not an intrinsic matrix/],
  ])('refuses an intrinsic file with %s, naming the file and line', (_, text, msg) => {
    expect(() => parseIntrinsicsText(text, 'k.txt')).toThrow(MatrixTextError);
    expect(() => parseIntrinsicsText(text, 'k.txt')).toThrow(msg);
  });

  it.each([
    ['scaled', '2 0 0 1\n0 2 0 2\n0 0 2 3\n0 0 0 1', /not orthonormal/],
    ['sheared', '1 0.2 0 1\n0 1 0 2\n0 0 1 3\n0 0 0 1', /not orthonormal/],
    ['a reflection', '-1 0 0 1\n0 1 0 2\n0 0 1 3\n0 0 0 1', /reflection/],
    ['a projective last row', '1 0 0 1\n0 1 0 2\n0 0 1 3\n0 0 1 1', /last row is 0 0 1 1/],
    ['a stray inf', '1 0 0 inf\n0 1 0 2\n0 0 1 3\n0 0 0 1', /pose\/3\.txt line 1: "Infinity" is not a finite number/],
    ['3×3', '1 0 0\n0 1 0\n0 0 1', /a pose is a 4×4 matrix/],
  ])('refuses a pose that is %s', (_, text, msg) => {
    expect(() => parsePoseText(text, 'pose/3.txt')).toThrow(msg);
  });

  it('a stray value reports the line it is on, past blank lines', () => {
    expect(() => parsePoseText('\n\n1 0 0 0\n0 1 0 0\n\n0 0 1 nan\n0 0 0 1', 'p.txt')).toThrow(/p\.txt line 6/);
  });

  it('accepts the rounding of six-digit text', () => {
    // Redwood's frame-4 pose as written in its log
    const m = [0.999901, -0.000141949, 0.0141312, 1.99922, -0.000364297, 0.999359, 0.0358157, 1.92981, -0.0141273, -0.0358172, 0.999259, -0.303173, 0, 0, 0, 1];
    expect(notRigid(m)).toBeNull();
  });

  it('refuses files too big to be a matrix before reading them', () => {
    expect(oversizedMatrixFile('pose/1.txt', 200)).toBeNull();
    expect(oversizedMatrixFile('pose/1.txt', MAX_MATRIX_FILE_BYTES + 1)).toMatch(/pose\/1\.txt is 4,097 bytes; .* not read/);
  });
});
