/**
 * The host's safety hooks, inside a real VS Code against the emulators: sign-out revokes the
 * token, credentials reach an unknown host only with the workspace's yes, links leading outside
 * the workspace are shown as refused, and a re-login of a two-factor account asks for a code.
 * Every test leaves the workspace, its config and the sign-in as it found them.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LocalesNode } from '../../../src/host/views/localesTree';
import { PhraseEmulator } from '../../emulators/phrase/server';
import { api, until, workspaceRoot } from './helpers';

const configFile = () => path.join(workspaceRoot(), 'locale-loop.json');

/** Points locale-loop.json's phrase.baseUrl at `url` until the returned restore is called. */
async function withPhraseUrl(url: string): Promise<() => Promise<void>> {
  const a = await api();
  const original = await fs.readFile(configFile(), 'utf8');
  const config = JSON.parse(original);
  await fs.writeFile(configFile(), JSON.stringify({ ...config, phrase: { ...config.phrase, baseUrl: url } }, null, 2));
  await until(
    () => a.folders.configured()[0]?.config?.phrase.baseUrl === url.replace(/\/+$/, ''),
    'the changed config to be read',
  );
  return async () => {
    await fs.writeFile(configFile(), original);
    await until(
      () => a.folders.configured()[0]?.config?.phrase.baseUrl === JSON.parse(original).phrase.baseUrl,
      'the config to be restored',
    );
  };
}

/** Settles within `ms`, or says it did not (a modal question would keep a command waiting). */
async function within<T>(
  p: Thenable<T>,
  ms: number,
): Promise<{ settled: true; value?: T; error?: Error } | { settled: false }> {
  return Promise.race([
    Promise.resolve(p).then(
      (value) => ({ settled: true as const, value }),
      (error: Error) => ({ settled: true as const, error }),
    ),
    new Promise<{ settled: false }>((r) => setTimeout(() => r({ settled: false }), ms)),
  ]);
}

/** The last error the extension showed, with its detail (commands report failures as notices). */
function lastError(a: {
  notices: { shown: ReadonlyArray<{ severity: string; message: string; detail?: string }> };
}): string {
  const n = a.notices.shown.filter((x) => x.severity === 'error').at(-1);
  return n ? `${n.message} ${n.detail ?? ''}` : '';
}

suite('host hooks: sign-out', () => {
  const user = { userName: 'hooks-signout', password: 'hooks-Passw0rd' };
  let phrase: PhraseEmulator;
  let restore: () => Promise<void>;
  suiteSetup(async () => {
    phrase = new PhraseEmulator({ users: [user] });
    await phrase.start();
    restore = await withPhraseUrl(phrase.url);
  });
  suiteTeardown(async () => {
    await restore();
    await phrase.stop();
  });

  test('Sign Out revokes the Phrase TMS token: the emulator gets a logout with it, and the token stops working', async () => {
    assert.equal(
      await vscode.commands.executeCommand('localeLoop.signIn', { ...user, baseUrl: phrase.url, remember: false }),
      true,
    );
    const [token] = phrase.liveTokens();
    assert.ok(token, 'signed in: a live token');
    await vscode.commands.executeCommand('localeLoop.signOut');
    const logout = phrase.log.filter((x) => x.method === 'POST' && x.url.endsWith('/api2/v1/auth/logout'));
    assert.deepEqual(
      logout.map((x) => [x.requestHeaders.authorization, x.status]),
      [[`ApiToken ${token}`, 204]],
      'one logout, with the stored token',
    );
    assert.deepEqual(phrase.liveTokens(), [], 'the token no longer works');
  });
});

suite('host hooks: credentials go only where meant', () => {
  // 0.0.0.0 reaches this machine on Linux but is not a loopback name: an unknown https host whose
  // connections this listener can count (nothing can answer TLS here, and nothing needs to).
  let listener: net.Server;
  let connections = 0;
  let host: string;
  let restore: () => Promise<void>;
  const user = { userName: 'hooks-hosts', password: 'hooks-Host-Passw0rd' };
  suiteSetup(async () => {
    listener = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    host = '0.0.0.0';
    restore = await withPhraseUrl(`https://${host}:${(listener.address() as net.AddressInfo).port}/web`);
  });
  suiteTeardown(async () => {
    await (await api()).hosts!.remember(host, 'Phrase TMS', undefined);
    await restore();
    await new Promise((r) => listener.close(r));
  });

  test('a remembered "no": Sign In to the unknown host of locale-loop.json refuses at once, without asking, and opens no connection', async () => {
    const a = await api();
    await a.hosts!.remember(host, 'Phrase TMS', false);
    connections = 0;
    const result = await within(
      vscode.commands.executeCommand('localeLoop.signIn', { ...user, remember: false }),
      10_000,
    );
    assert.ok(result.settled, 'answered without a question (a modal would still be waiting)');
    assert.equal(result.value, undefined, 'not signed in');
    assert.match(
      lastError(a),
      /did not send your Phrase TMS credentials to 0\.0\.0\.0: it is not a known Phrase TMS host, and nobody confirmed it/,
    );
    assert.equal(connections, 0, 'no connection, so no credential sent');
    assert.equal(a.hosts!.decision(host, 'Phrase TMS'), false, 'the "no" is still remembered');
  });

  test('a remembered "yes": Sign In proceeds to the unknown host (a connection reaches it), without asking', async () => {
    const a = await api();
    await a.hosts!.remember(host, 'Phrase TMS', true);
    connections = 0;
    const result = await within(
      vscode.commands.executeCommand('localeLoop.signIn', { ...user, remember: false }),
      30_000,
    );
    assert.ok(result.settled, 'answered without a question');
    assert.ok(connections > 0, 'the host was contacted');
    assert.doesNotMatch(lastError(a), /nobody confirmed it/, 'not refused by the host rule');
  });
});

