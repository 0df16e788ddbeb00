/** English counts for messages written below the host (CLI output, log lines, sync notes). */
const englishPlural = new Intl.PluralRules('en');

/** `1 file`, `2 files`, `0 files`: English plural rules (the editor words its own through vscode.l10n). */
export function plural(n: number, one: string, other = `${one}s`): string {
  return `${n} ${englishPlural.select(n) === 'one' ? one : other}`;
}
