/**
 * An error whose message is written for the person using the app: what was expected, what was
 * found, and what to do. Anything else reaching the UI is a bug and is shown as such.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const isUserError = (e: unknown): e is UserError =>
  e instanceof UserError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'UserError');
