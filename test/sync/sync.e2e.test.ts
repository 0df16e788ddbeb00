/**
 * The whole loop through the CLI against the Phrase TMS emulator: push a fixture repository,
 * play the linguist, pull, and compare bytes; plus updates, conflicts, token expiry, faults and
 * a hostile file name.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Harness } from './harness';
import { startHarness } from './harness';

/** The fixture's target files after one clean push → linguist → pull. */
const expected: Record<string, string> = {
  'locales/de/common.json':
    '{\r\n  "nav": {\r\n    "home": "[de] Hömé",\r\n    "settings": "[de] Séttíñgs"\r\n  },\r\n  "greeting": "[de] Héllö, {{name}}!",\r\n  "cart_one": "[de] {{count}} ítém íñ yöür çárt",\r\n  "cart_other": "[de] {{count}} ítéms íñ yöür çárt",\r\n  "terms": "[de] Áççépt thé <0>térms</0>",\r\n  "legacy": "Alt"\r\n}\r\n',
  'locales/pl/common.json':
    '{\n\t"nav": {\n\t\t"home": "[pl] Hömé",\n\t\t"settings": "[pl] Séttíñgs"\n\t},\n\t"greeting": "[pl] Héllö, {{name}}!",\n\t"cart_one": "[pl] {{count}} ítém íñ yöür çárt",\n\t"cart_other": "[pl] {{count}} ítéms íñ yöür çárt",\n\t"terms": "[pl] Áççépt thé <0>térms</0>"\n}\n',
  'locales/de/home.json': '{\n  "title": "[de] Wélçömé tö Löçálé Lööp",\n  "cta": "[de] Stárt ñöw"\n}\n',
  'locales/pl/home.json': '{\n  "title": "[pl] Wélçömé tö Löçálé Lööp",\n  "cta": "[pl] Stárt ñöw"\n}\n',
};

async function targets(h: Harness): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(Object.keys(expected).map(async (f) => [f, await h.read(f)] as const)));
}

