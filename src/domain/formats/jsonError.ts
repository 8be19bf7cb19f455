// Why a text is not JSON, in words a person can act on: the parser's own messages ("Unexpected
// token 'h', \"this is…\" is not valid JSON") name neither where nor, often, what.

const snippet = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 24 ? `${one.slice(0, 24)}…` : one;
};

/** What is wrong with `text`, given the error JSON.parse threw on it: "it ends before its JSON does (cut short?)", "unexpected “}” at line 3, column 7"… */
export function jsonProblem(text: string, e: unknown): string {
  const msg = String((e as Error)?.message ?? e);
  const trimmed = text.trimStart();
  if (!trimmed) return 'it is empty';
  if (/Unexpected end of JSON input/i.test(msg)) return 'it ends before its JSON does (cut short?)';
  if (!/^[{["\-0-9tfn]/.test(trimmed)) return `it starts with “${snippet(trimmed)}”, which is not JSON`;
  const at = /at position (\d+)/.exec(msg);
  if (!at) return `it is not JSON (it starts with “${snippet(trimmed)}”)`;
  const pos = Number(at[1]);
  if (pos >= text.length) return 'it ends before its JSON does (cut short?)';
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `${/Unterminated string/i.test(msg) ? 'a string that never closes' : `unexpected “${text[pos]}”`} at line ${line}, column ${column}`;
}
