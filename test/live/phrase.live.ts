/**
 * `npm run test:live`, Phrase TMS part: push → status → pull of a tiny fixture against the real
 * service, in a scratch project, deleting the jobs it created afterwards. It needs credentials
 * and a project, and runs nothing without them (it says what it needs and the run exits 0):
 *   PHRASE_TMS_PROJECT_UID  a scratch project with source en and target languages de and pl
 *   PHRASE_TMS_TOKEN, or PHRASE_TMS_USERNAME + PHRASE_TMS_PASSWORD (+ PHRASE_TMS_2FA_CODE)
 *   PHRASE_TMS_BASE_URL     optional: https://us.cloud.memsource.com/web for the US data centre
 * The jobs are completed through the API (an admin or project manager may set a job's status),
 * so nobody has to translate; the pull then proves the export, download and merge path.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli';
import { phraseCredentials } from '../../src/cli/env';
import { PhraseClient } from '../../src/phrase/client';
import { copyFixture } from '../unit/helpers';

const env = process.env;
const credentials = phraseCredentials(env);
const projectUid = env.PHRASE_TMS_PROJECT_UID;

if (!credentials || !projectUid) {
  console.log(
    'Phrase TMS live test not run: it needs PHRASE_TMS_PROJECT_UID (a scratch project, source en, targets de and pl) and ' +
      'PHRASE_TMS_TOKEN or PHRASE_TMS_USERNAME + PHRASE_TMS_PASSWORD (+ PHRASE_TMS_2FA_CODE); PHRASE_TMS_BASE_URL for the US data centre.',
  );
} else {
  describe('live: Phrase TMS push → status → pull (scratch project)', function () {
    this.timeout(600_000);
    const baseUrl = env.PHRASE_TMS_BASE_URL || 'https://cloud.memsource.com/web';
    let root: string;
    let client: PhraseClient;
    const created: string[] = [];
    const cli = async (...args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await main(
        [...args, '--cwd', root],
        { write: (s) => (stdout += s) },
        { write: (s) => (stderr += s) },
        { ...env, LOCALE_LOOP_PHRASE_URL: baseUrl },
        async () => '',
      );
      return { code, stdout, stderr };
    };

    before(async () => {
      root = await copyFixture('sync-app');
      const config = JSON.parse(await fs.readFile(path.join(root, 'locale-loop.json'), 'utf8'));
      await fs.writeFile(
        path.join(root, 'locale-loop.json'),
        JSON.stringify({ ...config, phrase: { baseUrl, projectUid }, modernmt: undefined }),
      );
      client = new PhraseClient({ baseUrl, credentials: credentials! });
    });

    after(async () => {
      // Clean up: every job this run created, in every step.
      if (created.length > 0) {
        await client.transport.call('DELETE', `/api2/v1/projects/${encodeURIComponent(projectUid!)}/jobs/batch`, {
          json: { jobs: created.map((uid) => ({ uid })) },
        });
      }
      await fs.rm(root, { recursive: true, force: true });
    });

    it('pushes, shows the status of every job, and pulls once the jobs are completed', async () => {
      const push = await cli('push', '--json');
      assert.equal(push.code, 0, push.stderr);
      const status = await cli('status', '--json');
      assert.equal(status.code, 0, status.stderr);
      const { jobs } = JSON.parse(status.stdout) as {
        jobs: Array<{ uid: string; status: string; workflowLevel: number; pullStep: boolean }>;
      };
      created.push(...jobs.map((j) => j.uid));
      assert.ok(jobs.length >= 4 && jobs.every((j) => j.status === 'NEW'), status.stdout);
      for (const j of jobs) await client.setJobStatus(projectUid!, j.uid, 'COMPLETED');
      const pull = await cli('pull', '--json');
      assert.equal(pull.code, 0, pull.stderr + pull.stdout);
      const result = JSON.parse(pull.stdout) as { files: Array<{ error?: string }> };
      assert.equal(result.files.length, 4);
      assert.ok(
        result.files.every((f) => !f.error),
        pull.stdout,
      );
      // Nobody translated: the existing German text must have been kept, not replaced by English.
      assert.equal(
        JSON.parse(await fs.readFile(path.join(root, 'locales/de/common.json'), 'utf8')).greeting,
        'Hallo, {{name}}!',
      );
    });
  });
}
