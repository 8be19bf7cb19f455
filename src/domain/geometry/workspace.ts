/**
 * Reusable scratch memory for per-pixel work. A fresh megapixel-sized typed array costs more in
 * page faults than the arithmetic done on it, so buffers are kept between calls and handed out
 * again by name. A buffer that was transferred to another thread (detached) is replaced.
 *
 * Arrays obtained from a workspace are valid until the next request for the same name.
 */
export class Workspace {
  private buffers = new Map<string, ArrayBuffer>();

  private buffer(name: string, bytes: number): ArrayBuffer {
    let buf = this.buffers.get(name);
    if (!buf || buf.byteLength < bytes) {
      buf = new ArrayBuffer(Math.ceil(bytes * 1.1) + 64);
      this.buffers.set(name, buf);
    }
    return buf;
  }

  f32(name: string, length: number, fill?: number): Float32Array {
    const a = new Float32Array(this.buffer(name, length * 4), 0, length);
    if (fill !== undefined) a.fill(fill);
    return a;
  }

  u8(name: string, length: number, fill?: number): Uint8Array {
    const a = new Uint8Array(this.buffer(name, length), 0, length);
    if (fill !== undefined) a.fill(fill);
    return a;
  }

  u32(name: string, length: number): Uint32Array {
    return new Uint32Array(this.buffer(name, length * 4), 0, length);
  }
}

/** A workspace that never reuses: every request is a fresh, zeroed array. */
export const freshMemory = {
  f32: (_: string, length: number, fill?: number) => (fill ? new Float32Array(length).fill(fill) : new Float32Array(length)),
  u8: (_: string, length: number, fill?: number) => (fill ? new Uint8Array(length).fill(fill) : new Uint8Array(length)),
  u32: (_: string, length: number) => new Uint32Array(length),
};

export type Memory = Pick<Workspace, 'f32' | 'u8' | 'u32'>;
