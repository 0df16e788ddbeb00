/**
 * Point 5: the tricky-input corpus × every mangling mode of the emulator, through the real
 * protect → ModernMT → restore path, judged by the independent checker (test/support/mtChecker.ts,
 * formatjs for ICU): no wrong result is ever accepted.
 */
import assert from 'node:assert/strict';
import { ModernMtClient } from '../../src/modernmt/client';
import { tagModes } from '../emulators/modernmt/engine';
import { ModernMtEmulator } from '../emulators/modernmt/server';
import { judge } from '../support/mtChecker';
import { mtCorpus } from '../support/mtCorpus';
import { runCorpusModes, tally } from '../support/mtModesRun';

describe('the tricky-input corpus × every mangling mode (independent checker)', () => {
  let mmt: ModernMtEmulator;
  let client: ModernMtClient;
  before(async () => {
    mmt = new ModernMtEmulator();
    await mmt.start();
    client = new ModernMtClient({ apiKey: mmt.apiKey, baseUrl: mmt.url });
  });
  after(() => mmt.stop());

  it('0 wrong results accepted over every corpus input and every mode; a well-behaved engine is always accepted', async () => {
    const outcomes = await runCorpusModes(mmt, client);
    const wrong = outcomes.filter((o) => o.wrong);
    assert.deepEqual(
      wrong.map((o) => `${o.mode}: ${o.text} → ${o.result} (${o.problems.join('; ')})`),
      [],
    );
    const t = tally(outcomes);
    assert.equal(t.total, mtCorpus.length * (tagModes.length + 1));
    assert.ok(
      outcomes.filter((o) => o.mode === 'none').every((o) => o.accepted),
      'nothing refused without mangling',
    );
    assert.ok(t.refused > 0 && t.correct > 0);
  });

  it('every mode really mangles: its output is refused by restore, or the same input sent unprotected is judged wrong', async () => {
    const outcomes = await runCorpusModes(mmt, client);
    for (const mode of tagModes) {
      let harmed = outcomes.some((o) => o.mode === mode && !o.accepted);
      for (const c of mtCorpus) {
        if (harmed) break;
        mmt.setTagModes([mode]);
        const raw = (await client.translate('en', 'fr', [c.text], { format: 'text/plain' }))[0]!.translation.replace(
          /^\[fr\] /,
          '',
        );
        harmed = !judge(c.text, raw, c.icu).ok;
      }
      assert.ok(harmed, `${mode} never harmed a corpus input`);
    }
    mmt.setTagModes([]);
  });
});
