/**
 * The one symlink rule of Locale Loop: a path below a workspace folder is followed only while its
 * real path stays inside that folder; otherwise it is refused, naming the link and its target.
 * Discovery, the scan, diagnostics, pull and translate-missing all go through these functions, so
 * a file is never treated one way when read and another when written.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A path that leads outside the workspace folder (through a symlink, `..` or an absolute path). */
export class OutsideWorkspaceError extends Error {
  readonly kind = 'OutsideWorkspaceError' as const;
  constructor(
    /** The path as the user knows it (workspace-relative where possible): the link, or the file. */
    readonly file: string,
    /** Where the link points (its real path), when a link is the cause. */
    readonly target: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'OutsideWorkspaceError';
  }

  static is(e: unknown): e is OutsideWorkspaceError {
    return e instanceof Error && (e as { kind?: unknown }).kind === 'OutsideWorkspaceError';
  }
}

function isInside(realRoot: string, real: string): boolean {
  const rel = path.relative(realRoot, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function shown(root: string, p: string): string {
  const rel = path.relative(root, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : p;
}

/**
 * The rule for one symbolic link `link` (an absolute path below `root`): its real path when that
 * stays inside `root`, else `OutsideWorkspaceError` naming the link and its target. A dangling
 * link is refused too (writing through it would create its target, wherever that is).
 */
export async function followLink(root: string, link: string, realRoot?: string): Promise<string> {
  const base = realRoot ?? (await fs.realpath(root));
  let real: string;
  try {
    real = await fs.realpath(link);
  } catch {
    const to = await fs.readlink(link).catch(() => '?');
    throw new OutsideWorkspaceError(
      shown(root, link),
      to,
      `${shown(root, link)} is a symbolic link to ${to}, which does not exist: refused (not read, not written)`,
    );
  }
  if (!isInside(base, real)) {
    throw new OutsideWorkspaceError(
      shown(root, link),
      real,
      `${shown(root, link)} is a symbolic link to ${real}, outside the workspace folder: refused (not read, not written)`,
    );
  }
  return real;
}

/**
 * The real path to read or write for `file` (absolute, or relative to `root`): every symbolic link
 * on the way is checked with `followLink`; the part that does not exist yet is kept as named
 * (created inside the real parent). Writing to the result replaces the link's target, never the
 * link itself. Throws `OutsideWorkspaceError`.
 */
export async function resolveInside(root: string, file: string): Promise<string> {
  const full = path.resolve(root, file);
  const rel = path.relative(path.resolve(root), full);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new OutsideWorkspaceError(
      file,
      undefined,
      `${file} resolves to ${full}, outside the workspace folder: refused (not read, not written)`,
    );
  }
  const realRoot = await fs.realpath(root);
  const names = rel.split(path.sep);
  let at = realRoot;
  let lexical = path.resolve(root);
  for (let i = 0; i < names.length; i++) {
    lexical = path.join(lexical, names[i]!);
    const next = path.join(at, names[i]!);
    let stat;
    try {
      stat = await fs.lstat(next);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return path.join(next, ...names.slice(i + 1));
      throw e;
    }
    if (stat.isSymbolicLink()) {
      // Named by the path the user wrote (`locales/de`), checked by where it really leads.
      try {
        at = await followLink(root, next, realRoot);
      } catch (e) {
        if (!OutsideWorkspaceError.is(e)) throw e;
        throw new OutsideWorkspaceError(
          shown(root, lexical),
          e.target,
          e.message.replace(shown(root, next), shown(root, lexical)),
        );
      }
    } else at = next;
  }
  return at;
}
