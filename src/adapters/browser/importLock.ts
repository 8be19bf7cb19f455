// Which imports are alive: an import holds a Web Lock named for its project while it runs, and the
// browser lets it go when the tab closes or dies. An unfinished import in the journal whose lock
// nobody holds was cut off; one whose lock is held is still running in another tab.

const lockName = (project: string) => `spatial-lens-import:${project}`;
const locks = (): LockManager | undefined => (typeof navigator !== 'undefined' ? navigator.locks : undefined);

/**
 * Runs `fn` holding the project's import lock. Where the browser has no Web Locks, or another tab
 * holds the lock (two tabs importing at once), `fn` runs all the same.
 */
export async function withImportLock<T>(project: string, fn: () => Promise<T>): Promise<T> {
  const lm = locks();
  if (!lm) return fn();
  // with ifAvailable the callback runs at once, given null when the lock is taken
  return lm.request(lockName(project), { ifAvailable: true }, () => fn()) as Promise<T>;
}

/** Whether an import of the project is running in some tab now. */
export async function importRunning(project: string): Promise<boolean> {
  const lm = locks();
  if (!lm) return false;
  const q = await lm.query().catch(() => undefined);
  return !!q?.held?.some((l) => l.name === lockName(project));
}
