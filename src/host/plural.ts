/**
 * Plural wording for messages: vscode.l10n has no plural forms, so each form is its own string
 * (both passed through vscode.l10n.t by the caller, so translators see them) and the count picks
 * one with the display language's plural rules.
 */
import * as vscode from 'vscode';

let rules: Intl.PluralRules | undefined;

export function plural(n: number, one: string, other: string): string {
  rules ??= new Intl.PluralRules(vscode.env.language || 'en');
  return rules.select(n) === 'one' ? one : other;
}
