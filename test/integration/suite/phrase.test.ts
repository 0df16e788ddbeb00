import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { ModernMtEmulator } from '../../emulators/modernmt/server';
import { PhraseEmulator } from '../../emulators/phrase/server';
import { acceptQuickPick, api, until, workspaceRoot } from './helpers';

suite('Phrase TMS through the commands', () => {
  const user = { userName: 'vscode-tester', password: 'integration-Passw0rd' };
  let phrase: PhraseEmulator;
  let mmt: ModernMtEmulator;

  suiteSetup(async () => {
    mmt = new ModernMtEmulator();
    await mmt.start();
    phrase = new PhraseEmulator({
      users: [user],
      projects: [{ uid: 'sync-project', name: 'In-host', sourceLang: 'en', targetLangs: ['de', 'pl'] }],
      importDelayMs: 20,
      exportDelayMs: 10,
    });
    await phrase.start();
    const file = path.join(workspaceRoot(), 'locale-loop.json');
    const config = JSON.parse(await fs.readFile(file, 'utf8'));
    await fs.writeFile(
      file,
      JSON.stringify(
        {
          ...config,
          phrase: { ...config.phrase, baseUrl: phrase.url },
          modernmt: { baseUrl: mmt.url, memoryName: 'sync-app human translations' },
        },
        null,
        2,
      ),
    );
    const a = await api();
    await until(
      () => a.folders.configured()[0]?.config?.phrase.baseUrl === phrase.url.replace(/\/+$/, ''),
      'the changed config to be read',
    );
    assert.equal(await vscode.commands.executeCommand('localeLoop.setModernMtKey', { key: mmt.apiKey }), true);
  });
  suiteTeardown(async () => {
    await phrase.stop();
    await mmt.stop();
  });

  test('sign in: the token is kept, and written to no file of the workspace', async () => {
    const ok = await vscode.commands.executeCommand<boolean>('localeLoop.signIn', {
      ...user,
      baseUrl: phrase.url,
      remember: false,
    });
    assert.equal(ok, true);
    const [token] = phrase.issuedTokens();
    assert.ok(token);
    for (const rel of ['locale-loop.json', '.vscode/settings.json', '.locale-loop/state.json']) {
      const text = await fs.readFile(path.join(workspaceRoot(), rel), 'utf8').catch(() => '');
      assert.ok(!text.includes(token!) && !text.includes(user.password), rel);
    }
  });

  test('signed in, nothing pushed yet: the view is empty, so its welcome content says to push', async () => {
    const a = await api();
    await a.jobs.poll();
    assert.deepEqual(await a.jobs.getChildren(), []);
    const welcome = (
      JSON.parse(
        await fs.readFile(
          path.join(vscode.extensions.getExtension('locale-loop.locale-loop')!.extensionPath, 'package.json'),
          'utf8',
        ),
      ) as { contributes: { viewsWelcome: Array<{ view: string; when: string; contents: string }> } }
    ).contributes.viewsWelcome;
    assert.ok(
      welcome.some(
        (w) =>
          w.view === 'localeLoop.jobs' &&
          w.contents === '%welcome.nothingPushed%' &&
          w.when === 'localeLoop.hasConfig && localeLoop.signedIn && !localeLoop.hasJobs',
      ),
    );
  });

  test('push, the linguist completes, pull: files change exactly as the CLI does', async () => {
    const pushed = (await vscode.commands.executeCommand('localeLoop.push', { confirm: false })) as {
      files: Array<{ action: string }>;
    };
    assert.deepEqual(
      pushed.files.map((f) => f.action),
      ['create', 'create'],
    );
    assert.equal(phrase.jobs.size, 4, 'pushed with the stored token: no prompt');
    phrase.complete();
    const pulled = (await vscode.commands.executeCommand('localeLoop.pull', { confirm: false })) as {
      files: Array<{ written: boolean }>;
      conflicts: number;
    };
    assert.equal(pulled.files.filter((f) => f.written).length, 4);
    assert.equal(pulled.conflicts, 0);
    // What was there before (Startseite, Hallo…, and the machine translations) is counted as replaced;
    // the memory note counts the pairs the feed added, one per key and locale (none to replace yet).
    const summary =
      /^Pulled 4 files: \d+ new values?, [1-9]\d* replaced, 0 local edits kept\. ModernMT memory: ([1-9]\d*) pairs added, 0 replaced\.$/.exec(
        (await api()).notices.shown.at(-1)!.message,
      );
    assert.ok(summary, (await api()).notices.shown.at(-1)!.message);
    const memory = [...mmt.memories.values()].find((m) => m.name === 'sync-app human translations')!;
    assert.equal(Number(summary[1]), mmt.pairsOf(memory.id).length, 'the note counts the pairs the memory now holds');
    const de = await fs.readFile(path.join(workspaceRoot(), 'locales/de/common.json'), 'utf8');
    assert.equal(
      de,
      '{\r\n  "nav": {\r\n    "home": "[de] Hömé",\r\n    "settings": "[de] Séttíñgs"\r\n  },\r\n  "greeting": "[de] Héllö, {{name}}!",\r\n  "cart_one": "[de] {{count}} ítém íñ yöür çárt",\r\n  "cart_other": "[de] {{count}} ítéms íñ yöür çárt",\r\n  "terms": "[de] Áççépt thé <0>térms</0>",\r\n  "legacy": "Alt"\r\n}\r\n',
    );
    const a = await api();
    const rows = await until(async () => {
      await a.jobs.poll();
      const r = a.jobs.rowsOf(workspaceRoot());
      return r.length === 4 ? r : undefined;
    }, 'the Phrase TMS view to list the jobs');
    assert.ok(rows.every((r) => r.status === 'COMPLETED' && r.pulledAt));
  });

  test('the pull in the editor puts each pulled pair into the ModernMT memory once, with its tuid namespace#key, accepted at the first attempt', async () => {
    const memory = [...mmt.memories.values()].find((m) => m.name === 'sync-app human translations');
    assert.ok(memory, 'the memory named in locale-loop.json was created');
    // Sent through the extension host's undici: a body lost or mangled on the way is a 400 here.
    const content = mmt.log.filter((x) => /^\/memories\/\d+\/content$/.test(x.path));
    assert.deepEqual(
      [...new Set(content.map((x) => `${x.verb.toUpperCase()} ${x.status}`))],
      ['POST 200'],
      'every pair added, and accepted at the first attempt',
    );
    const sent = content.map((x) => x.body);
    for (const b of sent) {
      assert.ok(
        !('tmx' in b) &&
          ['source', 'target', 'sentence', 'translation', 'tuid'].every((f) => typeof b[f] === 'string' && b[f] !== ''),
        JSON.stringify(b),
      );
    }
    // One pair per source key and target locale, each sent once.
    const expected: string[] = [];
    for (const ns of ['common', 'home']) {
      const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
        Object.entries(o).flatMap(([k, v]) =>
          typeof v === 'string'
            ? [prefix + k]
            : v && typeof v === 'object'
              ? keys(v as Record<string, unknown>, `${prefix}${k}.`)
              : [],
        );
      const source = JSON.parse(await fs.readFile(path.join(workspaceRoot(), `locales/en/${ns}.json`), 'utf8'));
      for (const locale of ['de', 'pl']) {
        for (const key of keys(source)) expected.push(`${locale} locales/{locale}/${ns}.json#${key}`);
      }
    }
    assert.deepEqual(sent.map((b) => `${String(b.target)} ${String(b.tuid)}`).sort(), expected.sort());
    const pairs = mmt.pairsOf(memory.id).map((p) => `${p.target} ${p.tuid}: ${p.sentence} → ${p.translation}`);
    assert.equal(pairs.length, expected.length, `the memory holds each pair once: ${pairs.join(' | ')}`);
    assert.ok(pairs.includes('de locales/{locale}/common.json#nav.home: Home → [de] Hömé'), pairs.join(' | '));
    assert.ok(
      pairs.includes('pl locales/{locale}/home.json#title: Welcome to Locale Loop → [pl] Wélçömé tö Löçálé Lööp'),
      pairs.join(' | '),
    );
    assert.ok(
      pairs.includes('de locales/{locale}/common.json#greeting: Hello, <x0/>! → [de] Héllö, <x0/>!'),
      'in the protected form of the translate requests',
    );
  });

  test('a local edit made after the push is kept and listed as a conflict; "take theirs" resolves it', async () => {
    const rel = 'locales/de/home.json';
    const file = path.join(workspaceRoot(), rel);
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('"[de] Stárt ñöw"', '"Los geht\'s"'));
    await vscode.commands.executeCommand('localeLoop.push', { confirm: false });
    const sync = JSON.parse(await fs.readFile(path.join(workspaceRoot(), '.locale-loop/state.json'), 'utf8'));
    phrase.complete({
      jobUids: [sync.files['locales/{locale}/home.json'].jobs.de.uid],
      translations: { [sync.files['locales/{locale}/home.json'].jobs.de.uid]: { cta: 'Jetzt starten' } },
    });
    const pulled = (await vscode.commands.executeCommand('localeLoop.pull', { confirm: false })) as {
      conflicts: number;
    };
    assert.equal(pulled.conflicts, 1);
    assert.match(await fs.readFile(file, 'utf8'), /"cta": "Los geht's"/, 'the local edit is kept');
    const a = await api();
    assert.deepEqual(
      a.conflicts.all().map((c) => [c.conflict.key, c.conflict.local, c.conflict.remote]),
      [['cta', "Los geht's", 'Jetzt starten']],
    );
    const [left, right] = a.conflicts.uris(workspaceRoot(), a.conflicts.all()[0]!.conflict);
    const header = 'Source (en): Start now\nBase (when pushed or last pulled): [de] Stárt ñöw\n\n';
    assert.equal(
      (await vscode.workspace.openTextDocument(left)).getText(),
      `${header}Yours:\nLos geht's\n`,
      'the diff shows the source, the base and yours…',
    );
    assert.equal(
      (await vscode.workspace.openTextDocument(right)).getText(),
      `${header}Theirs (the translation):\nJetzt starten\n`,
      '…and the translation',
    );
    await vscode.commands.executeCommand('vscode.diff', left, right, 'conflict');
    const diffTabs = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.original.toString() === left.toString());
    assert.equal(diffTabs().length, 1, 'the diff is open');
    assert.equal(
      await vscode.commands.executeCommand('localeLoop.showConflicts', {
        folder: workspaceRoot(),
        file: rel,
        key: 'cta',
        choice: 'theirs',
      }),
      true,
    );
    assert.match(await fs.readFile(file, 'utf8'), /"cta": "Jetzt starten"/);
    assert.equal(a.conflicts.all().length, 0);
    assert.equal(diffTabs().length, 0, 'the diff is closed');
    assert.equal(a.notices.shown.at(-1)!.message, 'Took the translation of "cta" into locales/de/home.json.');
  });

  test('"Keep Mine" keeps the edit, confirms it, and the same translation is not reported again (the CLI\'s pull --prefer local)', async () => {
    const rel = 'locales/pl/home.json';
    const file = path.join(workspaceRoot(), rel);
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(/"cta": "[^"]*"/, '"cta": "Zaczynamy"'));
    await vscode.commands.executeCommand('localeLoop.push', { confirm: false });
    const sync = JSON.parse(await fs.readFile(path.join(workspaceRoot(), '.locale-loop/state.json'), 'utf8'));
    const uid = sync.files['locales/{locale}/home.json'].jobs.pl.uid;
    phrase.complete({ jobUids: [uid], translations: { [uid]: { cta: 'Zacznij teraz' } } });
    assert.equal(
      ((await vscode.commands.executeCommand('localeLoop.pull', { confirm: false })) as { conflicts: number })
        .conflicts,
      1,
    );
    const a = await api();
    assert.equal(
      await vscode.commands.executeCommand('localeLoop.showConflicts', {
        folder: workspaceRoot(),
        file: rel,
        key: 'cta',
        choice: 'mine',
      }),
      true,
    );
    assert.equal(
      a.notices.shown.at(-1)!.message,
      'Kept your value of "cta" in locales/pl/home.json; this translation will not be reported again.',
    );
    assert.equal(
      JSON.parse(await fs.readFile(path.join(workspaceRoot(), '.locale-loop/state.json'), 'utf8')).files[
        'locales/{locale}/home.json'
      ].jobs.pl.kept.cta,
      'Zacznij teraz',
    );
    assert.equal(
      ((await vscode.commands.executeCommand('localeLoop.pull', { confirm: false })) as { conflicts: number })
        .conflicts,
      0,
      'not reported again',
    );
    assert.match(await fs.readFile(file, 'utf8'), /"cta": "Zaczynamy"/);
  });

  test('an emulator fault mid-pull: an error with "Show Log", and no half-written file', async () => {
    const before = await Promise.all(
      ['locales/de/common.json', 'locales/pl/common.json'].map((r) =>
        fs.readFile(path.join(workspaceRoot(), r), 'utf8'),
      ),
    );
    phrase.complete();
    // A 4xx is not retried (retries of 429/5xx are covered by the client's own tests): fails at once.
    phrase.setFaults([{ kind: 'status', status: 400, errorCode: 'InvalidArguments', path: '/downloadTargetFile/' }]);
    const pulled = (await vscode.commands.executeCommand('localeLoop.pull', { confirm: false })) as
      { errors: number } | undefined;
    phrase.setFaults([]);
    assert.ok(pulled && pulled.errors > 0, 'the pull reports the failure');
    const error = (await api()).notices.shown.filter((n) => n.severity === 'error').at(-1)!;
    assert.equal(error.message, `${pulled.errors} jobs could not be pulled; nothing was written for them.`);
    assert.deepEqual(error.actions, ['Show Log']);
    assert.match(
      error.detail ?? '',
      /HTTP 400 InvalidArguments/,
      'the HTTP detail is kept for the log, not in the sentence',
    );
    const after = await Promise.all(
      ['locales/de/common.json', 'locales/pl/common.json'].map((r) =>
        fs.readFile(path.join(workspaceRoot(), r), 'utf8'),
      ),
    );
    assert.deepEqual(after, before, 'nothing written half-way');
    const leftovers = (await fs.readdir(path.join(workspaceRoot(), 'locales/de'))).filter((f) => f.endsWith('.tmp'));
    assert.deepEqual(leftovers, [], 'no temp file left behind');
  });

  test('a push after the jobs were completed says plainly that new jobs were created, and the completed ones stay as history', async () => {
    const a = await api();
    phrase.complete();
    await a.jobs.poll();
    const file = path.join(workspaceRoot(), 'locales/en/home.json');
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('Start now', 'Begin now'));
    await vscode.commands.executeCommand('localeLoop.push', { confirm: false });
    const notice = a.notices.shown.at(-1)!;
    assert.equal(notice.severity, 'info', 'not a warning: nothing failed');
    assert.equal(
      notice.message,
      'Pushed 1 file to Phrase TMS. New jobs were created for locales/en/home.json because the previous ones were completed; those stay in the Phrase TMS view as history.',
    );
    await a.jobs.poll();
    const [project] = await a.jobs.getChildren();
    const home = (await a.jobs.getChildren(project)).find(
      (n) => n.kind === 'file' && n.file === 'locales/en/home.json',
    )!;
    const labels = (await a.jobs.getChildren(home)).map((n) => String(a.jobs.getTreeItem(n).label));
    assert.deepEqual(labels.sort(), ['de', 'de (earlier job)', 'pl', 'pl (earlier job)']);
  });

  test('no Phrase TMS project in locale-loop.json: the view says so, and Create Configuration lists the projects and writes the pick', async () => {
    const a = await api();
    const file = path.join(workspaceRoot(), 'locale-loop.json');
    const config = JSON.parse(await fs.readFile(file, 'utf8'));
    delete config.phrase.projectUid;
    await fs.writeFile(file, JSON.stringify(config, null, 2));
    await until(
      () => a.folders.configured()[0]?.config && !a.folders.configured()[0]!.config!.phrase.projectUid,
      'the config without a project',
    );
    const [row] = await a.jobs.getChildren();
    assert.match(String(a.jobs.getTreeItem(row!).label), /no Phrase TMS project in locale-loop\.json/);
    assert.equal(a.jobs.getTreeItem(row!).command?.command, 'localeLoop.createConfig');
    await acceptQuickPick(
      vscode.commands.executeCommand('localeLoop.createConfig', { folder: workspaceRoot() }),
      'the project picker',
    );
    assert.equal(
      JSON.parse(await fs.readFile(file, 'utf8')).phrase.projectUid,
      'sync-project',
      "the emulator's only project, picked from the list",
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('signing out clears the jobs and hides the status-bar count', async () => {
    const a = await api();
    await until(async () => (await a.jobs.poll(), a.jobs.rowsOf(workspaceRoot()).length > 0), 'the jobs');
    assert.ok(a.jobs.statusText, 'jobs in translation are counted');
    await vscode.commands.executeCommand('localeLoop.signOut');
    assert.equal(a.jobs.statusText, undefined);
    assert.deepEqual(a.jobs.rowsOf(workspaceRoot()), []);
    assert.deepEqual(await a.jobs.getChildren(), []);
  });

  test('no secret in the Locale Loop log', async () => {
    const text = await fs.readFile(path.join((await api()).logDir, 'Locale Loop.log'), 'utf8');
    assert.match(text, /signed in to Phrase TMS at .* as vscode-tester/, 'the log holds what happened');
    assert.match(text, /pushed locales\/en\/common\.json/);
    for (const token of phrase.issuedTokens()) assert.ok(!text.includes(token), 'no token');
    assert.ok(!text.includes(user.password), 'no password');
  });
});
