/**
 * The headless `locale-loop` command: argument parsing, secrets from the environment, exit codes
 * (0 success, 1 failure or a malformed locale file, 2 usage error, 3 the folder's lock is busy). Every flow is the same core
 * function the extension calls.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Env } from './cli/env';
import { stderrLogger } from './cli/env';
import { parseFailOn, parseFormat, runCheck } from './cli/checkCommand';
import { runPull } from './cli/pullCommand';
import { runPush } from './cli/pushCommand';
import { runScan } from './cli/scanCommand';
import { runMemorySync } from './cli/memoryCommand';
import { runStatus } from './cli/statusCommand';
import { runTranslate } from './cli/translateCommand';
import { runTranslateMissing } from './cli/translateMissingCommand';
import type { Out } from './cli/output';
import { exitCode, UsageError } from './cli/output';
import { failureOf } from './cli/failure';
import { checkTargetLocales } from './cli/targetLocales';
import { redactingLogger } from './util/logger';
import { holdSecrets, redact, redactHeld } from './util/redact';
import { version } from './version';

const usage = `Usage: locale-loop <command> [options]

Commands:
  scan [--json] [--code|--no-code]       Inventory of the locale files and of the keys used in code
                                         (code is read by default when the folder has JS/TS/Vue files)
  check [--fail-on CATEGORIES] [--format text|json|github|sarif]
                                         CI gate: exit 1 when a category has findings (default: all of
                                         missing,empty,placeholders,plurals,code-missing,code-unused)
  push [--dry-run] [--json]              Send the source files to Phrase TMS as jobs (or update them)
  status [--json]                        The pushed jobs and their state in Phrase TMS
  pull [--dry-run] [--prefer local|remote] [--json]
                                         Merge completed translations into the locale files
  translate --to LOCALE [--from LOCALE] [--json] [TEXT…]
                                         Machine-translate a text with ModernMT (stdin when no text;
                                         billed characters on stderr)
  translate-missing [--to LOCALE…] [--dry-run] [--json]
                                         Fill missing keys (and plural forms) by machine translation
  memory sync                            Send every human translation to the ModernMT memory

Options:
  --cwd DIR                  Workspace folder holding locale-loop.json (default: current directory)
  --json                     Machine-readable output
  --verbose                  Log every API call (secrets redacted) to stderr
  --allow-host HOST          Send credentials to HOST although it is not a known Phrase TMS or ModernMT host
  -h, --help                 This help
  -v, --version              Print the version

Environment:
  PHRASE_TMS_TOKEN, or PHRASE_TMS_USERNAME + PHRASE_TMS_PASSWORD [+ PHRASE_TMS_2FA_CODE]
                             (a two-factor code works once: set a fresh one for each run)
  LOCALE_LOOP_PHRASE_URL     Overrides phrase.baseUrl of locale-loop.json
  MODERNMT_API_KEY           ModernMT key; LOCALE_LOOP_MODERNMT_URL overrides modernmt.baseUrl
  LOCALE_LOOP_ALLOW_HOSTS    Like --allow-host (comma-separated)
  LOCALE_LOOP_TIMEOUT_S      The most one request may take (default 120)
  LOCALE_LOOP_MAX_RESPONSE_MB  The largest answer read (default 256 for files, 32 for JSON)
`;

/** The options each command takes besides --cwd, --verbose, --help: any other is refused, not ignored. */
const commandOptions: Record<string, readonly string[]> = {
  scan: ['json', 'code', 'no-code'],
  check: ['fail-on', 'format'],
  push: ['json', 'dry-run', 'allow-host'],
  status: ['json', 'allow-host'],
  pull: ['json', 'dry-run', 'prefer', 'allow-host'],
  translate: ['to', 'from', 'json', 'allow-host'],
  'translate-missing': ['to', 'json', 'dry-run', 'allow-host'],
  memory: ['json', 'allow-host'],
};

