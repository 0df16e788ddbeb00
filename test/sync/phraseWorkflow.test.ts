/**
 * Issue 13 points 1–3 and 7 through the CLI, against the Phrase TMS emulator in its realistic
 * modes: workflow steps (create order shuffled), import settings and the JSON filter, unconfirmed
 * segments, broken placeholders, refused files, Phrase's dates, nulls and action id header.
 */
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/locales/config';
import { PhraseClient } from '../../src/phrase/client';
import { i18nextTagRegexp } from '../../src/phrase/importSettings';
import { pull } from '../../src/sync/pull';
import { openWorkspace } from '../../src/sync/workspace';
import type { ProjectSeed } from '../emulators/phrase/server';
import type { Harness } from './harness';
import { startHarness, user } from './harness';

const twoSteps: ProjectSeed = {
  uid: 'sync-project',
  name: 'Two steps',
  sourceLang: 'en',
  targetLangs: ['de', 'pl'],
  workflowSteps: ['Translation', 'Revision'],
  shuffleJobs: true,
};

async function state(h: Harness): Promise<{
  files: Record<
    string,
    {
      jobs: Record<string, { uid: string; steps?: Array<{ level: number; uid: string; name?: string }> }>;
      superseded?: Array<{ locale: string; uid: string; level: number; cancelled?: boolean }>;
    }
  >;
}> {
  return JSON.parse(await h.read('.locale-loop/state.json'));
}

async function configure(h: Harness, phrase: Record<string, unknown>): Promise<void> {
  const config = JSON.parse(await h.read('locale-loop.json'));
  await h.write('locale-loop.json', JSON.stringify({ ...config, phrase: { ...config.phrase, ...phrase } }));
}

