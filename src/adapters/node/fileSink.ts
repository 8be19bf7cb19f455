// A file on disk as the download's byte sink (the CLI's model cache).
import { type FileHandle, open } from 'node:fs/promises';
import type { ByteSink } from '../download/fetchVerified';

export async function openFileSink(file: string): Promise<ByteSink & { close(): Promise<void> }> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r+');
  } catch {
    fh = await open(file, 'w+');
  }
  return {
    size: async () => (await fh.stat()).size,
    read: async (offset, length) => {
      const buf = new Uint8Array(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    },
    write: async (bytes, at) => void (await fh.write(bytes, 0, bytes.length, at)),
    truncate: (n) => fh.truncate(n),
    flush: () => fh.datasync(),
    close: () => fh.close(),
  };
}
