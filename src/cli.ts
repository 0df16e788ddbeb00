/**
 * The headless `locale-loop` command: argument parsing, secrets from the environment, exit codes
 * (0 success, 1 failure or a malformed locale file, 2 usage error). Every flow is the same core
 * function the extension calls.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runScan } from './cli/scanCommand';
import type { Out } from './cli/output';
import { exitCode, UsageError } from './cli/output';
import { version } from './version';

const usage = `Usage: locale-loop <command> [options]

Commands:
  scan [--json] [--code]     Inventory of the locale files (--code: also t() usage in sources)

Options:
  --cwd DIR                  Workspace folder holding locale-loop.json (default: current directory)
  --json                     Machine-readable output
  -h, --help                 This help
  -v, --version              Print the version
`;

export async function main(argv: readonly string[], out: Out = { write: (s) => process.stdout.write(s) }, err: Out = { write: (s) => process.stderr.write(s) }): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        cwd: { type: 'string' },
        json: { type: 'boolean', default: false },
        code: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    if (values.version) {
      out.write(`locale-loop ${version}\n`);
      return exitCode.ok;
    }
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      (values.help ? out : err).write(usage);
      return values.help ? exitCode.ok : exitCode.usage;
    }
    const cwd = path.resolve(values.cwd ?? process.cwd());
    switch (command) {
      case 'scan':
        if (rest.length) throw new UsageError(`scan takes no arguments: ${rest.join(' ')}`);
        return await runScan({ cwd, json: values.json, code: values.code }, out);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err.write(`locale-loop: ${(e as Error).message}\n\n${usage}`);
      return exitCode.usage;
    }
    err.write(`locale-loop: ${(e as Error).message}\n`);
    return exitCode.failure;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
