/** A model file to fetch, and what it must be to be used: its size (when known) and SHA-256. */
export interface FetchVerifiedRequest {
  url: string;
  sha256: string;
  /** Exact size, when the catalogue knows it. */
  bytes: number | null;
  /** For messages: "Depth Anything V2 Small (int8)". */
  label: string;
}
