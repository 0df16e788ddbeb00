/**
 * What the code providers share per workspace folder: the code engine (loaded on first use), the
 * resolutions of open documents (cached per version), the workspace usage index (built from disk
 * on first need, then kept current by a file watcher and by unsaved buffers), the catalog of
 * locale values and the sync state. Providers stay thin: they ask here and translate to vscode.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { CodeEngine } from '../../code/load';
import { loadCodeEngine } from '../../code/load';
import type { DocumentCache, Resolution, UsageIndex } from '../../code/engine';
import type { CallSite } from '../../code/types';
import { alwaysIgnored } from '../../locales/discovery';
import type { SyncState } from '../../sync/state';
import { loadState, statePath } from '../../sync/state';
import type { FolderManager, FolderState } from '../folders';
import type { JobsTree } from '../views/jobsTree';
import { Catalog } from './catalog';

/** The languages the resolver reads. */
export const codeLanguages: readonly string[] = [
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
  'vue',
];
export const codeSelector: vscode.DocumentSelector = [
  ...codeLanguages.map((language) => ({ language, scheme: 'file' })),
  // A .vue file is plain text where no Vue extension is installed: the resolver reads it anyway.
  { scheme: 'file', pattern: '**/*.vue' },
];

const codeGlob = '**/*.{ts,tsx,js,jsx,mts,cts,mjs,cjs,vue}';

interface FolderCode {
  cache?: DocumentCache;
  index?: Promise<UsageIndex>;
  catalog?: Catalog;
  /** The scan the catalog was built from: a new scan means files changed. */
  catalogOf?: unknown;
  loading?: Promise<Catalog | undefined>;
  sync?: { stamp: string; state: SyncState };
}

export class CodeWorkspace implements vscode.Disposable {
  private readonly byFolder = new Map<string, FolderCode>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** The catalog or the index changed (inline values and diagnostics redraw). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    readonly folders: FolderManager,
    readonly jobs: JobsTree,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(codeGlob);
    const onFile = (uri: vscode.Uri) => void this.fileChanged(uri);
    this.disposables.push(
      watcher,
      watcher.onDidChange(onFile),
      watcher.onDidCreate(onFile),
      watcher.onDidDelete(onFile),
      folders.onDidChange((state) => {
        if (!state) this.byFolder.clear();
        // A new scan (locale files changed): a catalog in use is rebuilt (changed files only);
        // a folder no code feature has asked about yet costs nothing.
        const f = state && this.byFolder.get(state.folder.uri.toString());
        if (state && f?.catalog && f.catalogOf !== state.scan) void this.catalog(state).then(() => this.changed.fire());
      }),
      vscode.workspace.onDidChangeTextDocument((e) => this.bufferChanged(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.closed(d)),
    );
  }

  engine(): CodeEngine {
    return loadCodeEngine();
  }

