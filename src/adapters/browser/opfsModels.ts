// Downloaded model files live in the origin-private file system (OPFS), folder "models": a partial
// download as "<key>.part" (kept across reloads so it can resume), a verified file as "<sha256>.onnx".
// Readable from the page and from workers.
const DIR = 'models';

export const opfsAvailable = (): boolean => typeof navigator !== 'undefined' && !!navigator.storage?.getDirectory;

export async function modelsDir(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIR, { create: true });
}

export async function readModelFile(name: string): Promise<Uint8Array | null> {
  try {
    const h = await (await modelsDir()).getFileHandle(name);
    return new Uint8Array(await (await h.getFile()).arrayBuffer());
  } catch {
    return null;
  }
}

export async function removeModelFile(name: string): Promise<void> {
  try {
    await (await modelsDir()).removeEntry(name);
  } catch {
    // already gone
  }
}

/** Bytes of each partial download, by key. */
export async function partialSizes(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!opfsAvailable()) return out;
  const dir = await modelsDir();
  for await (const [name, h] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
    if (h.kind === 'file' && name.endsWith('.part')) out.set(name.slice(0, -5), (await (h as FileSystemFileHandle).getFile()).size);
  }
  return out;
}
