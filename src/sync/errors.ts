/**
 * The one error type of the sync flows. `reason` says what went wrong as a value the faces branch
 * on (the CLI picks an exit code, the editor a notification and its action); the message is a
 * sentence a person understands first, the details (file, project, step) after.
 */

export const syncErrorReasons = [
  /** Another command holds the folder's lock (`.locale-loop/lock`) and did not finish in time. */
  'locked',
  /** `.locale-loop/state.json` is damaged and has no good backup. */
  'state-corrupt',
  /** `phrase.projectUid` no longer names the project the recorded jobs were pushed to. */
  'project-changed',
  /** Pull before any push: no job is on record. */
  'not-pushed',
  /** `phrase.projectUid` is not set. */
  'no-project',
  /** A flow that talks to a service was given no client (not signed in, no key). */
  'not-signed-in',
  /** `phrase.pullAfterStep` names no workflow step of the project. */
  'unknown-step',
  /** A target file would lie outside the workspace folder. */
  'outside-workspace',
] as const;

export type SyncErrorReason = (typeof syncErrorReasons)[number];

export class SyncError extends Error {
  readonly kind = 'SyncError' as const;
  constructor(
    readonly reason: SyncErrorReason,
    message: string,
    /** The file concerned (the lock, the state), when there is one. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  /** By discriminant, not `instanceof`: the CLI and the services bundle may each carry a copy of this class. */
  static is(e: unknown, reason?: SyncErrorReason): e is SyncError {
    return (
      e instanceof Error &&
      (e as { kind?: unknown }).kind === 'SyncError' &&
      (reason === undefined || (e as SyncError).reason === reason)
    );
  }
}
