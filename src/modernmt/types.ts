/** ModernMT payloads (the `data` of the envelope), as the official Node client types them. */

export interface Translation {
  readonly translation: string;
  readonly characters?: number;
  readonly billedCharacters?: number;
  readonly detectedLanguage?: string;
  readonly contextVector?: string;
  readonly altTranslations?: string[];
}

export interface TranslateOptions {
  /** Memory ids that bias the translation. */
  readonly hints?: ReadonlyArray<number | string>;
  readonly contextVector?: string;
  readonly priority?: 'normal' | 'background';
  readonly projectId?: string;
  readonly multiline?: boolean;
  /** Server-side timeout in milliseconds. */
  readonly timeoutMs?: number;
  readonly format?: 'text/plain' | 'text/xml' | 'text/html' | 'application/xliff+xml';
  readonly altTranslations?: number;
}

export interface Memory {
  readonly id: number | string;
  readonly name: string;
  readonly description?: string;
  readonly creationDate?: string;
}

export interface ImportJob {
  readonly id: string;
  readonly memory?: number | string;
  readonly size?: number;
  readonly progress: number;
}
