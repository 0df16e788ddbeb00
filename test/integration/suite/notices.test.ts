import assert from 'node:assert/strict';
import { SyncError } from '../../../src/sync/errors';
import { api } from './helpers';

suite('errors of the sync flows in the editor', () => {
  test('a SyncError is shown by its reason: its sentence, the action that helps, and Show Log (the class may come from another bundle)', async () => {
    const a = await api();
    // This suite's bundle carries its own copy of the class, as the services bundle does.
    a.notices.error(new SyncError('not-pushed', 'Nothing has been pushed from this workspace yet: run push first.'));
    const pushed = a.notices.shown.at(-1)!;
    assert.equal(pushed.severity, 'error');
    assert.equal(pushed.message, 'Nothing has been pushed from this workspace yet: run push first.');
    assert.deepEqual(pushed.actions, ['Push to Phrase TMS', 'Show Log']);

    a.notices.error(new SyncError('not-signed-in', 'Sign in to Phrase TMS first: push needs a Phrase TMS session.'));
    assert.deepEqual(a.notices.shown.at(-1)!.actions, ['Sign in to Phrase TMS', 'Show Log']);

    a.notices.error(new SyncError('locked', '.locale-loop/lock is held by pull (pid 1 on ci): run again later.'));
    assert.deepEqual(a.notices.shown.at(-1)!.actions, ['Show Log'], 'a busy lock needs time, not a button');
  });
});
