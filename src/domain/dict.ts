// Records keyed by data (task names, categories, ids, reviewers, file names) where a plain JSON
// shape is needed (manifests, reports, QA item evidence): objects without a prototype, so that a
// key such as `__proto__`, `constructor` or `toString` is an ordinary key. In a `{}` literal,
// `o['__proto__'] = x` replaces the prototype instead of storing x, and `o['constructor']` reads
// Object itself. Everything else keyed by data is a Map.

/** An empty record with no prototype. JSON.stringify writes it as any object. */
export const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/**
 * A lookup table of fixed entries read with keys that come from data: a frozen copy without a
 * prototype, so that a missing key reads undefined, whatever its name.
 */
export const table = <T>(entries: { readonly [key: string]: T }): Readonly<Record<string, T | undefined>> =>
  Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));

/**
 * Stores `value` under `key` as an own property of `target`, whatever the key (a plain assignment
 * with `__proto__` would change the target's prototype). Used when a record read from a file is
 * copied field by field.
 */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** `record[key]` when the record holds that key itself, else undefined (never an inherited property). */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);
