/** Output helpers of the CLI: aligned tables and short lists. */

export interface Out {
  write(text: string): void;
}

/** Left-aligns the first column, right-aligns the rest. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `a, b, c (+12 more)` */
export function shortList(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} (+${items.length - max} more)` : shown;
}

/** The CLI speaks English, with English plural rules. */
export { plural } from '../util/plural';

/** Exit codes shared by every command (`busy`: another command holds the folder's lock). */
export const exitCode = { ok: 0, failure: 1, usage: 2, busy: 3 } as const;

export class UsageError extends Error {
  readonly kind = 'UsageError' as const;
}
