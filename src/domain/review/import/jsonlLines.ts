// Streaming readers for line- and value-oriented JSON files: a chunk at a time, never the whole
// file as one string, UTF-8 decoded across chunk boundaries. Plain TypeScript (streams and
// TextDecoder exist in pages, workers and Node alike). A line (or value) longer than the limit is
// passed over without being held, and handed out as such, so that a file of one endless line
// cannot exhaust memory.
import { MAX_LINE_CHARS } from './limits';

export interface TextLine {
  /** 1-based line number in the file (blank lines count, so numbers match an editor's). */
  line: number;
  /** The line without its `\n` / `\r\n`. */
  text: string;
  /** Bytes read from the input so far (for progress; up to the end of the current chunk). */
  bytesRead: number;
  /** Set (to the line's length in characters) when the line was longer than the limit: `text` is then empty. */
  tooLong?: number;
}

export interface LineOptions {
  /** Longest line (or JSON value) kept, in characters; a longer one is passed over and reported. Default MAX_LINE_CHARS. */
  maxChars?: number;
}

export type ByteSource = ReadableStream<Uint8Array> | Blob;

const toStream = (input: ByteSource): ReadableStream<Uint8Array> =>
  typeof (input as Blob).stream === 'function' && typeof (input as Blob).size === 'number'
    ? ((input as Blob).stream() as ReadableStream<Uint8Array>)
    : (input as ReadableStream<Uint8Array>);

const MAX_DECODE = 1 << 20;

/** Chunks of a stream as text (the UTF-8 decoder keeps a character split across chunks), with bytes read so far. */
async function* textChunks(input: ByteSource): AsyncGenerator<{ text: string; bytesRead: number }> {
  const reader = toStream(input).getReader();
  // Default TextDecoder drops a leading BOM and replaces invalid bytes with U+FFFD
  const decoder = new TextDecoder('utf-8');
  let bytesRead = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // A source may hand out one huge chunk (Node gives a Blob part whole): decode ≤ 1 MiB at a time
      for (let at = 0; at < value.byteLength; at += MAX_DECODE) {
        const part = at === 0 && value.byteLength <= MAX_DECODE ? value : value.subarray(at, at + MAX_DECODE);
        bytesRead += part.byteLength;
        const text = decoder.decode(part, { stream: true });
        if (text) yield { text, bytesRead };
      }
    }
    const rest = decoder.decode();
    if (rest) yield { text: rest, bytesRead };
  } finally {
    // A caller that stops early (break) cancels the read instead of leaving the stream locked
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * The non-blank lines of a UTF-8 text stream (or Blob), a chunk's worth at a time (one await per
 * chunk rather than per line: what a fast reader wants). A line split over many chunks is kept
 * as a list of pieces and joined once, so a long line costs linear time. `\r\n` endings lose
 * their `\r`; line numbers count blank lines too, so they match an editor's.
 */
export async function* jsonlLineChunks(input: ByteSource, opts: LineOptions = {}): AsyncGenerator<TextLine[]> {
  const max = opts.maxChars ?? MAX_LINE_CHARS;
  let pending: string[] = [];
  let pendingLen = 0;
  // A line past the limit is not held: its length is counted until its end
  let skipped = -1;
  let line = 0;
  let bytesRead = 0;
  let out: TextLine[] = [];
  const emit = (text: string) => {
    line++;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() !== '') out.push({ line, text, bytesRead });
  };
  const emitLong = () => {
    line++;
    out.push({ line, text: '', bytesRead, tooLong: skipped });
    skipped = -1;
  };
  const hold = (piece: string) => {
    if (skipped >= 0) skipped += piece.length;
    else if (pendingLen + piece.length > max) {
      skipped = pendingLen + piece.length;
      pending = [];
      pendingLen = 0;
    } else {
      pending.push(piece);
      pendingLen += piece.length;
    }
  };
  for await (const chunk of textChunks(input)) {
    bytesRead = chunk.bytesRead;
    const t = chunk.text;
    let start = 0;
    for (let nl = t.indexOf('\n'); nl !== -1; nl = t.indexOf('\n', start)) {
      let text = t.slice(start, nl);
      start = nl + 1;
      if (pending.length || skipped >= 0 || text.length > max) {
        hold(text);
        if (skipped >= 0) {
          emitLong();
          continue;
        }
        text = pending.join('');
        pending = [];
        pendingLen = 0;
      }
      emit(text);
    }
    if (start < t.length) hold(start === 0 ? t : t.slice(start));
    if (out.length) {
      yield out;
      out = [];
    }
  }
  if (skipped >= 0) emitLong();
  else if (pending.length) emit(pending.join(''));
  if (out.length) yield out;
}

