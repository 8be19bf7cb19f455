/** The project a reviewer starts in (and falls back to when the one remembered is gone). */
export const DEFAULT_PROJECT = 'default';
