/**
 * How the emulator writes JSON: by default RFC 3339 dates and absent values left out (what the
 * definition validates); with `phraseDates` the service's own `2023-11-10T18:13:51+0000`, and with
 * `explicitNulls` absent values as `null` (both seen in CAPT, real responses of Nov 2023).
 */

const iso = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$/;

export function wireJson(
  body: unknown,
  options: { readonly phraseDates?: boolean; readonly explicitNulls?: boolean },
): string {
  return JSON.stringify(body, (_key, value: unknown) => {
    // Returning undefined drops an object property (arrays hold no nulls here).
    if (value === null) return options.explicitNulls ? null : undefined;
    if (options.phraseDates && typeof value === 'string') {
      const m = iso.exec(value);
      if (m) return `${m[1]}+0000`;
    }
    return value;
  });
}
