/**
 * The `check` gate against hostile code files: deep JSX, a file too large to read, a UTF-16 file.
 * Each must end in findings (never a crash), and a file the gate could not read is named, so the
 * gate never passes or blames a key in silence.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import { runCli } from './workspace';

const fixture = path.join(__dirname, '..', 'fixtures', 'check-app');

describe('attack: check on hostile code files', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'll-attack-check-'));
    await fs.cp(fixture, root, { recursive: true });
  });
  afterEach(async () => fs.rm(root, { recursive: true, force: true }));

  async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(
      ['check', '--cwd', root, ...args],
      { write: (s) => (stdout += s) },
      { write: (s) => (stderr += s) },
    );
    return { code, stdout, stderr };
  }

  it('a TSX file nested 1,200, 1,500 or 2,000 elements deep: check in the built CLI never dies of "Maximum call stack"; the file is resolved or named as not read', async () => {
    // One deep file per run: the first file a fresh process walks is the one that overflowed
    // (later ones run optimised code with smaller frames), so each depth gets its own process.
    for (const n of [1200, 1500, 2000]) {
      await fs.writeFile(
        path.join(root, 'src/Deep.tsx'),
        `import { useTranslation } from 'react-i18next';\nexport function Deep() {\n  const { t } = useTranslation();\n  return ${'<div>'.repeat(n)}{t('deep${n}')}${'</div>'.repeat(n)};\n}\n`,
      );
      // The built CLI in a child process: its stack is the one a user's `npx locale-loop check` has.
      const r = await runCli(['check', '--cwd', root, '--fail-on', 'code-missing'], {}).done;
      assert.doesNotMatch(r.stdout + r.stderr, /Maximum call stack/, `depth ${n}`);
      assert.match(
        r.stdout,
        /^src\/App\.tsx:5:92: error \[code-missing\] common:nope is used here/m,
        'the other files are still checked',
      );
      const resolved = new RegExp(`^src/Deep\\.tsx:4:\\d+: error \\[code-missing\\] common:deep${n} is used here`, 'm');
      const unread =
        /^src\/Deep\.tsx:1:1: error \[code-unread\] This code file was not read, so the keys it uses are not checked: it is nested too deeply to parse\.$/m;
      assert.ok(
        resolved.test(r.stdout) || unread.test(r.stdout),
        `depth ${n}: Deep.tsx is neither resolved nor named:\n${r.stdout}${r.stderr}`,
      );
      assert.equal(r.code, 1);
    }
  });

  it('a UTF-16 file and a 2 MB file are each named as not read (code-unread, with the reason), and fail a gate on a code category', async () => {
    // `unused` is the fixture's key no code uses: now only a UTF-16 file and a 2 MB file use it.
    await fs.writeFile(
      path.join(root, 'src/Wide.ts'),
      Buffer.from(`\ufeffimport { t } from 'i18next';\nexport const a = t('unused');\n`, 'utf16le'),
    );
    await fs.writeFile(
      path.join(root, 'src/Big.ts'),
      `import { t } from 'i18next';\nexport const b = t('unused');\n${'// padding padding padding padding padding padding padding padding\n'.repeat(32_000)}`,
    );
    const r = await check('--fail-on', 'code-unused', '--format', 'json');
    const out = JSON.parse(r.stdout) as {
      failed: boolean;
      failOn: string[];
      counts: Record<string, number>;
      findings: Array<{ category: string; file: string; message: string }>;
    };
    const unread = out.findings.filter((f) => f.category === 'code-unread');
    assert.deepEqual(
      unread.map((f) => [f.file, f.message]),
      [
        [
          'src/Big.ts',
          'This code file was not read, so the keys it uses are not checked: it is larger than 1 MB (bundled or generated code is not read).',
        ],
        [
          'src/Wide.ts',
          'This code file was not read, so the keys it uses are not checked: it is not UTF-8 text (UTF-16 or binary).',
        ],
      ],
    );
    assert.equal(out.counts['code-unread'], 2);
    assert.ok(out.failOn.includes('code-unread'), 'a code category in the gate puts unread code files in it');
    assert.equal(out.failed, true);
  });

  it('without a code category the code is not read, and no file is called unread', async () => {
    await fs.writeFile(
      path.join(root, 'src/Wide.ts'),
      Buffer.from(`\ufeffimport { t } from 'i18next';\nexport const a = t('unused');\n`, 'utf16le'),
    );
    const r = await check('--fail-on', 'missing');
    assert.doesNotMatch(r.stdout, /code-unread/);
  });
});
