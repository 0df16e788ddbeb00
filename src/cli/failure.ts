/**
 * How the CLI ends a command that threw: the exit code and what goes to stderr. A `SyncError` is
 * mapped by its reason (never by its message); anything else is a plain failure with its message.
 */
import type { SyncErrorReason } from '../sync/errors';
import { SyncError } from '../sync/errors';
import { exitCode } from './output';

/** Per reason: the exit code, and a line of advice only the CLI can give (the flags, the variables). */
const byReason: Record<SyncErrorReason, { readonly code: number; readonly advice?: string }> = {
  // Busy, not broken: a CI job may wait and run again.
  locked: { code: exitCode.busy },
  'state-corrupt': { code: exitCode.failure },
  'project-changed': { code: exitCode.failure },
  'not-pushed': { code: exitCode.failure, advice: 'Run `locale-loop push` first.' },
  'no-project': { code: exitCode.failure },
  'not-signed-in': {
    code: exitCode.failure,
    advice: 'Set PHRASE_TMS_TOKEN, or PHRASE_TMS_USERNAME and PHRASE_TMS_PASSWORD.',
  },
  'unknown-step': { code: exitCode.failure },
  'outside-workspace': { code: exitCode.failure },
};

export function failureOf(e: unknown): { readonly code: number; readonly text: string } {
  const message = e instanceof Error ? e.message : String(e);
  if (!SyncError.is(e)) return { code: exitCode.failure, text: `locale-loop: ${message}\n` };
  const { code, advice } = byReason[e.reason];
  return { code, text: `locale-loop: ${message}\n${advice ? `  ${advice}\n` : ''}` };
}
