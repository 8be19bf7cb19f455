// A new project's name: what the person typed, trimmed, or "Untitled project"; and never the name of
// a project already there (compared without case and surrounding spaces), since the project menu
// tells projects apart only by name — the second becomes "Untitled project 2", and so on.

export const UNTITLED = 'Untitled project';

/** Collapses runs of white space and trims; control characters become spaces. */
const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
const key = (s: string) => clean(s).toLocaleLowerCase('en-US');

export function uniqueProjectName(wanted: string, existing: Iterable<string>): string {
  const base = clean(wanted).slice(0, 120) || UNTITLED;
  const taken = new Set<string>();
  for (const n of existing) taken.add(key(n));
  if (!taken.has(key(base))) return base;
  // "Survey 2" asked again: count on from its own number rather than making "Survey 2 2"
  const m = /^(.*\S)\s+(\d{1,6})$/.exec(base);
  const stem = m ? m[1] : base;
  for (let i = m ? Number(m[2]) + 1 : 2; ; i++) {
    const name = `${stem} ${i}`;
    if (!taken.has(key(name))) return name;
  }
}
