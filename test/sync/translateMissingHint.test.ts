/**
 * translate-missing finds the workspace's ModernMT memory itself (one rule for the CLI and the
 * editor): used as a hint when found, and a lookup that fails costs the hint, not the run.
 */
import assert from 'node:assert/strict';
import { ModernMtClient } from '../../src/modernmt/client';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('translate-missing: the memory as a hint', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('passes the memory named in locale-loop.json as a hint and records it in the state', async () => {
    h = await startHarness();
    const memory = await new ModernMtClient({ apiKey: h.mmt.apiKey, baseUrl: h.mmt.url }).createMemory(
      'sync-app human translations',
    );
    const run = await h.cli('translate-missing');
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const translates = h.mmt.log.filter((x) => x.path === '/translate');
    assert.ok(translates.length > 0);
    for (const t of translates) assert.deepEqual(t.body.hints, [memory.id]);
    const state = JSON.parse(await h.read('.locale-loop/state.json'));
    assert.equal(state.modernmt.memoryId, memory.id);
  });

  it('a memory lookup ModernMT refuses (403) does not stop the run: the keys are translated without the hint, and the log says why', async () => {
    h = await startHarness();
    h.mmt.setFaults([{ method: 'GET', path: '^/memories$', kind: 'status', status: 403, type: 'ForbiddenException' }]);
    const run = await h.cli('translate-missing');
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(
      run.stderr,
      /warning: translate-missing: the ModernMT memory was not found, so it is not used as a hint: /,
    );
    assert.equal(JSON.parse(await h.read('locales/pl/common.json')).greeting, '[pl] HEllO, {{name}}!');
    const translates = h.mmt.log.filter((x) => x.path === '/translate');
    assert.ok(translates.length > 0);
    for (const t of translates) assert.equal(t.body.hints, undefined);
  });
});