describe('Phrase TMS as it really behaves: workflow steps, import settings, what pull trusts', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('two steps: push records each locale’s job per step; Translation completed → pull writes nothing; Revision completed → the reviewer’s text', async () => {
    h = await startHarness('sync-app', { projects: [twoSteps] });
    const push = await h.cli('push');
    assert.equal(push.code, 0, push.stderr);
    assert.equal(h.phrase.jobs.size, 2 * 2 * 2, 'one job per file, locale and step');
    const home = (await state(h)).files['locales/{locale}/home.json']!.jobs.de!;
    const remote = (uid: string) => h.phrase.jobs.get(uid)!;
    assert.deepEqual(
      home.steps!.map((s) => [s.level, s.name, remote(s.uid).workflowLevel, remote(s.uid).targetLang]),
      [
        [1, 'Translation', 1, 'de'],
        [2, 'Revision', 2, 'de'],
      ],
    );
    assert.equal(home.uid, home.steps![0]!.uid, 'the tracked job is the first step’s, whatever the answer’s order');

    const before = await h.read('locales/de/home.json');
    h.phrase.complete({ workflowLevel: 1, text: { cta: 'Jetzt starten (Übersetzer)' } });
    const early = await h.cli('pull');
    assert.equal(early.code, 0, early.stderr);
    assert.match(
      early.stdout,
      /No job is ready to pull[\s\S]*4 jobs not finished yet \(waiting for the "Revision" step\)/,
    );
    assert.equal(await h.read('locales/de/home.json'), before, 'a completed first step is not done');

    h.phrase.complete({ workflowLevel: 2, text: { cta: 'Jetzt loslegen (Lektorat)' } });
    const pulled = await h.cli('pull');
    assert.equal(pulled.code, 0, pulled.stderr + pulled.stdout);
    assert.equal(JSON.parse(await h.read('locales/de/home.json')).cta, 'Jetzt loslegen (Lektorat)');
    const exports = h.phrase.log
      .filter((x) => x.method === 'PUT' && x.url.endsWith('/targetFile'))
      .map((x) => /jobs\/(\w+)\/targetFile/.exec(x.url)![1]!);
    assert.ok(
      exports.length === 4 && exports.every((uid) => remote(uid).workflowLevel === 2),
      'the last step’s jobs were exported',
    );
  });

  it('phrase.pullAfterStep lets a team pull after a named step; a name the project lacks is an error naming its steps', async () => {
    h = await startHarness('sync-app', { projects: [twoSteps] });
    await configure(h, { pullAfterStep: 'Translation' });
    await h.cli('push');
    h.phrase.complete({ workflowLevel: 1, text: { cta: 'Jetzt starten' } });
    const pulled = await h.cli('pull');
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.equal(JSON.parse(await h.read('locales/de/home.json')).cta, 'Jetzt starten');
    await configure(h, { pullAfterStep: 'Proofreading' });
    const wrong = await h.cli('pull');
    assert.equal(wrong.code, 1);
    assert.match(
      wrong.stderr,
      /"phrase\.pullAfterStep" is "Proofreading", but the project's workflow steps are "Translation", "Revision"/,
    );
  });

  it('status --json lists every job with uid, status, step and due; the table shows each step and YYYY-MM-DD (Phrase dates and nulls)', async () => {
    h = await startHarness('sync-app', { projects: [twoSteps], phraseDates: true, explicitNulls: true });
    await configure(h, { dueInDays: 3 });
    await h.cli('push');
    h.phrase.complete({ workflowLevel: 1, filename: 'home.json', targetLang: 'de' });
    assert.ok(
      h.phrase.log.some(
        (x) =>
          /"dateCreated":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000"/.test(JSON.stringify(x.responseBody)) &&
          JSON.stringify(x.responseBody).includes(':null'),
      ),
      'the emulator wrote +0000 dates and nulls',
    );
    const json = await h.cli('status', '--json');
    assert.equal(json.code, 0, json.stderr);
    const { version, jobs } = JSON.parse(json.stdout) as { version: number; jobs: Array<Record<string, unknown>> };
    assert.equal(version, 1);
    assert.equal(jobs.length, 8);
    const deHome = jobs.filter((j) => j.file === 'locales/en/home.json' && j.locale === 'de');
    assert.deepEqual(
      deHome.map((j) => [j.workflowLevel, j.step, j.status, j.pullStep]),
      [
        [1, 'Translation', 'COMPLETED', false],
        [2, 'Revision', 'NEW', true],
      ],
    );
    for (const j of jobs) {
      assert.ok(h.phrase.jobs.has(j.uid as string), 'uid is the job’s own');
      assert.match(String(j.due), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/, 'due as Phrase wrote it');
    }
    const table = await h.cli('status');
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    assert.match(
      table.stdout,
      new RegExp(
        `locales/en/home\\.json\\s+de\\s+1 Translation\\s+COMPLETED\\s+2/2 \\(100%\\)\\s+${due}\\s+${deHome[0]!.uid}`,
      ),
    );
    assert.match(
      table.stdout,
      new RegExp(
        `locales/en/home\\.json\\s+de\\s+2 Revision \\(pull\\)\\s+NEW\\s+0/2 \\(0%\\)\\s+${due}\\s+${deHome[1]!.uid}`,
      ),
    );
  });

  it('update source targets the first step; when a step completed, new jobs replace the old ones of every step, and those still open are cancelled', async () => {
    h = await startHarness('sync-app', { projects: [twoSteps] });
    await h.cli('push');
    const old = (await state(h)).files['locales/{locale}/home.json']!.jobs;
    const en = await h.read('locales/en/home.json');
    await h.write('locales/en/home.json', en.replace('Start now', 'Begin now'));
    const dry = JSON.parse((await h.cli('push', '--dry-run', '--json')).stdout);
    assert.match(
      dry.files.find((f: { file: string }) => f.file === 'locales/en/home.json').notes.join(),
      /new jobs are created and the older jobs still open cancelled/,
      'the plan says so',
    );
    const update = await h.cli('push');
    assert.equal(update.code, 0, update.stderr);
    const sources = h.phrase.log
      .filter((x) => x.url.endsWith('/jobs/source'))
      .map((x) =>
        JSON.parse(String(x.requestHeaders.memsource)).jobs.map(
          (j: { uid: string }) => h.phrase.jobs.get(j.uid)!.workflowLevel,
        ),
      );
    assert.deepEqual(sources, [[1, 1]], 'one update, of the first step’s jobs');

    h.phrase.complete({ workflowLevel: 1, filename: 'home.json' });
    await h.write('locales/en/home.json', en.replace('Start now', 'Get going'));
    const recreate = await h.cli('push');
    assert.equal(recreate.code, 0, recreate.stderr);
    assert.match(
      recreate.stdout,
      /refused to update the source .*created new jobs instead, and cancelled 2 older jobs still open/,
    );
    const after = (await state(h)).files['locales/{locale}/home.json']!;
    const oldUids = Object.values(old).flatMap((j) => j.steps!.map((s) => s.uid));
    assert.deepEqual(
      after.superseded!.map((s) => s.uid).sort(),
      [...oldUids].sort(),
      'every step’s old job is recorded as superseded',
    );
    for (const s of after.superseded!) {
      assert.equal(h.phrase.jobs.get(s.uid)!.status, s.level === 1 ? 'COMPLETED' : 'CANCELLED');
    }
    assert.ok(
      Object.values(after.jobs).every((j) => !oldUids.includes(j.uid) && j.steps!.length === 2),
      'new jobs for both steps',
    );
  });

  it('push creates i18next import settings once (found again by name) and creates jobs with them; with the JSON filter nothing comes back escaped', async () => {
    h = await startHarness('sync-app', { projects: [{ ...twoSteps, workflowSteps: undefined, jsonFilter: true }] });
    const en = JSON.parse(await h.read('locales/en/home.json'));
    await h.write(
      'locales/en/home.json',
      JSON.stringify({ ...en, legal: 'Terms & <0>conditions</0>' }, null, 2) + '\n',
    );
    await h.cli('push');
    await h.write(
      'locales/en/common.json',
      (await h.read('locales/en/common.json')).replace('Settings', 'Preferences'),
    );
    h.phrase.complete({ filename: 'home.json' });
    await h.cli('push');
    assert.equal(h.phrase.importSettings.size, 1, 'created once');
    const settings = [...h.phrase.importSettings.values()][0]!;
    assert.deepEqual(settings.fileImportSettings.json, {
      htmlSubFilter: false,
      icuSubFilter: false,
      tagRegexp: i18nextTagRegexp,
    });
    const creates = h.phrase.log.filter((x) => x.method === 'POST' && x.url.endsWith('/jobs'));
    assert.ok(creates.every((x) => JSON.parse(String(x.requestHeaders.memsource)).importSettings.uid === settings.uid));
    assert.equal(
      h.phrase.log.filter((x) => x.method === 'GET' && x.url.includes('/importSettings?')).length,
      2,
      'looked up by name on each push',
    );
    const pulled = await h.cli('pull');
    assert.equal(pulled.code, 0, pulled.stderr + pulled.stdout);
    assert.equal(JSON.parse(await h.read('locales/de/home.json')).legal, '[de] Térms & <0>çöñdítíöñs</0>');
    // A configured uid is used as it is.
    await configure(h, { importSettingsUid: 'team-settings' });
    await h.write('locales/en/home.json', (await h.read('locales/en/home.json')).replace('Welcome', 'Hello'));
    await h.cli('push');
    assert.equal(
      JSON.parse(
        String(
          h.phrase.log.filter((x) => x.method === 'POST' && x.url.endsWith('/jobs')).at(-1)!.requestHeaders.memsource,
        ),
      ).importSettings.uid,
      'team-settings',
    );
  });

  it('values the HTML subfilter entity-escaped are decoded where the source had raw characters', async () => {
    h = await startHarness('sync-app', { projects: [{ ...twoSteps, workflowSteps: undefined, jsonFilter: true }] });
    const en = JSON.parse(await h.read('locales/en/home.json'));
    await h.write(
      'locales/en/home.json',
      JSON.stringify({ ...en, legal: 'Terms & <0>conditions</0>', entity: 'Written as &amp; on purpose' }, null, 2) +
        '\n',
    );
    // Settings as Phrase's defaults: the HTML subfilter on (S24 JsonSettingsDto "Default: true").
    await configure(h, { importSettingsUid: 'html-on' });
    (h.phrase.importSettings as Map<string, unknown>).set('html-on', {
      uid: 'html-on',
      name: 'Phrase defaults',
      dateCreated: Date.now(),
      fileImportSettings: { json: { htmlSubFilter: true } },
    });
    await h.cli('push');
    h.phrase.complete({ text: { legal: 'AGB & <0>Bedingungen</0>', entity: 'Als &amp; geschrieben' } });
    const raw = h.phrase.log.length;
    const pulled = await h.cli('pull');
    assert.equal(pulled.code, 0, pulled.stderr + pulled.stdout);
    const downloaded = h.phrase.log
      .slice(raw)
      .find((x) => x.url.includes('downloadTargetFile') && String(x.responseBody).includes('AGB'));
    assert.match(String(downloaded!.responseBody), /AGB &amp; &lt;0>Bedingungen&lt;\/0>/, 'the export was escaped');
    const de = JSON.parse(await h.read('locales/de/home.json'));
    assert.equal(de.legal, 'AGB & <0>Bedingungen</0>');
    assert.equal(de.entity, 'Als &amp; geschrieben', 'an entity the source itself has stays one');
  });

  it('a segment nobody confirmed (exported as the source text) never replaces a translation and is not fed to the memory', async () => {
    h = await startHarness();
    await h.cli('push');
    h.phrase.complete({ unconfirmed: ['greeting', 'nav/home'] });
    const ws = await openWorkspace(await loadConfig(h.root));
    const fed: Array<{ key: string; locale: string; text: string }> = [];
    const client = new PhraseClient({ baseUrl: h.phrase.url, credentials: user }, { baseMs: 20 });
    const result = await pull(ws, client, { onTranslations: (t) => fed.push(...t) });
    const de = JSON.parse(await h.read('locales/de/common.json'));
    assert.deepEqual([de.greeting, de.nav.home, de.nav.settings], ['Hallo, {{name}}!', 'Startseite', '[de] Séttíñgs']);
    assert.equal(JSON.parse(await h.read('locales/pl/common.json')).nav.home, 'Strona główna');
    assert.equal(result.files.find((f) => f.file === 'locales/de/common.json')!.untranslated, 2);
    assert.ok(
      fed.length > 0 && fed.every((t) => !['Hello, {{name}}!', 'Home'].includes(t.text)),
      'the source text is not human work',
    );
    assert.ok(fed.some((t) => t.key === 'nav.settings' && t.locale === 'de'));
  });

  it('a pulled value whose placeholders differ from the source’s is a conflict to review, not a write (also with --prefer remote)', async () => {
    h = await startHarness();
    await h.cli('push');
    h.phrase.complete({ text: { greeting: 'Hallo, {{nom}}!', terms: 'AGB akzeptieren' } });
    const before = JSON.parse(await h.read('locales/de/common.json'));
    const pulled = await h.cli('pull');
    assert.equal(pulled.code, 1);
    assert.match(
      pulled.stdout,
      /conflict: locales\/de\/common\.json "greeting": the translation lost \{\{name\}\} and added \{\{nom\}\}: its placeholders differ from the source's, so it was not written/,
    );
    assert.match(pulled.stdout, /conflict: locales\/pl\/common\.json "terms": the translation lost <0>, <\/0>/);
    for (const prefer of [[], ['--prefer', 'remote']]) {
      await h.cli('pull', ...prefer);
      const de = JSON.parse(await h.read('locales/de/common.json'));
      assert.equal(de.greeting, before.greeting);
      assert.ok(!('terms' in de));
      assert.equal(de.nav.settings, '[de] Séttíñgs', 'the other keys were written');
    }
  });

  it('a file Phrase TMS refuses (unsupportedFiles) fails alone: named, exit 1, the others pushed', async () => {
    h = await startHarness('sync-app', {
      projects: [{ ...twoSteps, workflowSteps: undefined, unsupportedFiles: ['home.json'] }],
    });
    const push = await h.cli('push');
    assert.equal(push.code, 1);
    assert.match(
      push.stdout,
      /error: locales\/en\/home\.json: Phrase TMS POST \/api2\/v1\/projects\/sync-project\/jobs: HTTP 201 UnsupportedFile: Phrase TMS refused the file home\.json \(in locales\/en\) as unsupported .*\(action id [0-9a-f]{32}\)/,
    );
    const files = (await state(h)).files;
    assert.ok(files['locales/{locale}/common.json'] && !files['locales/{locale}/home.json']);
    assert.equal(h.phrase.jobs.size, 2);
  });

  it('errors carry the action id from the current Phrase-Action-ID header too', async () => {
    h = await startHarness('sync-app', { actionIdHeader: 'phrase' });
    h.env.PHRASE_TMS_PASSWORD = 'wrong-password-123';
    const push = await h.cli('push', '--verbose');
    assert.equal(push.code, 1);
    assert.ok(
      h.phrase.log.every((x) => x.responseHeaders['phrase-action-id'] && !x.responseHeaders['memsource-action-id']),
    );
    assert.match(push.stderr, /HTTP 401 AuthInvalidCredentials: Invalid credentials \(action id [0-9a-f]{32}\)/);
  });
});
