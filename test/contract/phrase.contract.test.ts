/**
 * Contract: every request our client sends to the Phrase TMS emulator, and every response the
 * emulator sends back, is checked against the operation in the API definition (path, method,
 * parameters, headers, body schema, response status and schema). A message the definition
 * rejects fails the test. Negative controls show the validator does reject bad messages.
 */
import yaml from 'js-yaml';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { contentDisposition, PhraseClient } from '../../src/phrase/client';
import type { Exchange } from '../emulators/phrase/server';
import type { Harness } from '../sync/harness';
import { startHarness, user } from '../sync/harness';
import type { EnforcerApi } from './phraseSpec';
import { loadPhraseSpec, specFile, specSha256 } from './phraseSpec';

/**
 * What the real service writes and the definition cannot express (CAPT: `+0000` dates, explicit
 * `null`s), turned into what it can; nothing else is touched. Used for the realistic exchanges.
 */
function definitionForm(body: unknown): unknown {
  if (body === null) return undefined;
  if (typeof body === 'string') {
    return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/.test(body) ? `${body.slice(0, -5)}+00:00` : body;
  }
  if (Array.isArray(body)) return body.map(definitionForm);
  if (body && typeof body === 'object') {
    return Object.fromEntries(
      Object.entries(body)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, definitionForm(v)]),
    );
  }
  return body;
}

/** Problems with one exchange, or [] when the definition accepts both directions. */
function check(api: EnforcerApi, x: Exchange): string[] {
  const problems: string[] = [];
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(x.requestHeaders)) if (typeof v === 'string') headers[k] = v;
  const octet = headers['content-type'] === 'application/octet-stream';
  // Raw file uploads: the definition types the body as `InputStream` ({type: object}), a Java
  // artefact that no byte stream can satisfy; the bytes themselves are the user's JSON file.
  const body = octet || x.requestBody === undefined ? {} : { body: x.requestBody };
  const req = api.request({ method: x.method.toLowerCase(), path: x.url.replace(/^\/web/, ''), headers, ...body });
  if (req.error || !req.value) return [`${x.method} ${x.url}: request rejected: ${String(req.error)}`];
  const op = req.value.operation;
  const declared = op.responses[String(x.status)];
  if (!declared) return [`${x.method} ${x.url} (${op.operationId}): status ${x.status} is not declared`];
  if (!x.responseHeaders['memsource-action-id'] && !x.responseHeaders['phrase-action-id']) {
    problems.push(`${op.operationId}: no action id header`);
  }
  if (x.status < 300 && declared.schema && x.responseHeaders['content-type'] === 'application/json') {
    const des = declared.schema.deserialize(definitionForm(x.responseBody));
    const err = des.error ?? declared.schema.validate(des.value);
    if (err) problems.push(`${x.method} ${x.url} (${op.operationId}) → ${x.status}: response rejected: ${String(err)}`);
  }
  if (x.status >= 400) {
    const body = x.responseBody as { errorCode?: unknown; errorDescription?: unknown };
    if (typeof body?.errorCode !== 'string' || typeof body?.errorDescription !== 'string') {
      problems.push(`${op.operationId} → ${x.status}: error body without errorCode/errorDescription`);
    }
  }
  return problems;
}

