/** Keeps secrets out of logs and messages. */

const headerLike =
  /\b(authorization|mmt-apikey|apitoken|password|token)(["']?\s*[:=]\s*["']?)(ApiToken\s+|Bearer\s+)?[^\s"',;}]+/gi;

/**
 * Every secret this process holds (passwords, API keys, session tokens), registered where it is
 * obtained — the environment, SecretStorage, a login answer — so that any text can be redacted
 * against all of them, whichever part of the program wrote it.
 */
const held = new Set<string>();

/** Remembers secrets for every later `redact` (values shorter than 4 characters are ignored). */
export function holdSecrets(...secrets: ReadonlyArray<string | undefined>): void {
  for (const s of secrets) if (s && s.length >= 4) held.add(s);
}

/** The secrets registered so far. */
export function heldSecrets(): string[] {
  return [...held];
}

/**
 * Replaces only the held secrets, exactly (for output that is data, such as `scan --json`, where
 * a key named `password` must stay as it is).
 */
export function redactHeld(text: string): string {
  return replaceSecrets(text, []);
}

/**
 * Replaces every occurrence of the given secrets and of every held secret, and values that look
 * like credentials (`Authorization: ApiToken …`, `"password": "…"`), with `[REDACTED]`.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  return replaceSecrets(text, secrets).replace(
    headerLike,
    (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ?? ''}[REDACTED]`,
  );
}

/**
 * Secrets shorter than this are replaced only as whole tokens: a six-digit two-factor code or a
 * short password would otherwise cut holes into action ids, counts and words that contain it.
 */
const wholeTokenBelow = 12;

function replaceSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first: a secret containing another must go whole.
  const all = [...new Set([...secrets, ...held])].filter((s) => s && s.length >= 4).sort((a, b) => b.length - a.length);
  for (const s of all) {
    // A server may echo a secret JSON- or URL-escaped.
    for (const variant of new Set([s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)])) {
      if (!out.includes(variant)) continue;
      out =
        s.length < wholeTokenBelow
          ? out.replace(wholeToken(variant), '[REDACTED]')
          : out.split(variant).join('[REDACTED]');
    }
  }
  return out;
}

/** `secret` not preceded or followed by a letter or digit. */
function wholeToken(secret: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
}
