// i18next-parser ships no types for its lexers; this is the part Locale Loop uses.
declare module 'i18next-parser' {
  export interface ExtractedKey {
    key: string;
    namespace?: string;
    defaultValue?: string;
    count?: string;
    context?: string;
    ordinal?: boolean;
  }
  interface LexerOptions {
    functions?: string[];
    namespaceFunctions?: string[];
    attr?: string;
    transSupportBasicHtmlNodes?: boolean;
  }
  export class JavascriptLexer {
    constructor(options?: LexerOptions);
    extract(content: string, filename?: string): ExtractedKey[];
    on(event: 'warning', listener: (message: string) => void): this;
  }
  export class JsxLexer extends JavascriptLexer {}
}
