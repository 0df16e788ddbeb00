/**
 * Locale codes as people write them (`en`, `pt-BR`, `pt_BR`, `zh-Hant`) normalised to BCP 47,
 * and mapped to the codes Phrase TMS (`pt_br`) and ModernMT (`pt-BR`) expect.
 */

const localeLike = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/;

/** Whether a path segment can be a locale code (so `locales/README.json` is not taken for one). */
export function looksLikeLocale(code: string): boolean {
  return localeLike.test(code);
}

/** BCP 47 form: `pt_BR` → `pt-BR`, `zh_hant_tw` → `zh-Hant-TW`, `EN` → `en`. Throws on nonsense. */
export function toBcp47(code: string): string {
  const dashed = code.trim().replace(/_/g, '-');
  try {
    const [canonical] = Intl.getCanonicalLocales(dashed);
    if (canonical) return canonical;
  } catch {
    // fall through to the error below with the user's own spelling
  }
  throw new RangeError(`"${code}" is not a valid locale code`);
}

/** Per-locale exceptions from `locale-loop.json` (`localeMap`). */
export interface LocaleCodeOverrides {
  phrase?: string;
  modernmt?: string;
}

export type LocaleMap = Readonly<Record<string, LocaleCodeOverrides>>;

/** Translates one workspace's locale codes to and from the two services. */
export class LocaleCodes {
  private readonly overrides = new Map<string, LocaleCodeOverrides>();

  constructor(map: LocaleMap = {}) {
    for (const [code, o] of Object.entries(map)) this.overrides.set(toBcp47(code), o);
  }

  /** Phrase TMS codes are lower case with underscores: `pt-BR` → `pt_br`, `zh-Hant` → `zh_hant`. */
  toPhrase(locale: string): string {
    const bcp = toBcp47(locale);
    return this.overrides.get(bcp)?.phrase ?? bcp.toLowerCase().replace(/-/g, '_');
  }

  /** ModernMT takes BCP 47 tags (`pt-BR`, `zh-TW`). */
  toModernMt(locale: string): string {
    const bcp = toBcp47(locale);
    return this.overrides.get(bcp)?.modernmt ?? bcp;
  }

  /** The workspace locale (of `candidates`) a Phrase TMS code stands for, if any. */
  fromPhrase(phraseCode: string, candidates: readonly string[]): string | undefined {
    const wanted = phraseCode.toLowerCase();
    return candidates.find((c) => this.toPhrase(c).toLowerCase() === wanted);
  }

  /** The workspace locale (of `candidates`) a ModernMT code stands for, if any. */
  fromModernMt(mmtCode: string, candidates: readonly string[]): string | undefined {
    const wanted = mmtCode.toLowerCase();
    return candidates.find((c) => this.toModernMt(c).toLowerCase() === wanted);
  }
}
