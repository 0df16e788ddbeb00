/**
 * The Phrase TMS view: project → pushed file → one node per target locale with its jobs' status
 * per workflow step ("Translation: completed · Revision: new"), progress, due date, assignee.
 * Statuses refresh on an interval only while the view is visible, with backoff after errors, and
 * each refresh asks only about jobs that are not final; when jobs complete, a notification offers
 * to pull.
 */
import * as vscode from 'vscode';
import type { JobStatusRow } from '../../sync/status';
import { stepSummary } from '../../sync/status';
import { describe } from '../errors';
import type { Clients } from '../clients';
import { commandIds, contextKeys } from '../commandIds';
import type { FolderManager, FolderState } from '../folders';
import { services } from '../lazyServices';
import { plural } from '../plural';
import { readSettings } from '../settings';
import type { Logger } from '../../util/logger';

const finished = ['COMPLETED', 'DELIVERED', 'COMPLETED_BY_LINGUIST', 'CANCELLED'];
const historyKey = 'localeLoop.jobHistory';

export type JobsNode =
  | { readonly kind: 'project'; readonly state: FolderState; readonly projectUid: string }
  | { readonly kind: 'file'; readonly state: FolderState; readonly file: string; readonly rows: JobStatusRow[] }
  /** One locale: `row` is the job of the step pull waits for, `steps` every step's job; `history`: jobs a later push replaced. */
  | {
      readonly kind: 'job';
      readonly state: FolderState;
      readonly row: JobStatusRow;
      readonly steps: readonly JobStatusRow[];
      readonly history?: boolean;
    }
  | { readonly kind: 'message'; readonly text: string; readonly error?: boolean; readonly command?: vscode.Command };

/** Arguments of `localeLoop.pullJob` and `localeLoop.openJobInPhrase`. */
export interface JobArgs {
  readonly folder: string;
  readonly jobUid: string;
}

/** A job command's argument: a job row of the view, or plain arguments (tests, links); another row is none. */
export function jobArgsOf(arg: JobsNode | JobArgs): JobArgs | undefined {
  if (!('kind' in arg)) return arg;
  return arg.kind === 'job' ? { folder: arg.state.folder.uri.fsPath, jobUid: arg.row.jobUid } : undefined;
}

