/**
 * Issue 12, points 9 and 13: the state file. A damaged or truncated `.locale-loop/state.json` is
 * reported (file, what is lost) and recovered from the previous good copy; with no good copy no
 * command acts on it (push creates no job). A changed `phrase.projectUid` is detected and the
 * fate of the old jobs is said.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SafetyHarness } from './workspace';
import { startSafety } from './workspace';

const statePath = '.locale-loop/state.json';

describe('safety: a damaged state file', () => {
  let h: SafetyHarness;
  afterEach(async () => h?.stop());

  it('every save keeps the previous good copy; a truncated state is recovered from it, with a message naming the file and what is lost', async () => {
    h = await startSafety();
    assert.equal((await h.cli('push')).code, 0);
    assert.equal((await h.cli('translate-missing', '--to', 'pl')).code, 0); // a second save: the push's state becomes the backup
    const jobs = h.phrase.jobs.size;
    const good = await h.read(statePath);
    await h.write(statePath, good.slice(0, Math.floor(good.length / 2)));

    const push = await h.cli('push');
    assert.equal(push.code, 0, push.stderr);
    assert.match(
      push.stderr,
      /warning: \.locale-loop\/state\.json is damaged: it is not valid JSON .*Recovered the previous copy, \.locale-loop\/state\.json\.bak \(saved .*\); lost: what the last run recorded after that copy/,
    );
    assert.equal(h.phrase.jobs.size, jobs, 'no job was created again');
    assert.ok(JSON.parse(await h.read(statePath)), 'the state was written whole again');
  });

  it('with no good copy, push, pull, status and translate-missing stop naming the file; push creates no job; nothing is written', async () => {
    h = await startSafety();
    assert.equal((await h.cli('push')).code, 0);
    const jobs = h.phrase.jobs.size;
    for (const name of ['state.json', 'state.json.bak']) {
      await h.write(`.locale-loop/${name}`, '{"version":1,"files":{"locales/{locale}/co');
    }
    const damaged = await h.read(statePath);
    const plBefore = await h.read('locales/pl/common.json');
    for (const args of [['push'], ['pull'], ['status'], ['translate-missing', '--to', 'pl']]) {
      const run = await h.cli(...args);
      assert.equal(run.code, 1, args.join(' '));
      assert.match(
        run.stderr,
        /\.locale-loop\/state\.json is damaged: it is not valid JSON .* and its backup \.locale-loop\/state\.json\.bak is damaged too .*Stopped: nothing was pushed, pulled or written\. Lost: the record of the pushed jobs/,
        args.join(' '),
      );
    }
    assert.equal(h.phrase.jobs.size, jobs, 'push created no job');
    assert.equal(await h.read(statePath), damaged, 'the damaged file is left for the user to restore');
    assert.equal(await h.read('locales/pl/common.json'), plBefore);
  });

  it('an empty state file or one with a damaged job record counts as damaged too (not as "nothing pushed")', async () => {
    h = await startSafety();
    assert.equal((await h.cli('push')).code, 0);
    const jobs = h.phrase.jobs.size;
    await fs.rm(path.join(h.root, '.locale-loop/state.json.bak'), { force: true });
    await h.write(statePath, '');
    assert.match(
      (await h.cli('push')).stderr,
      /state\.json is damaged: the file is empty \(truncated\?\), and there is no backup/,
    );
    await h.write(
      statePath,
      JSON.stringify({
        version: 1,
        files: { 'locales/{locale}/common.json': { sourceHash: 'x', jobs: { de: { base: {} } } } },
      }),
    );
    assert.match(
      (await h.cli('push')).stderr,
      /its record of the de job of "locales\/\{locale\}\/common\.json" is damaged/,
    );
    assert.equal(h.phrase.jobs.size, jobs);
  });
});

describe('safety: phrase.projectUid changed in the config', () => {
  let h: SafetyHarness;
  afterEach(async () => h?.stop());

  const projects = [
    { uid: 'sync-project', name: 'Old', sourceLang: 'en', targetLangs: ['de', 'pl'] },
    { uid: 'new-project', name: 'New', sourceLang: 'en', targetLangs: ['de', 'pl'] },
  ];

  it('pull and status say which project the jobs are in and what to do; push moves to the new project and says the old jobs are left untracked', async () => {
    h = await startSafety({ projects });
    assert.equal((await h.cli('push')).code, 0);
    const config = JSON.parse(await h.read('locale-loop.json')) as { phrase: { projectUid: string } };
    config.phrase.projectUid = 'new-project';
    await h.write('locale-loop.json', JSON.stringify(config));

    for (const cmd of ['pull', 'status']) {
      const run = await h.cli(cmd);
      assert.equal(run.code, 1, cmd);
      assert.match(
        run.stderr,
        /phrase\.projectUid is now "new-project", but the 4 jobs on record were pushed to project "sync-project"\. Nothing was (pulled|read)\. .*set phrase\.projectUid back to "sync-project"/,
        cmd,
      );
    }
    const push = await h.cli('push');
    assert.equal(push.code, 0, push.stderr);
    assert.match(
      push.stdout,
      /note: phrase\.projectUid changed from "sync-project" to "new-project": every file is pushed to "new-project" as new jobs; the 4 jobs in "sync-project" are left in Phrase TMS untouched and no longer tracked here/,
    );
    const inNew = [...h.phrase.jobs.values()].filter((j) => (j as { projectUid: string }).projectUid === 'new-project');
    assert.equal(inNew.length, 4, 'the push uploaded every file to the new project');
    h.phrase.complete({ projectUid: 'new-project' });
    const pull = await h.cli('pull');
    assert.equal(pull.code, 0, pull.stderr);
    assert.match(await h.read('locales/pl/home.json'), /\[pl\]/);
  });
});