  /** The configured folder a file belongs to. */
  stateOf(uri: vscode.Uri): FolderState | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder && this.folders.configured().find((s) => s.folder.uri.toString() === folder.uri.toString());
  }

  /** Every call site of an open document (cached per version). */
  resolve(document: vscode.TextDocument, state: FolderState): Resolution {
    return this.cacheOf(state).resolve(
      document.uri.toString(),
      document.version,
      () => document.getText(),
      document.fileName,
    );
  }

  /** The sites of an open document whose call intersects whole lines of `range` (inline values). */
  resolveLines(document: vscode.TextDocument, state: FolderState, range: vscode.Range): Resolution {
    const start = document.offsetAt(new vscode.Position(range.start.line, 0));
    const end = document.offsetAt(new vscode.Position(range.end.line + 1, 0));
    return this.cacheOf(state).resolveRange(
      document.uri.toString(),
      document.version,
      () => document.getText(),
      { start, end },
      document.fileName,
    );
  }

  /** The site whose key literal holds `position` (or, for a computed key, whose call does). */
  siteAt(document: vscode.TextDocument, position: vscode.Position): { state: FolderState; site: CallSite } | undefined {
    const state = this.stateOf(document.uri);
    if (!state?.config) return undefined;
    const offset = document.offsetAt(position);
    const sites = this.resolve(document, state).sites;
    const site = sites.find((s) => s.keyRange && offset >= s.keyRange.start && offset <= s.keyRange.end);
    return site ? { state, site } : undefined;
  }

  cacheOf(state: FolderState): DocumentCache {
    const f = this.folderCode(state);
    f.cache ??= new (this.engine().DocumentCache)(this.engine().resolverOptions(state.config!));
    return f.cache;
  }

  /** The catalog in memory now (undefined until first loaded: see `catalog`). */
  catalogNow(state: FolderState): Catalog | undefined {
    return this.byFolder.get(state.folder.uri.toString())?.catalog;
  }

  /** The catalog of the folder's latest scan (scanning the folder if it never was). */
  async catalog(state: FolderState): Promise<Catalog | undefined> {
    const f = this.folderCode(state);
    if (f.catalog && f.catalogOf === state.scan && state.scan) return f.catalog;
    if (f.loading) return f.loading;
    f.loading = (async () => {
      try {
        const scan = state.scan ?? (await this.folders.scan(state));
        if (!scan || !state.config) return undefined;
        f.catalog = await Catalog.load(state.config, scan, f.catalog);
        f.catalogOf = scan;
        return f.catalog;
      } finally {
        f.loading = undefined;
      }
    })();
    return f.loading;
  }

  /** The workspace usage index, built from disk on first call; open buffers replace their file. */
  index(state: FolderState): Promise<UsageIndex> {
    const f = this.folderCode(state);
    f.index ??= (async () => {
      const index = await this.engine().buildIndex(state.config!);
      for (const d of vscode.workspace.textDocuments) {
        if (d.isDirty && codeLanguages.includes(d.languageId) && this.stateOf(d.uri) === state) {
          index.setText(d.fileName, d.getText());
        }
      }
      return index;
    })();
    return f.index;
  }

  /** `.locale-loop/state.json`, read again only when its size or mtime changed. */
  async syncState(state: FolderState): Promise<SyncState | undefined> {
    const f = this.folderCode(state);
    const file = statePath(state.folder.uri.fsPath);
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      f.sync = undefined;
      return undefined;
    }
    if (f.sync?.stamp === stamp) return f.sync.state;
    try {
      f.sync = { stamp, state: await loadState(state.folder.uri.fsPath) };
    } catch {
      f.sync = undefined;
    }
    return f.sync?.state;
  }

  /** The sync state as last read (hover answers from memory; `syncState` refreshes it). */
  syncStateNow(state: FolderState): SyncState | undefined {
    return this.byFolder.get(state.folder.uri.toString())?.sync?.state;
  }

  private folderCode(state: FolderState): FolderCode {
    const key = state.folder.uri.toString();
    return this.byFolder.get(key) ?? this.byFolder.set(key, {}).get(key)!;
  }

  /** A code file changed on disk: the index reads it again (an open, unsaved buffer wins). */
  private async fileChanged(uri: vscode.Uri): Promise<void> {
    const state = this.stateOf(uri);
    const f = state && this.byFolder.get(state.folder.uri.toString());
    if (!state || !f?.index) return;
    const rel = path.relative(state.folder.uri.fsPath, uri.fsPath).split(path.sep);
    const ignored = new Set([...alwaysIgnored, ...(state.config?.ignore ?? [])]);
    if (
      rel.some((part, i) => i < rel.length - 1 && (ignored.has(part) || part.startsWith('.'))) ||
      uri.fsPath.endsWith('.d.ts')
    ) {
      return;
    }
    const roots = state.config?.codeUsage.roots;
    if (
      roots?.length &&
      !roots.some((r) => !path.relative(path.resolve(state.folder.uri.fsPath, r), uri.fsPath).startsWith('..'))
    ) {
      return;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.isDirty);
    const index = await f.index;
    if (open) index.setText(uri.fsPath, open.getText());
    else await index.updateFile(uri.fsPath);
    this.changed.fire();
  }

  /** Typing in a code file: the index takes the buffer after a pause (references and rename see it). */
  private bufferChanged(document: vscode.TextDocument): void {
    const state = this.stateOf(document.uri);
    const f = state && this.byFolder.get(state.folder.uri.toString());
    if (!f?.index || document.uri.scheme !== 'file' || !codeLanguages.includes(document.languageId)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void f.index!.then((index) => {
          index.setText(document.fileName, document.getText());
        });
      }, 300),
    );
  }

  private async closed(document: vscode.TextDocument): Promise<void> {
    const state = this.stateOf(document.uri);
    const f = state && this.byFolder.get(state.folder.uri.toString());
    f?.cache?.forget(document.uri.toString());
    if (f?.index && document.uri.scheme === 'file' && codeLanguages.includes(document.languageId)) {
      await (await f.index).updateFile(document.fileName);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