describe('contract: Phrase TMS client ↔ emulator ↔ API definition', function () {
  this.timeout(60_000);
  let api: EnforcerApi;
  let h: Harness;
  before(async () => {
    api = await loadPhraseSpec();
  });
  afterEach(async () => h?.stop());

  it('the vendored API definition is byte-identical to the published one (sha256)', () => {
    assert.equal(createHash('sha256').update(readFileSync(specFile)).digest('hex'), specSha256);
  });

  it('every exchange of push, status, conflict, pull, update and re-push matches the definition', async () => {
    h = await startHarness();
    await h.cli('push');
    await h.cli('status');
    const en = await h.read('locales/en/common.json');
    await h.write('locales/en/common.json', en.replace('"Settings"', '"Préférences ✓"'));
    await h.cli('push');
    h.phrase.complete();
    await h.write('locales/de/common.json', (await h.read('locales/de/common.json')).replace('Hallo', 'Servus'));
    await h.cli('pull');
    await h.write('locales/en/home.json', (await h.read('locales/en/home.json')).replace('Start now', 'Begin'));
    await h.cli('push'); // completed jobs refuse the update: 400, then new jobs
    const operations = new Set<string>();
    const problems: string[] = [];
    for (const x of h.phrase.log) {
      problems.push(...check(api, x));
      operations.add(
        api.request({ method: x.method.toLowerCase(), path: x.url.replace(/^\/web/, '') }).value?.operation
          .operationId ?? x.url,
      );
    }
    assert.deepEqual(problems, []);
    // The session exercised every operation the client uses.
    for (const op of [
      'login_1',
      'listPartsV2',
      'createJob',
      'getAsyncRequest',
      'updateSource',
      'completedFile_1',
      'downloadCompletedFile',
      'getSegmentsCount',
    ]) {
      assert.ok(operations.has(op), `${op} was exercised (saw ${[...operations].join(', ')})`);
    }
    assert.ok(
      h.phrase.log.some((x) => x.status === 400),
      'an error exchange was checked too',
    );
  });

  it('the realistic exchanges (workflow steps, import settings, cancelling, whoAmI, Phrase dates and nulls) match the definition', async () => {
    h = await startHarness('sync-app', {
      projects: [
        {
          uid: 'sync-project',
          name: 'Realistic',
          sourceLang: 'en',
          targetLangs: ['de', 'pl'],
          workflowSteps: ['Translation', 'Revision'],
          shuffleJobs: true,
          jsonFilter: true,
        },
      ],
      phraseDates: true,
      explicitNulls: true,
      actionIdHeader: 'both',
    });
    await h.cli('push');
    await h.cli('status');
    h.phrase.complete({ workflowLevel: 1 });
    await h.write('locales/en/home.json', (await h.read('locales/en/home.json')).replace('Start now', 'Begin'));
    await h.cli('push'); // refused: new jobs, old open ones cancelled
    h.phrase.complete();
    await h.cli('pull');
    const client = new PhraseClient({ baseUrl: h.phrase.url, credentials: user });
    assert.equal(typeof (await client.whoAmI()).userName, 'string');
    const operations = new Set<string>();
    const problems: string[] = [];
    for (const x of h.phrase.log) {
      problems.push(...check(api, x));
      operations.add(
        api.request({ method: x.method.toLowerCase(), path: x.url.replace(/^\/web/, '') }).value?.operation
          .operationId ?? x.url,
      );
    }
    assert.deepEqual(problems, []);
    for (const op of [
      'getProject',
      'listImportSettings',
      'createImportSettings',
      'listPartsV2',
      'createJob',
      'updateSource',
      'getPart',
      'setStatus',
      'whoAmI',
      'completedFile_1',
      'downloadCompletedFile',
    ]) {
      assert.ok(operations.has(op), `${op} was exercised (saw ${[...operations].join(', ')})`);
    }
    assert.ok(
      h.phrase.log.some((x) => x.url.includes('workflowLevel=2')),
      'a list of the second step',
    );
    const who = h.phrase.log.find((x) => x.url.endsWith('/whoAmI'))!.responseBody as { features: unknown };
    assert.ok(
      who.features && typeof who.features === 'object' && !Array.isArray(who.features),
      'features is an object',
    );
    assert.ok(
      h.phrase.log.some(
        (x) => JSON.stringify(x.responseBody).includes('+0000') && JSON.stringify(x.responseBody).includes('null'),
      ),
      'the realistic forms were on the wire',
    );
  });

  it('negative control: a whoAmI answering `features` as an array, or a project with an unknown status, is rejected', () => {
    const who: Exchange = {
      at: 0,
      method: 'GET',
      url: '/web/api2/v1/auth/whoAmI',
      requestHeaders: { authorization: 'ApiToken t' },
      requestBody: undefined,
      status: 200,
      responseHeaders: { 'content-type': 'application/json', 'phrase-action-id': 'a'.repeat(32) },
      responseBody: { user: { uid: 'u', userName: 'x' }, features: { icuEnabled: true } },
    };
    assert.deepEqual(check(api, who), []);
    assert.match(
      check(api, { ...who, responseBody: { user: { uid: 'u' }, features: [] } }).join(),
      /response rejected/,
    );
    const project: Exchange = {
      ...who,
      url: '/web/api2/v1/projects/p1',
      responseBody: {
        uid: 'p1',
        name: 'P',
        userRole: 'ADMIN',
        status: 'NEW',
        workflowSteps: [{ id: 1, name: 'Translation', workflowLevel: 1 }],
        dateCreated: '2023-11-10T18:13:51+0000',
      },
    };
    assert.deepEqual(check(api, project), []);
    assert.match(
      check(api, { ...project, responseBody: { ...(project.responseBody as object), status: 'DONE' } }).join(),
      /response rejected/,
      'the admin shape is applied (status enum)',
    );
    assert.match(
      check(api, {
        ...project,
        responseBody: { ...(project.responseBody as object), workflowSteps: [{ workflowLevel: 'one' }] },
      }).join(),
      /response rejected/,
    );
  });

  it('exchanges under faults and auth failures match the definition too', async () => {
    h = await startHarness();
    h.phrase.setFaults([
      { kind: 'status', status: 429, retryAfter: 0, times: 1 },
      { kind: 'status', status: 500, every: 4 },
      { kind: 'status', status: 503, times: 1 },
      { kind: 'expire-tokens', path: '/async/', times: 1 },
    ]);
    await h.cli('push');
    h.env.PHRASE_TMS_PASSWORD = 'not-the-password';
    await h.cli('status');
    // A 503 is not an answer the definition declares: a proxy's, injected; it is left out.
    const api_ = h.phrase.log.filter((x) => !(x.injected && x.status === 503));
    assert.deepEqual(
      api_.flatMap((x) => check(api, x)),
      [],
    );
    assert.ok(
      [429, 500, 401].every((s) => api_.some((x) => x.status === s)),
      'faults and auth failures were exchanged',
    );
    assert.ok(h.phrase.log.some((x) => x.injected && x.status === 503));
  });

  it('negative controls: the validator rejects what the definition forbids', () => {
    const ok: Exchange = {
      at: 0,
      method: 'GET',
      url: '/web/api2/v2/projects/p1/jobs?pageNumber=0&pageSize=50',
      requestHeaders: { authorization: 'ApiToken t' },
      requestBody: undefined,
      status: 200,
      responseHeaders: { 'content-type': 'application/json', 'memsource-action-id': 'a'.repeat(32) },
      responseBody: {
        totalElements: 1,
        totalPages: 1,
        pageSize: 50,
        pageNumber: 0,
        numberOfElements: 1,
        content: [{ uid: 'j1', status: 'NEW', targetLang: 'de', filename: 'common.json', imported: true }],
      },
    };
    assert.deepEqual(check(api, ok), []);
    assert.match(
      check(api, { ...ok, url: '/web/api2/v2/projects/p1/jobs?pageSize=51' }).join(),
      /request rejected/,
      'pageSize above 50',
    );
    assert.match(
      check(api, {
        ...ok,
        responseBody: { ...(ok.responseBody as object), content: [{ uid: 1, status: 'DONE' }] },
      }).join(),
      /response rejected/,
    );
    assert.match(check(api, { ...ok, url: '/web/api2/v9/nope' }).join(), /request rejected/);
    assert.match(check(api, { ...ok, status: 418 }).join(), /not declared/);
    assert.match(
      check(api, { ...ok, url: '/web/api2/v1/async/not-a-number' }).join(),
      /request rejected/,
      'asyncRequestId is an integer',
    );
  });

  it('file uploads carry a Content-Disposition matching the pattern the definition documents', async () => {
    // The pattern lives in the parameter's description (no `pattern` keyword a validator could use).
    const doc = yaml.load(readFileSync(specFile, 'utf8')) as {
      paths: Record<string, Record<string, { parameters: Array<{ name: string; description?: string }> }>>;
    };
    const pattern = new RegExp(
      `^${/`([^`]+)`/.exec(doc.paths['/api2/v1/projects/{projectUid}/jobs']!.post!.parameters.find((p) => p.name === 'Content-Disposition')!.description!)![1]}$`,
    );
    h = await startHarness('sync-app');
    await h.write('locales/en/common.json', await h.read('locales/en/common.json'));
    await h.cli('push');
    const uploads = h.phrase.log.filter((x) => x.method === 'POST' && /\/jobs(\/source)?$/.test(x.url));
    assert.ok(uploads.length >= 2);
    for (const x of uploads) assert.match(String(x.requestHeaders['content-disposition']), pattern);
    assert.ok(!pattern.test('common.json'), 'the pattern is a real constraint');
    assert.match(contentDisposition('naïve répertoire.json'), pattern);
    assert.equal(contentDisposition('naïve répertoire.json'), "filename*=UTF-8''na%C3%AFve%20r%C3%A9pertoire.json");
  });
});
