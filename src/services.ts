/**
 * Everything that talks to Phrase TMS or ModernMT (undici included), bundled on its own
 * (dist/services.js) so the extension loads it on the first command that needs the network,
 * not at activation.
 */
export { PhraseClient } from './phrase/client';
export { PhraseError } from './phrase/errors';
export { ModernMtClient } from './modernmt/client';
export { ModernMtError } from './modernmt/errors';
export { protect } from './modernmt/protect';
export { restore } from './modernmt/restore';
export { push } from './sync/push';
export { pull, applyTranslation } from './sync/pull';
export { pullAndFeed } from './sync/pullAndFeed';
export { status } from './sync/status';
export { translateMissing, expectedOrder } from './sync/translateMissing';
export { feedMemory, feedAfterPull, currentHumanTranslations, resolveMemory, syncMemory } from './sync/memory';
export { openWorkspace, targetPath } from './sync/workspace';
export { translateTexts } from './sync/translateText';
export { loadState, saveState } from './sync/state';
export { resolveConflicts } from './sync/conflicts';
