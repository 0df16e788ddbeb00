/**
 * Entry point of the VS Code extension: builds the object graph and registers it, nothing else.
 * Activation makes no network call and scans nothing: configs are read in the background and a
 * folder is scanned when a view shows it or a command needs it.
 */
import * as vscode from 'vscode';
import { Clients } from './host/clients';
import { contextKeys, viewIds } from './host/commandIds';
import { registerCodeFeatures } from './host/code/register';
import type { CodeFeatures } from './host/code/register';
import { registerCommands } from './host/commands/registry';
import { ConflictStore, conflictScheme } from './host/conflicts';
import { Diagnostics } from './host/diagnostics';
import { FolderManager } from './host/folders';
import { HostApprovals } from './host/hostApproval';
import type { Host } from './host/host';
import { HostLog } from './host/log';
import { SecretStore } from './host/secrets';
import { JobsTree } from './host/views/jobsTree';
import { LocalesTree } from './host/views/localesTree';
import { ProvisionalHover } from './host/provisional';
import { Notices } from './host/notices';

/** What `activate` returns: the parts integration tests inspect (never a secret). */
export type LocaleLoopApi = Pick<Host, 'folders' | 'locales' | 'jobs' | 'conflicts' | 'diagnostics' | 'notices'> & {
  /** How long `activate()` itself took, measured inside the extension host. */
  readonly activationMs: number;
  /** Where the "Locale Loop" log channel writes. */
  readonly logDir: string;
  /** The editor features on keys in code. */
  readonly code: CodeFeatures;
  /**
   * This workspace's remembered answers to "send credentials to this unknown host?" (tests set
   * them: the question is modal). Only outside production: an installed extension never hands
   * other extensions a way to approve a host on the user's behalf.
   */
  readonly hosts?: Pick<HostApprovals, 'decision' | 'remember'>;
};

export function activate(context: vscode.ExtensionContext): LocaleLoopApi {
  const started = performance.now();
  const secrets = new SecretStore(context.secrets);
  // Every log line is redacted against the secrets currently stored.
  let secretValues: string[] = [];
  const refreshSecrets = async () => void (secretValues = await secrets.all());
  const log = new HostLog(() => secretValues);
  const notices = new Notices(log, () => secretValues);
  const hosts = new HostApprovals(context.workspaceState);
  const clients = new Clients(secrets, log, hosts.confirm);
  const folders = new FolderManager(log);
  const locales = new LocalesTree(folders, async () => !!(await secrets.modernMtKey()));
  const jobs = new JobsTree(folders, clients, log, context.workspaceState);
  const conflicts = new ConflictStore();
  const diagnostics = new Diagnostics(folders);
  const localesView = vscode.window.createTreeView(viewIds.locales, {
    treeDataProvider: locales,
    showCollapseAll: true,
  });
  const jobsView = vscode.window.createTreeView(viewIds.jobs, { treeDataProvider: jobs, showCollapseAll: true });
  jobs.attach(jobsView);

  context.subscriptions.push(
    log,
    secrets,
    folders,
    locales,
    jobs,
    conflicts,
    diagnostics,
    localesView,
    jobsView,
    vscode.workspace.registerTextDocumentContentProvider(conflictScheme, conflicts),
    // Another window signed in or out: follow it.
    secrets.onDidChange(
      () =>
        void refreshSecrets()
          .then(() => clients.updateContext())
          .then(() => (locales.refresh(), jobs.poll())),
    ),
    vscode.languages.registerHoverProvider(
      [
        { language: 'json', scheme: 'file' },
        { language: 'jsonc', scheme: 'file' },
      ],
      new ProvisionalHover(folders),
    ),
    folders.onDidChange(() => void (localesView.badge = locales.badge())),
  );

  const host: Host = {
    context,
    log,
    secrets,
    clients,
    folders,
    locales,
    jobs,
    conflicts,
    diagnostics,
    notices,
  };
  registerCommands(host);
  const code = registerCodeFeatures(host);
  void vscode.commands.executeCommand('setContext', contextKeys.hasConflicts, false);
  void folders.load();
  void refreshSecrets().then(() => clients.updateContext());
  return {
    folders,
    locales,
    jobs,
    conflicts,
    diagnostics,
    notices,
    activationMs: performance.now() - started,
    logDir: context.logUri.fsPath,
    code,
    hosts: context.extensionMode === vscode.ExtensionMode.Production ? undefined : hosts,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
