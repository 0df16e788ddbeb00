import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig, parseConfig } from '../../src/locales/config';
import { ConfigError } from '../../src/locales/errors';
import { fixturesDir, tempDir } from './helpers';

function configError(text: string): ConfigError {
  try {
    parseConfig(text, '/ws');
  } catch (e) {
    assert.ok(ConfigError.is(e), `expected ConfigError, got ${e}`);
    return e;
  }
  assert.fail('expected an error');
}

describe('locale-loop.json', () => {
  it('loads a fixture and fills in defaults', async () => {
    const config = await loadConfig(path.join(fixturesDir, 'app'));
    assert.equal(config.sourceLocale, 'en');
    assert.deepEqual(config.targetLocales, ['de', 'pl', 'ar', 'ja']);
    assert.deepEqual(config.files, ['locales/{locale}/{namespace}.json']);
    assert.equal(config.keySeparator, '.');
    assert.equal(config.pluralSeparator, '_');
    assert.equal(config.phrase.baseUrl, 'https://cloud.memsource.com/web');
    assert.deepEqual(config.phrase.pullStatuses, ['COMPLETED', 'DELIVERED']);
    assert.equal(config.phrase.concurrency, 4);
    assert.equal(config.modernmt.baseUrl, 'https://api.modernmt.com');
    assert.equal(config.modernmt.maxSegmentsPerRequest, 128);
    assert.equal(config.modernmt.feedback, true);
  });

  it('names an unknown key, with line and column', () => {
    const e = configError(
      '{\n  "sourceLocale": "en",\n  "phrase": { "baseUrl": "https://x.test", "projetUid": "p" }\n}',
    );
    assert.equal(e.field, 'phrase.projetUid');
    assert.match(e.message, /"phrase\.projetUid" is not a known setting/);
    assert.equal(e.line, 3);
    assert.equal(e.column, 44);
  });

  it('names a field of the wrong type', () => {
    const e = configError('{ "sourceLocale": "en", "keySeparator": 3 }');
    assert.equal(e.field, 'keySeparator');
    const e2 = configError('{ "sourceLocale": "en", "phrase": { "concurrency": "four" } }');
    assert.equal(e2.field, 'phrase.concurrency');
    assert.match(e2.message, /must be integer/);
  });

  it('requires the source locale', () => {
    const e = configError('{ "targetLocales": ["de"] }');
    assert.equal(e.field, 'sourceLocale');
    assert.match(e.message, /"sourceLocale" is required/);
  });

  it('rejects invalid locale codes, a target equal to the source, and non-http URLs', () => {
    assert.equal(configError('{ "sourceLocale": "english language" }').field, 'sourceLocale');
    assert.equal(configError('{ "sourceLocale": "en", "targetLocales": ["de", "EN"] }').field, 'targetLocales');
    const e = configError('{ "sourceLocale": "en", "modernmt": { "baseUrl": "ftp://mt.example" } }');
    assert.equal(e.field, 'modernmt.baseUrl');
    assert.match(e.message, /http\(s\) URL/);
  });

  it('reports malformed JSON with line and column', () => {
    const e = configError('{\n  "sourceLocale": "en",\n}');
    assert.equal(e.field, '');
    assert.equal(e.line, 3);
    assert.match(e.message, /invalid JSON/);
  });

  it('says where to create the file when it is missing', async () => {
    const dir = await tempDir();
    await assert.rejects(
      loadConfig(dir),
      (e: unknown) => ConfigError.is(e) && /not found: create locale-loop\.json/.test(e.message),
    );
    await fs.rm(dir, { recursive: true });
  });

  it('accepts keySeparator false and a list of layouts', () => {
    const c = parseConfig(
      '{ "sourceLocale": "en", "keySeparator": false, "files": ["a/{locale}.json", "b/{locale}/{namespace}.json"] }',
      '/ws',
    );
    assert.equal(c.keySeparator, false);
    assert.deepEqual(c.files, ['a/{locale}.json', 'b/{locale}/{namespace}.json']);
  });

  it('the schema shipped for editors is the one the loader validates with', async () => {
    const manifest = JSON.parse(await fs.readFile(path.resolve(__dirname, '../../package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.jsonValidation, [
      { fileMatch: 'locale-loop.json', url: './locale-loop.schema.json' },
    ]);
  });
});

describe('the compiled schema validator', () => {
  it('is up to date with locale-loop.schema.json (run `npm run schema` after editing it)', async () => {
    const { compileSchema } = await import('../../scripts/compile-schema.mjs' as string);
    const committed = await fs.readFile(
      path.resolve(__dirname, '../../src/locales/configValidator.generated.js'),
      'utf8',
    );
    assert.equal(committed, compileSchema());
  });
});