export async function main(
  argv: readonly string[],
  rawOut: Out = { write: (s) => process.stdout.write(s) },
  err: Out = { write: (s) => process.stderr.write(s) },
  env: Env = process.env,
  stdin: () => Promise<string> = readStdin,
): Promise<number> {
  // Every secret of the environment is redacted from everything this run prints, wherever it
  // comes from (a server may echo a token in an error body).
  holdSecrets(env.PHRASE_TMS_TOKEN, env.PHRASE_TMS_PASSWORD, env.PHRASE_TMS_2FA_CODE, env.MODERNMT_API_KEY);
  const rawErr = err;
  const out: Out = { write: (s) => rawOut.write(redactHeld(s)) };
  err = { write: (s) => rawErr.write(redact(s)) };
  try {
    const { values, positionals, tokens } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        cwd: { type: 'string' },
        json: { type: 'boolean', default: false },
        code: { type: 'boolean' },
        'no-code': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        prefer: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        to: { type: 'string', multiple: true },
        from: { type: 'string' },
        'fail-on': { type: 'string', multiple: true },
        format: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
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
    if (rest.length && command !== 'translate' && command !== 'memory') {
      throw new UsageError(`${command} takes no arguments: ${rest.join(' ')}`);
    }
    const allowed = commandOptions[command];
    for (const t of tokens ?? []) {
      if (
        t.kind === 'option' &&
        allowed &&
        !['cwd', 'verbose', 'help', 'version'].includes(t.name) &&
        !allowed.includes(t.name)
      ) {
        throw new UsageError(`${command} does not take --${t.name}`);
      }
    }
    if (values['allow-host']?.length) {
      env = {
        ...env,
        LOCALE_LOOP_ALLOW_HOSTS: [env.LOCALE_LOOP_ALLOW_HOSTS, ...values['allow-host']].filter(Boolean).join(','),
      };
    }
    const logger = redactingLogger(
      stderrLogger((s) => err.write(s), values.verbose),
      () => [],
    );
    const prefer = values.prefer;
    if (prefer !== undefined && prefer !== 'local' && prefer !== 'remote') {
      throw new UsageError(`--prefer takes local or remote, not "${prefer}"`);
    }
    switch (command) {
      case 'scan':
        return await runScan({ cwd, json: values.json, code: values['no-code'] ? false : values.code }, out);
      case 'check':
        return await runCheck({ cwd, format: parseFormat(values.format), failOn: parseFailOn(values['fail-on']) }, out);
      case 'push':
        return await runPush({ cwd, json: values.json, dryRun: values['dry-run'] }, env, out, logger);
      case 'status':
        return await runStatus({ cwd, json: values.json }, env, out, logger);
      case 'pull':
        return await runPull({ cwd, json: values.json, dryRun: values['dry-run'], prefer }, env, out, logger);
      case 'translate': {
        if (values.to?.length !== 1) throw new UsageError('translate needs exactly one --to LOCALE');
        const text = rest.length ? rest.join(' ') : (await stdin()).replace(/\r?\n$/, '');
        if (!text) throw new UsageError('translate needs a text (arguments or stdin)');
        return await runTranslate(
          { cwd, to: values.to[0]!, from: values.from, text, json: values.json },
          env,
          out,
          err,
          logger,
        );
      }
      case 'translate-missing':
        await checkTargetLocales(cwd, values.to);
        return await runTranslateMissing(
          { cwd, to: values.to, dryRun: values['dry-run'], json: values.json },
          env,
          out,
          logger,
        );
      case 'memory':
        if (rest.join(' ') !== 'sync') throw new UsageError('memory takes one subcommand: sync');
        return await runMemorySync({ cwd, json: values.json }, env, out, logger);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err.write(`locale-loop: ${(e as Error).message}\n\n${usage}`);
      return exitCode.usage;
    }
    // Never echo a secret back, even if a server put it into an error (err redacts every held secret).
    const failure = failureOf(e);
    err.write(failure.text);
    return failure.code;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module) {
  // `locale-loop scan | head`: the reader went away. Drop the rest of the output quietly and let
  // the command finish its work (a pull stopped mid-way would leave less done, not less printed).
  let stdoutClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
  });
  const stdout: Out = { write: (s) => void (stdoutClosed || process.stdout.write(s)) };
  void main(process.argv.slice(2), stdout).then((code) => {
    process.exitCode = code;
  });
}
