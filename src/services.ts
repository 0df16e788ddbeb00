/**
 * Everything that talks to Phrase TMS or ModernMT (undici included), bundled on its own
 * (dist/services.js) so the extension loads it on the first command that needs the network,
 * not at activation. Only what the host calls through `services()` is exported here.
 */
export { PhraseClient } from './phrase/client';
export { ModernMtClient } from './modernmt/client';
export { push } from './sync/push';
export { pullAndFeed } from './sync/pullAndFeed';
export { status } from './sync/status';
export { translateMissing } from './sync/translateMissing';
export { syncMemory } from './sync/memory';
export { openWorkspace } from './sync/workspace';
export { translateTexts } from './sync/translateText';
export { resolveConflicts } from './sync/conflicts';
