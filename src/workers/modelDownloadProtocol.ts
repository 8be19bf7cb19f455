// Messages between the page and the model download worker.
import type { FetchVerifiedRequest } from '../adapters/download/fetchVerified';

export type DownloadRequest =
  | { type: 'download'; key: string; file: string; req: FetchVerifiedRequest }
  | { type: 'cancel' }
  | { type: 'partial'; key: string };

export type DownloadReply =
  | { type: 'progress'; received: number; total: number | null; resumedFrom: number }
  | { type: 'done'; file: string; bytes: number; resumedFrom: number }
  | { type: 'partial'; key: string; bytes: number }
  | { type: 'error'; message: string; code?: string; cancelled?: boolean };