suite('host hooks: links leading outside the workspace', () => {
  let outside: string;
  suiteSetup(async () => {
    outside = await fs.mkdtemp(path.join(os.tmpdir(), 'll-outside-'));
  });
  suiteTeardown(async () => {
    await fs.rm(outside, { recursive: true, force: true });
  });

  /** The Problems panel entries of `rel`, and the Locales view's row of its namespace (locale `pl`). */
  async function shown(rel: string, namespace: string): Promise<{ problems: string[]; row: string }> {
    const a = await api();
    await a.folders.scan(a.folders.configured()[0]!, true);
    const problems = (
      await until(() => {
        const d = vscode.languages.getDiagnostics(vscode.Uri.file(path.join(workspaceRoot(), rel)));
        return d.length ? d : undefined;
      }, `a problem on ${rel}`)
    ).map((d) => d.message);
    const pl = (await a.locales.getChildren()).find(
      (n): n is Extract<LocalesNode, { kind: 'locale' }> => n.kind === 'locale' && n.locale.locale === 'pl',
    )!;
    const ns = (await a.locales.getChildren(pl)).find((n) => n.kind === 'namespace' && n.ns.namespace === namespace)!;
    const item = a.locales.getTreeItem(ns);
    return { problems, row: `${String(item.label)} ${String(item.description)}` };
  }

  test('a target file linked outside: the Problems panel and the Locales view say it is refused, naming the link and its target', async () => {
    const link = path.join(workspaceRoot(), 'locales/pl/home.json');
    const target = path.join(outside, 'home.json');
    await fs.writeFile(target, '{ "title": "Witaj", "cta": "Zacznij" }\n');
    await fs.symlink(target, link);
    const a = await api();
    try {
      const { problems, row } = await shown('locales/pl/home.json', 'home');
      const real = await fs.realpath(target);
      assert.deepEqual(problems, [
        `locales/pl/home.json is a symbolic link to ${real}, outside the workspace folder: refused (not read, not written)`,
      ]);
      assert.match(row, /^home .*refused.*locales\/pl\/home\.json/, row);
    } finally {
      await fs.rm(link, { force: true });
      await a.folders.scan(a.folders.configured()[0]!, true);
    }
    assert.equal(
      await fs.readFile(target, 'utf8'),
      '{ "title": "Witaj", "cta": "Zacznij" }\n',
      'the file outside is untouched',
    );
  });

  test('a target locale folder linked outside: its files show as refused in the Problems panel and the Locales view, naming the link', async () => {
    const folder = path.join(workspaceRoot(), 'locales/pl');
    const moved = path.join(outside, 'pl');
    await fs.rename(folder, moved);
    await fs.symlink(moved, folder);
    const a = await api();
    try {
      const { problems, row } = await shown('locales/pl', 'common');
      const real = await fs.realpath(moved);
      assert.deepEqual(problems, [
        `locales/pl is a symbolic link to ${real}, outside the workspace folder: refused (not read, not written)`,
      ]);
      assert.match(row, /^common .*refused.*locales\/pl/, row);
    } finally {
      await fs.rm(folder, { force: true });
      await fs.rename(moved, folder);
      await a.folders.scan(a.folders.configured()[0]!, true);
    }
  });
});

suite('host hooks: a two-factor account signing in again', () => {
  const user = { userName: 'hooks-2fa', password: 'hooks-2fa-Passw0rd', twoFactorCodes: ['111111', '222222'] };
  let phrase: PhraseEmulator;
  let restore: () => Promise<void>;
  suiteSetup(async () => {
    phrase = new PhraseEmulator({
      users: [user],
      projects: [{ uid: 'sync-project', name: 'Hooks', sourceLang: 'en', targetLangs: ['de', 'pl'] }],
    });
    await phrase.start();
    restore = await withPhraseUrl(phrase.url);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('localeLoop.signOut');
    await restore();
    await phrase.stop();
  });

  test('an expired token: push waits for a fresh code instead of re-sending the used one; cancelling it sends no login and says why', async () => {
    const a = await api();
    const ok = await vscode.commands.executeCommand('localeLoop.signIn', {
      userName: user.userName,
      password: user.password,
      code: '111111',
      baseUrl: phrase.url,
      remember: true,
    });
    assert.equal(ok, true);
    const state = path.join(workspaceRoot(), '.locale-loop');
    const hadState = await fs.stat(state).then(
      () => true,
      () => false,
    );
    phrase.expireTokens();
    const before = { logins: phrase.logins, refused: phrase.refusedLogins, exchanges: phrase.log.length };
    const push = vscode.commands.executeCommand('localeLoop.push', { confirm: false });
    try {
      await until(
        () => phrase.log.slice(before.exchanges).some((x) => x.status === 401),
        'the expired token to be refused',
      );
      assert.equal((await within(push, 1500)).settled, false, 'the push waits (for the code the input box asks)');
      assert.deepEqual(
        [phrase.logins, phrase.refusedLogins],
        [before.logins, before.refused],
        'no login sent while waiting: the used code is not sent again',
      );
    } finally {
      // The input box cannot be typed into from the extension host: cancel it.
      await until(
        async () => (
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen'),
          (await within(push, 200)).settled
        ),
        'the push to end once the code prompt is cancelled',
      );
      if (!hadState) await fs.rm(state, { recursive: true, force: true });
    }
    assert.deepEqual(
      [phrase.logins, phrase.refusedLogins],
      [before.logins, before.refused],
      'cancelled: no login without a code either',
    );
    assert.match(lastError(a), /needs a fresh two-factor code, and none was entered/);
  });
});
