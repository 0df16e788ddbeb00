/**
 * The scan engine's one door: the scan entry points, the parsers with positions that editing
 * needs, and the report and value types. Nothing outside `src/locales/scan/` imports its other
 * modules (an ESLint rule keeps it so), so they can change without touching a caller.
 */
export type { ScanOptions, ScanReport, ScanResult } from './scan';
export { parseLocaleFile, scanWorkspace, updateScan } from './scan';
export type { ScanStats } from './fileSteps';
export { decodeLocaleBytes, parseLocaleBytes, parseLocaleText } from './parse';
export type {
  LeafKind,
  LocaleEntry,
  LocaleReport,
  LocaleValue,
  LocaleValues,
  NamespaceReport,
  ParsedLocaleFile,
  ParseOptions,
  PlaceholderMismatch,
  PluralGap,
  ScanError,
} from './types';
