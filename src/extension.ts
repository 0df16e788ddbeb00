/**
 * Entry point of the VS Code extension: builds the object graph and registers it, nothing else.
 * Activation makes no network call and scans nothing: configs are read in the background and a
 * folder is scanned when a view shows it or a command needs it.
 */
import * as vscode from 'vscode';
import { redactingLogger } from './util/logger';
import { Clients } from './host/clients';
import { contextKeys, viewIds } from './host/commandIds';
import { registerCodeFeatures } from './host/code/register';
import type { CodeFeatures } from './host/code/register';
import { registerCommands } from './host/commands/registry';
import { ConflictStore, conflictScheme } from './host/conflicts';
import { Diagnostics } from './host/diagnostics';
import { FolderManager } from './host/folders';
import type { Host } from './host/host';
import { channelLogger } from './host/log';
import { SecretStore } from './host/secrets';
import { JobsTree } from './host/views/jobsTree';
import { LocalesTree } from './host/views/localesTree';

/** What `activate` returns: the parts integration tests inspect (never a secret). */
export type LocaleLoopApi = Pick<Host, 'folders' | 'locales' | 'jobs' | 'conflicts' | 'diagnostics'> & {
  /** How long `activate()` itself took, measured inside the extension host. */
  readonly activationMs: number;
  /** Where the "Locale Loop" log channel writes. */
  readonly logDir: string;
  /** The editor features on keys in code. */
  readonly code: CodeFeatures;
};

export function activate(context: vscode.ExtensionContext): LocaleLoopApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Locale Loop', { log: true });
  const secrets = new SecretStore(context.secrets);
  // Every log line is redacted against the secrets currently stored.
  let secretValues: string[] = [];
  const refreshSecrets = async () => void (secretValues = await secrets.all());
  const logger = redactingLogger(channelLogger(log), () => secretValues);
  const clients = new Clients(secrets, logger);
  const folders = new FolderManager(log);
  const locales = new LocalesTree(folders);
  const jobs = new JobsTree(folders, clients, log);
  const conflicts = new ConflictStore();
  const diagnostics = new Diagnostics(folders);
  const localesView = vscode.window.createTreeView(viewIds.locales, { treeDataProvider: locales, showCollapseAll: true });
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
    secrets.onDidChange(() => void refreshSecrets().then(() => clients.updateContext()).then(() => jobs.poll())),
    folders.onDidChange(() => {
      const report = folders.configured().flatMap((s) => s.scan?.report.locales ?? []).filter((l) => !l.isSource);
      const open = report.reduce((n, l) => n + l.missing + l.empty, 0);
      localesView.badge = open > 0 ? { value: open, tooltip: vscode.l10n.t('{0} missing or empty translations', open) } : undefined;
    }),
  );

  const host: Host = { context, log, logger, secrets, clients, folders, locales, jobs, conflicts, diagnostics };
  registerCommands(host);
  const code = registerCodeFeatures(host);
  void vscode.commands.executeCommand('setContext', contextKeys.hasConflicts, false);
  void folders.load();
  void refreshSecrets().then(() => clients.updateContext());
  return { folders, locales, jobs, conflicts, diagnostics, activationMs: performance.now() - started, logDir: context.logUri.fsPath, code };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
