/** Entry of the in-host suite (`extensionTestsPath`): mocha inside the extension host. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const dir = __dirname;
  // The untrusted window runs its own file; the trusted window everything else.
  const untrusted = process.env.LOCALE_LOOP_SUITE === 'untrusted';
  for (const f of (await fs.readdir(dir))
    .filter((f) => f.endsWith('.test.js') && (f === 'untrusted.test.js') === untrusted)
    .sort()) {
    mocha.addFile(path.join(dir, f));
  }
  const results: Array<{ title: string; state: string; error?: string }> = [];
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`${results.filter((r) => r.state === 'passed').length} passed, ${failures} failed`);
      const out = process.env.LOCALE_LOOP_TEST_RESULTS;
      const done = () => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve());
      if (out) void fs.writeFile(out, JSON.stringify(results, null, 2)).then(done, done);
      else done();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed' }));
    runner.on('fail', (t, e: Error) => results.push({ title: t.fullTitle(), state: 'failed', error: e.message }));
  });
}
