/** Every command id, in one table (no `vscode` import: a unit test checks it against package.json). */
export const commandIds = {
  signIn: 'localeLoop.signIn',
  signOut: 'localeLoop.signOut',
  setModernMtKey: 'localeLoop.setModernMtKey',
  removeModernMtKey: 'localeLoop.removeModernMtKey',
  refresh: 'localeLoop.refresh',
  push: 'localeLoop.push',
  pull: 'localeLoop.pull',
  pullJob: 'localeLoop.pullJob',
  openJobInPhrase: 'localeLoop.openJobInPhrase',
  showJobs: 'localeLoop.showJobs',
  showConflicts: 'localeLoop.showConflicts',
  translateSelection: 'localeLoop.translateSelection',
  translateMissing: 'localeLoop.translateMissing',
  translateMissingForLocale: 'localeLoop.translateMissingForLocale',
  translateKey: 'localeLoop.translateKey',
  syncMemory: 'localeLoop.syncMemory',
  createConfig: 'localeLoop.createConfig',
  showLog: 'localeLoop.showLog',
  revealKey: 'localeLoop.revealKey',
  addKey: 'localeLoop.addKey',
  extractString: 'localeLoop.extractString',
} as const;

export type CommandId = (typeof commandIds)[keyof typeof commandIds];

/** Commands that send workspace content to a server or write files: off in untrusted workspaces. */
export const trustedOnly: ReadonlySet<CommandId> = new Set([
  commandIds.push,
  commandIds.pull,
  commandIds.pullJob,
  commandIds.translateSelection,
  commandIds.translateMissing,
  commandIds.translateMissingForLocale,
  commandIds.translateKey,
  commandIds.syncMemory,
  commandIds.addKey,
  commandIds.extractString,
]);

export const viewIds = { locales: 'localeLoop.locales', jobs: 'localeLoop.jobs' } as const;

/** Context keys the manifest's `when` clauses read. */
export const contextKeys = {
  hasConfig: 'localeLoop.hasConfig',
  signedIn: 'localeLoop.signedIn',
  hasModernMtKey: 'localeLoop.hasModernMtKey',
  hasJobs: 'localeLoop.hasJobs',
  /** A job was pulled at least once (the walkthrough's last step). */
  hasPulled: 'localeLoop.hasPulled',
  hasConflicts: 'localeLoop.hasConflicts',
} as const;