describe('push → translate → pull through the CLI (Phrase TMS emulator)', () => {
  let h: Harness;
  afterEach(async () => h?.stop());

  it('a clean loop gives exactly the expected bytes; the source files are untouched', async () => {
    h = await startHarness();
    const sourcesBefore = [await h.read('locales/en/common.json'), await h.read('locales/en/home.json')];
    const push = await h.cli('push');
    assert.equal(push.code, 0, push.stderr);
    assert.match(push.stdout, /locales\/en\/common\.json\s+create\s+de,pl\s+6\s+0\s+0\s+19/);
    assert.equal(h.phrase.jobs.size, 4, 'one job per file and target locale');
    assert.equal(
      h.phrase.calls.filter((c) => c === 'POST /api2/v1/projects/{projectUid}/jobs').length,
      2,
      'one job-create call per file',
    );
    assert.equal(
      h.phrase.calls.filter((c) => c === 'POST /api2/v3/auth/login').length,
      1,
      'one login for the whole run',
    );

    const status = await h.cli('status');
    assert.match(status.stdout, /locales\/en\/common\.json\s+de\s+NEW\s+0\/6 \(0%\)/);
    const early = await h.cli('pull');
    assert.equal(early.code, 0);
    assert.match(early.stdout, /No job is ready to pull[\s\S]*4 jobs not finished yet/);

    h.phrase.complete();
    assert.match((await h.cli('status')).stdout, /locales\/en\/home\.json\s+pl\s+COMPLETED\s+2\/2 \(100%\)/);
    const pull = await h.cli('pull');
    assert.equal(pull.code, 0, pull.stderr + pull.stdout);
    assert.deepEqual(await targets(h), expected);
    assert.deepEqual([await h.read('locales/en/common.json'), await h.read('locales/en/home.json')], sourcesBefore);

    const again = await h.cli('pull');
    assert.equal(again.code, 0);
    assert.match(again.stdout, /unchanged/);
    assert.deepEqual(await targets(h), expected, 'a second pull changes nothing');
  });

  it('--dry-run plans without calling the API; an unchanged repository uploads nothing', async () => {
    h = await startHarness();
    const dry = await h.cli('push', '--dry-run', '--json');
    assert.equal(dry.code, 0);
    const plan = JSON.parse(dry.stdout);
    assert.deepEqual(
      plan.files.map((f: { file: string; action: string; words: number }) => [f.file, f.action, f.words]),
      [
        ['locales/en/common.json', 'create', 19],
        ['locales/en/home.json', 'create', 6],
      ],
    );
    assert.equal(h.phrase.calls.length, 0, 'no API call in a dry run');
    await h.cli('push');
    const uploads = () => h.phrase.calls.filter((c) => /jobs(\/source)?$/.test(c) && c.startsWith('POST')).length;
    const before = uploads();
    const second = await h.cli('push');
    assert.equal(second.code, 0);
    assert.match(second.stdout, /0 of 2 files uploaded/);
    assert.equal(uploads(), before, 'no upload for unchanged files');
  });

  it('a second push after editing two source keys updates the existing jobs', async () => {
    h = await startHarness();
    await h.cli('push');
    const jobsBefore = [...h.phrase.jobs.keys()].sort();
    const en = await h.read('locales/en/common.json');
    await h.write(
      'locales/en/common.json',
      en.replace('"Settings"', '"Preferences"').replace('"Accept the <0>terms</0>"', '"Accept our <0>terms</0>"'),
    );
    const push = await h.cli('push', '--json');
    assert.equal(push.code, 0, push.stderr);
    const result = JSON.parse(push.stdout);
    const common = result.files.find((f: { file: string }) => f.file === 'locales/en/common.json');
    assert.deepEqual([common.action, common.changedKeys, common.newKeys, common.removedKeys], ['update', 2, 0, 0]);
    assert.equal(result.files.find((f: { file: string }) => f.file === 'locales/en/home.json').action, 'unchanged');
    assert.deepEqual([...h.phrase.jobs.keys()].sort(), jobsBefore, 'no new job');
    assert.equal(h.phrase.calls.filter((c) => c === 'POST /api2/v1/projects/{projectUid}/jobs/source').length, 1);
    h.phrase.complete();
    await h.cli('pull');
    assert.match(await h.read('locales/de/common.json'), /"settings": "\[de\] Préféréñçés"/);
  });

  it('a completed job cannot take a new source: new jobs are created, and the push says so', async () => {
    h = await startHarness();
    await h.cli('push');
    h.phrase.complete();
    await h.write('locales/en/home.json', (await h.read('locales/en/home.json')).replace('Start now', 'Begin now'));
    const push = await h.cli('push');
    assert.equal(push.code, 0, push.stderr);
    assert.match(
      push.stdout,
      /note: locales\/en\/home\.json: Phrase TMS refused to update the source .*created new jobs instead/,
    );
    assert.equal(h.phrase.jobs.size, 6, 'two new jobs for home.json');
  });

  it('a local edit made after the push is kept and reported as a conflict; --prefer remote takes the translation', async () => {
    h = await startHarness();
    await h.cli('push');
    const de = await h.read('locales/de/common.json');
    await h.write('locales/de/common.json', de.replace('"Hallo, {{name}}!"', '"Servus, {{name}}!"'));
    h.phrase.complete();
    const pull = await h.cli('pull');
    assert.equal(pull.code, 1, 'unresolved conflicts fail the run');
    assert.match(
      pull.stdout,
      /conflict: locales\/de\/common\.json "greeting": kept local "Servus, \{\{name\}\}!", translation "\[de\] Héllö, \{\{name\}\}!"/,
    );
    const after = await h.read('locales/de/common.json');
    assert.match(after, /"greeting": "Servus, \{\{name\}\}!"/);
    assert.match(after, /"settings": "\[de\] Séttíñgs"/, 'the other keys were merged');
    const remote = await h.cli('pull', '--prefer', 'remote');
    assert.equal(remote.code, 0);
    assert.equal(await h.read('locales/de/common.json'), expected['locales/de/common.json']);
    assert.match(
      remote.stdout,
      /conflict: locales\/de\/common\.json "greeting": local edit "Servus, \{\{name\}\}!" replaced by the translation "\[de\] Héllö, \{\{name\}\}!" \(--prefer remote\)/,
    );
    assert.doesNotMatch(remote.stdout, /kept local|Re-run with/, '--prefer remote does not claim the edit was kept');
  });

  it('--prefer local keeps the edit, records it ("keep mine"), and later pulls neither report it again nor fail', async () => {
    h = await startHarness();
    await h.cli('push');
    await h.write(
      'locales/de/common.json',
      (await h.read('locales/de/common.json')).replace('"Hallo, {{name}}!"', '"Servus, {{name}}!"'),
    );
    h.phrase.complete();
    const local = await h.cli('pull', '--prefer', 'local');
    assert.equal(local.code, 0, local.stdout);
    assert.match(
      local.stdout,
      /conflict: locales\/de\/common\.json "greeting": kept local "Servus, \{\{name\}\}!", translation "\[de\] Héllö, \{\{name\}\}!" declined \(--prefer local\)/,
    );
    assert.match(local.stdout, /1 declined translation recorded/);
    const state = JSON.parse(await h.read('.locale-loop/state.json'));
    assert.equal(state.files['locales/{locale}/common.json'].jobs.de.kept.greeting, '[de] Héllö, {{name}}!');
    const again = await h.cli('pull');
    assert.equal(again.code, 0, again.stdout);
    assert.doesNotMatch(again.stdout, /conflict:/);
    assert.match(await h.read('locales/de/common.json'), /"greeting": "Servus, \{\{name\}\}!"/);
  });

  it('the summary counts new, replaced and kept values, and names each replaced value (also in --dry-run)', async () => {
    h = await startHarness();
    await h.cli('push');
    await h.write(
      'locales/de/common.json',
      (await h.read('locales/de/common.json')).replace('"Hallo, {{name}}!"', '"Servus, {{name}}!"'),
    );
    h.phrase.complete();
    const dry = await h.cli('pull', '--dry-run');
    assert.match(
      dry.stdout,
      /replaced: locales\/de\/common\.json "nav\.home": "Startseite" would become "\[de\] Hömé"/,
    );
    assert.match(dry.stdout, /^locales\/de\/common\.json\s+de\s+COMPLETED\s+4\s+1\s+1\s+would write$/m);
    const pull = await h.cli('pull', '--prefer', 'local');
    // de/common: 4 new, nav.home replaced, greeting kept; de/home: 1 new, title replaced; pl/common: 4 new, 2 replaced; pl/home: 2 new.
    assert.match(dry.stdout, /11 new values, 4 replaced values would be written; 1 local edit kept\./);
    assert.match(pull.stdout, /11 new values, 4 replaced values written; 1 local edit kept\./);
  });

  it('keys deleted from the source since the push are not resurrected', async () => {
    h = await startHarness();
    await h.cli('push');
    const en = JSON.parse(await h.read('locales/en/common.json'));
    delete en.terms;
    await h.write('locales/en/common.json', JSON.stringify(en, null, 2) + '\n');
    h.phrase.complete();
    const pull = await h.cli('pull', '--json');
    assert.equal(pull.code, 0);
    assert.ok(!(await h.read('locales/pl/common.json')).includes('"terms"'));
    assert.ok(
      JSON.parse(pull.stdout).files.every(
        (f: { file: string; skippedRemoved: number }) => !f.file.includes('common') || f.skippedRemoved === 1,
      ),
    );
  });

  it('plural forms a locale does not use are not written; forms it needs stay missing', async () => {
    h = await startHarness();
    const config = JSON.parse(await h.read('locale-loop.json'));
    await h.write('locale-loop.json', JSON.stringify({ ...config, targetLocales: ['de', 'pl', 'ja', 'pt-BR'] }));
    await h.cli('push');
    assert.deepEqual(
      [...new Set([...h.phrase.jobs.values()].map((j) => j.targetLang))].sort(),
      ['de', 'ja', 'pl', 'pt_br'],
      'pt-BR is pt_br in Phrase TMS',
    );
    h.phrase.complete();
    const pull = await h.cli('pull');
    assert.equal(pull.code, 0, pull.stderr + pull.stdout);
    const ja = JSON.parse(await h.read('locales/ja/common.json'));
    assert.equal(ja.cart_other, '[ja] {{count}} ítéms íñ yöür çárt');
    assert.ok(!('cart_one' in ja), 'Japanese has no _one form');
    assert.equal(
      JSON.parse(await h.read('locales/pt-BR/home.json')).cta,
      '[pt_br] Stárt ñöw',
      'pt_br jobs land in locales/pt-BR/',
    );
    const scan = JSON.parse((await h.cli('scan', '--json')).stdout);
    const pl = scan.locales
      .find((l: { locale: string }) => l.locale === 'pl')
      .namespaces.find((n: { namespace: string }) => n.namespace === 'common');
    assert.deepEqual(
      pl.pluralFormsMissing,
      [{ base: 'cart', ordinal: false, missing: ['few', 'many'] }],
      'Polish still needs _few and _many (for translate-missing)',
    );
  });

  it('an expired token mid-run is renewed with one more login', async () => {
    h = await startHarness();
    await h.cli('push');
    h.phrase.complete();
    h.phrase.setFaults([{ kind: 'expire-tokens', path: '/targetFile$', times: 1 }]);
    const logins = h.phrase.calls.filter((c) => c.endsWith('auth/login')).length;
    const pull = await h.cli('pull');
    assert.equal(pull.code, 0, pull.stderr);
    assert.deepEqual(await targets(h), expected);
    assert.equal(
      h.phrase.calls.filter((c) => c.endsWith('auth/login')).length - logins,
      2,
      'the run logged in, then once more after the 401',
    );
  });

  it('under injected faults (every 3rd call 503, a 429 with Retry-After, dropped connections) the files equal a clean run', async () => {
    h = await startHarness();
    h.phrase.setFaults([
      { kind: 'drop-after', method: 'POST', path: '/jobs$', times: 1 },
      { kind: 'drop', method: 'GET', path: '/async/', times: 1 },
      { kind: 'status', status: 429, retryAfter: 1, times: 1 },
      { kind: 'status', status: 503, every: 3 },
    ]);
    const push = await h.cli('push');
    assert.equal(push.code, 0, push.stderr);
    assert.equal(h.phrase.jobs.size, 4, 'the create whose answer was lost was found, not repeated');
    h.phrase.complete();
    const pull = await h.cli('pull');
    assert.equal(pull.code, 0, pull.stderr);
    assert.deepEqual(await targets(h), expected);
  });

  it('a job whose file name now points elsewhere writes nothing', async () => {
    h = await startHarness();
    await h.cli('push');
    const state = JSON.parse(await h.read('.locale-loop/state.json'));
    const deHome = state.files['locales/{locale}/home.json'].jobs.de.uid;
    h.phrase.setJobFilename(deHome, '../../../evil.json');
    h.phrase.complete();
    const before = await h.read('locales/de/home.json');
    const pull = await h.cli('pull');
    assert.equal(pull.code, 1);
    assert.match(
      pull.stdout,
      /error: locales\/de\/home\.json: job \w+ now carries the file name "\.\.\/\.\.\/\.\.\/evil\.json", not "home\.json" as pushed: not written/,
    );
    assert.equal(await h.read('locales/de/home.json'), before);
    await assert.rejects(fs.access(path.resolve(h.root, '../../../evil.json')));
    assert.equal(await h.read('locales/pl/home.json'), expected['locales/pl/home.json'], 'the other jobs were pulled');
  });

  it('errors name the HTTP status, error code and action id; secrets never appear', async () => {
    h = await startHarness();
    h.env.PHRASE_TMS_PASSWORD = 'wrong-password-123';
    const push = await h.cli('push', '--verbose');
    assert.equal(push.code, 1);
    assert.match(
      push.stderr,
      /Phrase TMS POST \/api2\/v3\/auth\/login: HTTP 401 AuthInvalidCredentials: Invalid credentials \(action id [0-9a-f]{32}\)/,
    );
    assert.ok(!push.stderr.includes('wrong-password-123'));
  });
});
