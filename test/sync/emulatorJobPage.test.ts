import assert from 'node:assert/strict';
import { PhraseClient } from '../../src/phrase/client';
import { jobWebUrl } from '../../src/phrase/links';
import { PhraseEmulator } from '../emulators/phrase/server';

describe('"Open Job in Phrase TMS" against the emulator', () => {
  const user = { userName: 'page-user', password: 'pa55-word-page' };
  let phrase: PhraseEmulator;
  beforeEach(async () => {
    phrase = new PhraseEmulator({ users: [user], importDelayMs: 10 });
    await phrase.start();
  });
  afterEach(() => phrase.stop());

  it('the link the extension opens is an HTML page of the job (no token needed), not a JSON 404', async () => {
    const projectUid = phrase.addProject({ name: 'Pages', sourceLang: 'en', targetLangs: ['de'] });
    const client = new PhraseClient({ baseUrl: phrase.url, credentials: user });
    const [job] = await client.createJobs({
      projectUid,
      bytes: Buffer.from('{"cta":"Start <b>now</b>"}'),
      filename: 'home.json',
      targetLangs: ['de'],
    });
    phrase.complete();
    const res = await fetch(jobWebUrl(phrase.url, job!.uid));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    assert.match(html, /<h1>home\.json → de<\/h1>/);
    assert.match(html, /status <b>COMPLETED<\/b>/);
    assert.match(
      html,
      /<td><code>cta<\/code><\/td><td>Start &lt;b&gt;now&lt;\/b&gt;<\/td><td>\[de\] /,
      'source and translation, escaped',
    );
    const missing = await fetch(jobWebUrl(phrase.url, 'no-such-job'));
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /<h1>No job no-such-job<\/h1>/);
  });

  it('for the real service the link stays the web editor URL', () => {
    assert.equal(
      jobWebUrl('https://cloud.memsource.com/web/', 'aB3 x'),
      'https://cloud.memsource.com/web/job/aB3%20x/translate',
    );
  });
});
