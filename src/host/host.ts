/** What every command and view gets: built once in `activate()`, passed explicitly. */
import type * as vscode from 'vscode';
import type { Clients } from './clients';
import type { ConflictStore } from './conflicts';
import type { Diagnostics } from './diagnostics';
import type { FolderManager } from './folders';
import type { HostLog } from './log';
import type { Notices } from './notices';
import type { SecretStore } from './secrets';
import type { JobsTree } from './views/jobsTree';
import type { LocalesTree } from './views/localesTree';

export interface Host {
  readonly context: vscode.ExtensionContext;
  /** The one log of the host (redacted): commands, views and the core's flows write here. */
  readonly log: HostLog;
  readonly secrets: SecretStore;
  readonly clients: Clients;
  readonly folders: FolderManager;
  readonly locales: LocalesTree;
  readonly jobs: JobsTree;
  readonly conflicts: ConflictStore;
  readonly diagnostics: Diagnostics;
  readonly notices: Notices;
}
