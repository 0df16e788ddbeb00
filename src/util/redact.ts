/** Keeps secrets out of logs and messages. */

const headerLike = /\b(authorization|mmt-apikey|apitoken|password|token)(["']?\s*[:=]\s*["']?)(ApiToken\s+|Bearer\s+)?[^\s"',;}]+/gi;

/**
 * Replaces every occurrence of the given secrets, and values that look like credentials
 * (`Authorization: ApiToken …`, `"password": "…"`), with `[REDACTED]`.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('[REDACTED]');
  }
  return out.replace(headerLike, (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ?? ''}[REDACTED]`);
}
