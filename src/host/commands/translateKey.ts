/** "Translate this key into all target locales": the key (and its plural forms) where missing, empty or untranslated. */
import type { Host } from '../host';
import type { LocalesNode } from '../views/localesTree';
import { translateMissing } from './translateMissing';

export interface TranslateKeyArgs {
  readonly folder: string;
  /** Namespace id (the file path with `{locale}`). */
  readonly namespace: string;
  readonly key: string;
}

export const translateKey =
  (host: Host) =>
  async (arg: TranslateKeyArgs | LocalesNode): Promise<unknown> => {
    const args =
      'kind' in arg
        ? arg.kind === 'key'
          ? { folder: arg.state.folder.uri.fsPath, namespace: arg.ns.id, key: arg.key }
          : undefined
        : arg;
    if (!args) return undefined;
    const state = host.folders.configured().find((s) => s.folder.uri.fsPath === args.folder);
    const locales = state?.scan?.report.targetLocales ?? state?.config?.targetLocales;
    return translateMissing(host)({
      folder: args.folder,
      locales: locales ? [...locales] : undefined,
      only: { namespace: args.namespace, keys: [args.key] },
    });
  };