export class JobsTree implements vscode.TreeDataProvider<JobsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<JobsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly rows = new Map<string, JobStatusRow[]>();
  /** Finished jobs a later push replaced with new ones, per folder: shown as history. */
  private readonly history = new Map<string, JobStatusRow[]>();
  private readonly errors = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private failures = 0;
  private statusVisible = false;
  private visible = false;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly folders: FolderManager,
    private readonly clients: Clients,
    private readonly log: Logger,
    private readonly memento?: vscode.Memento,
  ) {
    for (const [k, v] of Object.entries(memento?.get<Record<string, JobStatusRow[]>>(historyKey, {}) ?? {})) {
      this.history.set(k, v);
    }
    this.statusItem = vscode.window.createStatusBarItem('localeLoop.status', vscode.StatusBarAlignment.Left, 50);
    this.statusItem.name = 'Locale Loop';
    this.statusItem.command = commandIds.showJobs;
    this.disposables.push(
      this.statusItem,
      this.changed,
      folders.onDidChange(() => this.changed.fire(undefined)),
    );
  }

  /** Polling follows the view's visibility (off when hidden). */
  attach(view: vscode.TreeView<JobsNode>): void {
    this.disposables.push(
      view.onDidChangeVisibility((e) => {
        this.visible = e.visible;
        if (e.visible) void this.poll();
        else clearTimeout(this.timer);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('localeLoop.jobs.pollIntervalSeconds') && this.visible) this.schedule();
      }),
    );
    this.visible = view.visible;
    if (this.visible) void this.poll();
  }

  /** Fetches every folder's job statuses now. */
  async poll(): Promise<void> {
    clearTimeout(this.timer);
    const previous = new Map([...this.rows.values()].flat().map((r) => [r.uid, r.status]));
    let failed = false;
    for (const state of this.folders.configured()) {
      const key = state.folder.uri.toString();
      try {
        const client = await this.clients.phraseIfSignedIn(state.config!);
        if (!client) {
          // Signed out: nothing to show or count (the status bar hides).
          this.rows.delete(key);
          this.errors.delete(key);
          continue;
        }
        const { status, openWorkspace } = services();
        // After the first fetch, only jobs that are not final are asked about again.
        const rows = await status(await openWorkspace(state.config!), client, { previous: this.rows.get(key) });
        this.remember(key, this.rows.get(key) ?? [], rows);
        this.rows.set(key, rows);
        this.errors.delete(key);
      } catch (e) {
        failed = true;
        this.errors.set(key, describe(e));
        this.log.warn(`job status of ${state.folder.name}: ${describe(e)}`);
      }
    }
    this.failures = failed ? this.failures + 1 : 0;
    await vscode.commands.executeCommand(
      'setContext',
      contextKeys.hasJobs,
      [...this.rows.values()].some((r) => r.length > 0),
    );
    // Walkthrough completion: a context key the workbench sees change, whoever ran the pull.
    await vscode.commands.executeCommand(
      'setContext',
      contextKeys.hasPulled,
      [...this.rows.values()].some((rows) => rows.some((r) => r.pulledAt)),
    );
    this.updateStatusBar();
    this.notifyCompleted(previous);
    this.changed.fire(undefined);
    this.schedule();
  }

  /** A finished job whose file and locale now have another job was replaced by a push: keep it as history. */
  private remember(folder: string, before: readonly JobStatusRow[], now: readonly JobStatusRow[]): void {
    // The same file, locale and workflow step with another job: a push replaced it (another step's job is no replacement).
    const replaced = before.filter(
      (b) =>
        finished.includes(b.status) &&
        now.some(
          (r) =>
            r.file === b.file && r.locale === b.locale && r.workflowLevel === b.workflowLevel && r.jobUid !== b.jobUid,
        ) &&
        !now.some((r) => r.jobUid === b.jobUid),
    );
    if (replaced.length === 0) return;
    const list = [
      ...(this.history.get(folder) ?? []).filter((h) => !replaced.some((r) => r.jobUid === h.jobUid)),
      ...replaced,
    ].slice(-200);
    this.history.set(folder, list);
    void this.memento?.update(historyKey, Object.fromEntries(this.history));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const seconds = readSettings().pollIntervalSeconds;
    if (!this.visible || seconds <= 0) return;
    // Back off after errors: 1×, 2×, 4×… the interval, at most 10 minutes.
    const ms = Math.min(600_000, seconds * 1000 * 2 ** Math.min(this.failures, 5));
    this.timer = setTimeout(() => void this.poll(), ms);
  }

  private notifyCompleted(previous: Map<string, string>): void {
    if (previous.size === 0) return;
    const ready = [...this.rows.entries()].flatMap(([folder, rows]) => {
      const statuses =
        this.folders.configured().find((s) => s.folder.uri.toString() === folder)?.config?.phrase.pullStatuses ?? [];
      return rows.filter(
        (r) =>
          r.pullStep && statuses.includes(r.status) && previous.has(r.uid) && !statuses.includes(previous.get(r.uid)!),
      );
    });
    if (ready.length === 0) return;
    const pull = vscode.l10n.t('Pull');
    void vscode.window
      .showInformationMessage(
        plural(
          ready.length,
          vscode.l10n.t('1 Phrase TMS job completed.'),
          vscode.l10n.t('{0} Phrase TMS jobs completed.', ready.length),
        ),
        pull,
      )
      .then((c) => {
        if (c === pull) void vscode.commands.executeCommand(commandIds.pull);
      });
  }

  private updateStatusBar(): void {
    const all = [...this.rows.entries()].flatMap(([folder, rows]) => {
      const statuses =
        this.folders.configured().find((s) => s.folder.uri.toString() === folder)?.config?.phrase.pullStatuses ?? [];
      return rows
        .filter((r) => r.pullStep)
        .map((r) => ({
          ready: statuses.includes(r.status) && !r.pulledAt,
          open: !['COMPLETED', 'DELIVERED', 'CANCELLED'].includes(r.status),
        }));
    });
    const ready = all.filter((r) => r.ready).length;
    const open = all.filter((r) => r.open).length;
    // Nothing to pull and nothing in translation (or signed out): nothing worth a status-bar item.
    this.statusVisible = ready > 0 || open > 0;
    if (!this.statusVisible) {
      this.statusItem.hide();
      return;
    }
    this.statusItem.text =
      ready > 0
        ? `$(cloud-download) ${plural(ready, vscode.l10n.t('1 job to pull'), vscode.l10n.t('{0} jobs to pull', ready))}`
        : `$(sync) ${plural(open, vscode.l10n.t('1 job in translation'), vscode.l10n.t('{0} jobs in translation', open))}`;
    this.statusItem.tooltip = `Locale Loop: ${plural(ready, vscode.l10n.t('1 job ready to pull'), vscode.l10n.t('{0} jobs ready to pull', ready))}, ${plural(open, vscode.l10n.t('1 in translation'), vscode.l10n.t('{0} in translation', open))}`;
    this.statusItem.show();
  }

  /** The status-bar item's text, or undefined while hidden (for tests). */
  get statusText(): string | undefined {
    return this.statusVisible ? this.statusItem.text : undefined;
  }

  /** The rows last fetched for a folder. */
  rowsOf(folder: string): JobStatusRow[] {
    return this.rows.get(vscode.Uri.file(folder).toString()) ?? [];
  }

  async getChildren(node?: JobsNode): Promise<JobsNode[]> {
    if (!node) {
      // Empty while signed out, or before the first push: the view shows its welcome content.
      if (!(await this.clients.isSignedIn())) return [];
      const out: JobsNode[] = [];
      for (const state of this.folders.configured()) {
        const key = state.folder.uri.toString();
        const error = this.errors.get(key);
        if (error) out.push({ kind: 'message', text: `${state.folder.name}: ${error}`, error: true });
        const projectUid = state.config!.phrase.projectUid;
        if (!projectUid) {
          out.push({
            kind: 'message',
            text: vscode.l10n.t(
              '{0}: no Phrase TMS project in locale-loop.json — click to choose one',
              state.folder.name,
            ),
            error: true,
            command: {
              command: commandIds.createConfig,
              title: vscode.l10n.t('Choose a Phrase TMS project'),
              arguments: [{ folder: state.folder.uri.fsPath }],
            },
          });
        } else if ((this.rows.get(key)?.length ?? 0) > 0 || (this.history.get(key)?.length ?? 0) > 0) {
          out.push({ kind: 'project', state, projectUid });
        }
      }
      return out;
    }
    if (node.kind === 'project') {
      const key = node.state.folder.uri.toString();
      const rows = [
        ...(this.rows.get(key) ?? []),
        ...(this.history.get(key) ?? []).map((r) => ({ ...r, history: true })),
      ];
      const byFile = new Map<string, JobStatusRow[]>();
      for (const r of rows) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
      return [...byFile].map(([file, list]): JobsNode => ({ kind: 'file', state: node.state, file, rows: list }));
    }
    if (node.kind === 'file') {
      // One node per locale (its steps together), and one per locale for the jobs a push replaced.
      const byLocale = new Map<string, JobStatusRow[]>();
      for (const r of node.rows) {
        const id = `${(r as { history?: boolean }).history ? 'history:' : ''}${r.locale}`;
        const list = byLocale.get(id);
        if (list) list.push(r);
        else byLocale.set(id, [r]);
      }
      return [...byLocale.values()].map((steps): JobsNode => ({
        kind: 'job',
        state: node.state,
        row: steps.find((r) => r.pullStep) ?? steps[steps.length - 1]!,
        steps,
        history: (steps[0] as { history?: boolean }).history,
      }));
    }
    return [];
  }

  getTreeItem(node: JobsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
        item.command = node.command;
        return item;
      }
      case 'project': {
        const item = new vscode.TreeItem(
          vscode.l10n.t('Project {0}', node.projectUid),
          vscode.TreeItemCollapsibleState.Expanded,
        );
        item.description = node.state.folder.name;
        item.iconPath = new vscode.ThemeIcon('project');
        item.contextValue = 'phraseProject';
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(node.file, vscode.TreeItemCollapsibleState.Expanded);
        const current = node.rows.filter((r) => !(r as { history?: boolean }).history && r.pullStep);
        const done = current.filter((r) => ['COMPLETED', 'DELIVERED'].includes(r.status)).length;
        item.description = vscode.l10n.t('{0}/{1} completed', done, current.length);
        item.resourceUri = vscode.Uri.joinPath(node.state.folder.uri, node.file);
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'phraseFile';
        return item;
      }
      case 'job': {
        const r = node.row;
        const ready = node.state.config!.phrase.pullStatuses.includes(r.status);
        const item = new vscode.TreeItem(node.history ? vscode.l10n.t('{0} (earlier job)', r.locale) : r.locale);
        const progress =
          r.progress && r.progress.total > 0 ? ` · ${Math.round((100 * r.progress.done) / r.progress.total)}%` : '';
        const statusText = node.steps.length > 1 ? stepSummary(node.steps) : r.status;
        item.description = `${statusText}${progress}${r.due ? ` · ${vscode.l10n.t('due {0}', r.due.slice(0, 10))}` : ''}${r.pulledAt ? ` · ${vscode.l10n.t('pulled')}` : ''}`;
        item.iconPath = new vscode.ThemeIcon(ready ? 'pass-filled' : r.status === 'MISSING' ? 'error' : 'clock');
        item.tooltip = new vscode.MarkdownString(
          [
            `**${r.locale}** — ${statusText}`,
            `${vscode.l10n.t('Workflow step')}: ${r.step ?? '—'}`,
            `${vscode.l10n.t('Due')}: ${r.due ?? '—'}`,
            `${vscode.l10n.t('Assignee')}: ${r.assignee ?? '—'}`,
            `${vscode.l10n.t('Job')}: \`${r.jobUid}\``,
          ].join('\n\n'),
        );
        item.contextValue = node.history ? 'job.history' : ready ? 'job.ready' : 'job';
        if (node.history) item.iconPath = new vscode.ThemeIcon('history');
        item.id = `${node.history ? 'history:' : ''}${r.jobUid}`;
        return item;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
