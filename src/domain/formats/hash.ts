import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Hex SHA-256 with WebCrypto (present in pages, workers and Node alike). */
export async function sha256Hex(bytes: Uint8Array | ArrayBuffer): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Above this, a file is hashed piece by piece (WebCrypto digests whole buffers only). */
const WHOLE_HASH_BYTES = 64e6;

/** Hex SHA-256 of a Blob: in one digest when small, streamed when large. */
export async function sha256Blob(blob: Blob): Promise<string> {
  if (blob.size <= WHOLE_HASH_BYTES) return sha256Hex(new Uint8Array(await blob.arrayBuffer()));
  const h = sha256.create();
  const reader = (blob.stream() as ReadableStream<Uint8Array>).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) h.update(r.value);
  return bytesToHex(h.digest());
}