/** Every non-blank line of a UTF-8 text stream (or Blob), one at a time, with its 1-based line number. */
export async function* jsonlLines(input: ByteSource, opts: LineOptions = {}): AsyncGenerator<TextLine> {
  for await (const lines of jsonlLineChunks(input, opts)) yield* lines;
}

export interface JsonValueText {
  /** Line on which the value starts (1-based). */
  line: number;
  /** The value's source text, to be given to JSON.parse. */
  text: string;
  bytesRead: number;
  /** Set (to the value's length in characters) when the value was longer than the limit: `text` is then empty. */
  tooLong?: number;
}

/**
 * The top-level values of a `.json` file, streamed: the elements of a top-level array, or the
 * values of a file of concatenated (pretty-printed or one-a-line) objects. Only splits; each
 * value's text still goes through JSON.parse, which reports what is wrong with it. A string left
 * open at the end comes out as one last value (which then fails to parse), not silently lost.
 */
export async function* jsonValues(input: ByteSource, opts: LineOptions = {}): AsyncGenerator<JsonValueText> {
  for await (const values of jsonValueChunks(input, opts)) yield* values;
}

/** jsonValues, a chunk's worth of values at a time. */
export async function* jsonValueChunks(input: ByteSource, opts: LineOptions = {}): AsyncGenerator<JsonValueText[]> {
  const max = opts.maxChars ?? MAX_LINE_CHARS;
  let line = 1;
  let depth = 0; // nesting depth, counting the top-level array when the file is one
  let inString = false;
  let escaped = false;
  let topArray: boolean | undefined;
  let base = 0; // depth at which values sit: 1 inside a top-level array, else 0
  let pieces: string[] = [];
  let piecesLen = 0;
  // A value past the limit is not held: its length is counted until its end
  let skipped = -1;
  let valueLine = 0;
  let bytesRead = 0;
  let collecting = false;
  const out: JsonValueText[] = [];
  const add = (piece: string) => {
    if (skipped >= 0) skipped += piece.length;
    else if (piecesLen + piece.length > max) {
      skipped = piecesLen + piece.length;
      pieces = [];
      piecesLen = 0;
    } else {
      pieces.push(piece);
      piecesLen += piece.length;
    }
  };
  const finish = () => {
    collecting = false;
    if (skipped >= 0) {
      out.push({ line: valueLine, text: '', bytesRead, tooLong: skipped });
      skipped = -1;
      return;
    }
    const text = pieces.join('').trim();
    pieces = [];
    piecesLen = 0;
    if (text) out.push({ line: valueLine, text, bytesRead });
  };
  for await (const chunk of textChunks(input)) {
    bytesRead = chunk.bytesRead;
    const t = chunk.text;
    let segStart = collecting ? 0 : -1; // start in t of the value part being collected
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true; // backslash
        else if (c === 34) inString = false; // quote
        continue;
      }
      const ws = c === 32 || c === 10 || c === 13 || c === 9;
      if (topArray === undefined) {
        if (ws) continue;
        topArray = c === 91; // [
        base = topArray ? 1 : 0;
        if (topArray) {
          depth = 1;
          continue;
        }
      }
      if (!collecting) {
        // Between values: skip whitespace and, in an array, commas; `]` closes the top-level array
        if (ws || (depth === base && topArray && c === 44)) continue;
        if (topArray && depth === base && c === 93) {
          depth = 0;
          continue;
        }
        collecting = true;
        valueLine = line;
        segStart = i;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (topArray && depth === base && c === 93) {
          // The array closes right after a scalar element
          add(t.slice(segStart, i));
          finish();
          depth = 0;
          continue;
        }
        depth--;
        if (depth === base) {
          add(t.slice(segStart, i + 1));
          finish();
        }
      } else if (depth === base && (c === 44 || ws)) {
        // End of a scalar value (a number, true, null…) at the top level
        add(t.slice(segStart, i));
        finish();
      }
    }
    if (collecting) add(segStart === 0 ? t : t.slice(segStart));
    if (out.length) yield out.splice(0);
  }
  if (collecting) finish();
  if (out.length) yield out.splice(0);
}
