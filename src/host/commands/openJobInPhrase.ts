/** Opens a job in the Phrase TMS web editor in the browser. */
import * as vscode from 'vscode';
import { defaultPhraseUrl } from '../../locales/config';
import { jobWebUrl } from '../../phrase/links';
import type { Host } from '../host';
import type { JobArgs, JobsNode } from '../views/jobsTree';
import { jobArgsOf } from '../views/jobsTree';

export const openJobInPhrase =
  (host: Host) =>
  async (arg: JobsNode | JobArgs): Promise<boolean> => {
    const args = jobArgsOf(arg);
    if (!args) return false;
    const state = await host.folders.pick(vscode.Uri.file(args.folder));
    const stored = await host.secrets.phraseToken();
    return vscode.env.openExternal(
      vscode.Uri.parse(jobWebUrl(stored?.baseUrl ?? state?.config?.phrase.baseUrl ?? defaultPhraseUrl, args.jobUid)),
    );
  };
