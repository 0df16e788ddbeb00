/**
 * The workspace folders that hold a `locale-loop.json`, their configs and their latest scan.
 * Activation only looks for the config files; a folder is scanned when a view or command first
 * needs it, and again (debounced) when a JSON file in it is saved, created, deleted or renamed.
 */
import * as vscode from 'vscode';
import type { LocaleLoopConfig } from '../locales/config';
import { configFileName, loadConfig } from '../locales/config';
import type { ScanResult } from '../locales/scan';
import { scanWorkspace, updateScan } from '../locales/scan';
import { stateDir } from '../sync/state';
import { isOwnWrite } from '../util/ownWrites';
import { contextKeys } from './commandIds';
import { describe } from './errors';
import type { Logger } from '../util/logger';

export interface FolderState {
  readonly folder: vscode.WorkspaceFolder;
  config?: LocaleLoopConfig;
  configError?: string;
  scan?: ScanResult;
  scanError?: string;
  scanning?: Promise<ScanResult | undefined>;
}

export class FolderManager implements vscode.Disposable {
  private readonly states = new Map<string, FolderState>();
  private readonly changed = new vscode.EventEmitter<FolderState | undefined>();
  /** Fires when a folder's config or scan changes (undefined: the set of folders changed). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Folders whose locale-loop.json changed within the current debounce window. */
  private readonly configTouched = new Set<string>();
  /** Files changed within the current debounce window, per folder. */
  private readonly pending = new Map<string, Set<string>>();

  constructor(private readonly log: Logger) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
    const onFile = (uri: vscode.Uri) => this.fileChanged(uri);
    this.disposables.push(
      watcher,
      watcher.onDidChange(onFile),
      watcher.onDidCreate(onFile),
      watcher.onDidDelete(onFile),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.load()),
    );
  }

  /** Reads every folder's config (no scan). */
  async load(): Promise<void> {
    this.states.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const state: FolderState = { folder };
      await this.readConfig(state);
      this.states.set(folder.uri.toString(), state);
    }
    await this.updateContext();
    this.changed.fire(undefined);
  }

  /** Folders with a usable config. */
  configured(): FolderState[] {
    return [...this.states.values()].filter((s) => s.config);
  }

  all(): FolderState[] {
    return [...this.states.values()];
  }

  /** The folder of a file, or the only configured folder, or the one the user picks. */
  async pick(uri?: vscode.Uri): Promise<FolderState | undefined> {
    const owner = uri && vscode.workspace.getWorkspaceFolder(uri);
    const configured = this.configured();
    if (owner) return configured.find((s) => s.folder.uri.toString() === owner.uri.toString());
    if (configured.length <= 1) return configured[0];
    const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which folder?') });
    return configured.find((s) => s.folder.uri.toString() === picked?.uri.toString());
  }

  /** The latest scan of a folder, scanning now if there is none yet. */
  async scan(state: FolderState, force = false): Promise<ScanResult | undefined> {
    if (!state.config) return undefined;
    if (state.scanning) return state.scanning;
    if (state.scan && !force) return state.scan;
    const config = state.config;
    state.scanning = (async () => {
      const started = Date.now();
      try {
        state.scan = await scanWorkspace(config);
        state.scanError = undefined;
        this.log.debug(
          `scanned ${state.folder.name}: ${state.scan.report.files.length} files in ${Date.now() - started} ms`,
        );
      } catch (e) {
        state.scanError = describe(e);
        this.log.warn(`scan of ${state.folder.name} failed: ${state.scanError}`);
      } finally {
        state.scanning = undefined;
      }
      this.changed.fire(state);
      return state.scan;
    })();
    return state.scanning;
  }

  private async readConfig(state: FolderState): Promise<void> {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(state.folder.uri, configFileName));
    } catch {
      state.config = undefined;
      state.configError = undefined;
      return;
    }
    try {
      state.config = await loadConfig(state.folder.uri.fsPath);
      state.configError = undefined;
    } catch (e) {
      state.config = undefined;
      state.configError = describe(e);
      this.log.warn(state.configError);
    }
  }

  private fileChanged(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    // The tool's own writes: its state and lock, and locale files exactly as a command of this
    // window left them (the command rescans when it is done). Another process's writes count.
    if (uri.path.includes(`/${stateDir}/`) || isOwnWrite(uri.fsPath)) {
      this.log.trace(`ignored own write ${uri.fsPath}`);
      return;
    }
    const key = folder.uri.toString();
    if (uri.path.endsWith(`/${configFileName}`)) this.configTouched.add(key);
    else (this.pending.get(key) ?? this.pending.set(key, new Set()).get(key)!).add(uri.fsPath);
    // Saving several files at once (a pull, a format-on-save) causes one rescan.
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void (async () => {
          const state = this.states.get(key) ?? { folder };
          this.states.set(key, state);
          const changed = [...(this.pending.get(key) ?? [])];
          this.pending.delete(key);
          if (this.configTouched.delete(key)) {
            await this.readConfig(state);
            state.scan = undefined;
            await this.updateContext();
            this.changed.fire(undefined);
          }
          if (!state.config || (!state.scan && !state.scanError)) return;
          // Only the changed target files are parsed again (a source change rescans the folder).
          if (state.scan && !state.scanning && changed.length > 0) {
            try {
              state.scan = await updateScan(state.scan, changed);
              this.changed.fire(state);
              return;
            } catch (e) {
              this.log.debug(`incremental scan failed (${describe(e)}); scanning again`);
            }
          }
          await this.scan(state, true);
        })();
      }, 300),
    );
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', contextKeys.hasConfig, this.configured().length > 0);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
