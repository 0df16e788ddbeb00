/**
 * The editor features that read keys in code, inside a real VS Code: hover, inline values,
 * completion, definition, references and diagnostics (codeFixture.ts sets up the workspace;
 * codeEdits.test.ts holds the features that edit).
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { api, until, workspaceRoot } from './helpers';
import { at, file, hoverText, longIntro, open, useCodeWorkspace } from './codeFixture';

suite('Keys in code', () => {
  useCodeWorkspace();

  test('hover shows every locale\'s value, "pl: missing" in words, and the actions', async () => {
    const { document } = await open('src/Home.tsx');
    const text = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        at(document, "t('title')", 3),
      ),
    );
    assert.match(text, /\*\*home:title\*\*/);
    assert.match(text, /\*\*en\*\*: Welcome to Locale Loop/);
    assert.match(text, /- de: Willkommen bei Locale Loop/);
    assert.match(text, /- pl: missing/);
    assert.match(text, /\[Translate into pl with ModernMT\]\(command:localeLoop\.translateKey\?/);
    assert.match(text, /\[Open in locales\/en\/home\.json\]\(command:localeLoop\.revealKey\?/);
  });

  test('hover through an aliased t with a keyPrefix, and through ns:key, resolves the right key', async () => {
    const { document } = await open('src/Home.tsx');
    const nav = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        at(document, "tc('home')", 4),
      ),
    );
    assert.match(nav, /\*\*common:nav\.home\*\*/);
    assert.match(nav, /- pl: Strona główna/);
    const greeting = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        at(document, 'common:greeting', 8),
      ),
    );
    assert.match(greeting, /\*\*common:greeting\*\*/);
    assert.match(greeting, /- de: Hallo, \{\{name\}\}!/);
  });

  test('hover marks a provisional machine translation and shows the Phrase TMS job of each locale', async () => {
    await fs.mkdir(file('.locale-loop'), { recursive: true });
    const job = (uid: string) => ({
      uid,
      phraseLang: uid.slice(-2),
      filename: 'common.json',
      base: {},
      status: 'ASSIGNED',
      pushedAt: '2026-01-01T00:00:00Z',
    });
    const state = {
      version: 1,
      files: {
        'locales/{locale}/common.json': {
          sourceFile: 'locales/en/common.json',
          sourceHash: 'x',
          pushedAt: '2026-01-01T00:00:00Z',
          source: {},
          jobs: { de: job('job-de'), pl: job('job-pl') },
        },
      },
      provisional: { 'locales/{locale}/common.json': { de: { greeting: 'Hallo, {{name}}!' } } },
    };
    await fs.writeFile(file('.locale-loop/state.json'), JSON.stringify(state));
    const { document } = await open('src/Checkout.tsx');
    const text = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        at(document, "t('greeting')", 4),
      ),
    );
    assert.match(text, /- de: Hallo, \{\{name\}\}! — \*machine translation \(provisional\)\* · Phrase TMS: ASSIGNED/);
    assert.match(text, /- pl: missing — Phrase TMS: ASSIGNED/);
    assert.doesNotMatch(text, /\*\*en\*\*: .*provisional/);
    assert.match(text, /\[Open the pl job\]\(command:localeLoop\.openJobInPhrase\?[^)]*job-pl/);
    await fs.rm(file('.locale-loop'), { recursive: true, force: true });
  });

  test('inline values: the source value after each call, cut at 40 characters, only in the requested lines, none on the cursor line', async () => {
    const editor = await open('src/Home.tsx');
    const document = editor.document;
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const all = new vscode.Range(0, 0, document.lineCount, 0);
    const hints = await until(async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>(
        'vscode.executeInlayHintProvider',
        document.uri,
        all,
      );
      return h.length > 0 ? h : undefined;
    }, 'inline values');
    const label = (h: vscode.InlayHint) =>
      typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('');
    const byLine = new Map(hints.map((h) => [h.position.line, label(h)]));
    assert.equal(byLine.get(at(document, "t('title')").line), 'Welcome to Locale Loop');
    assert.equal(byLine.get(at(document, "tc('home')").line), 'Home');
    const intro = byLine.get(at(document, "t('intro')").line)!;
    assert.equal(intro.length, 40);
    assert.ok(intro.endsWith('…') && longIntro.startsWith(intro.slice(0, -1)), intro);
    const titleHint = hints.find((h) => h.position.line === at(document, "t('title')").line)!;
    assert.equal(
      titleHint.position.character,
      at(document, "t('title')", "t('title')".length).character,
      'right after the call',
    );
    const titleLine = at(document, "t('title')").line;
    const one = await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      document.uri,
      document.lineAt(titleLine).range,
    );
    assert.deepEqual(
      one.map((h) => [h.position.line, label(h)]),
      [[titleLine, 'Welcome to Locale Loop']],
      'a one-line range gets the hint of that line only',
    );

    editor.selection = new vscode.Selection(at(document, "t('title')"), at(document, "t('title')"));
    const editing = await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      document.uri,
      all,
    );
    assert.ok(
      !editing.some((h) => h.position.line === at(document, "t('title')").line),
      'no hint on the line being edited',
    );
    assert.ok(
      editing.some((h) => h.position.line === at(document, "tc('home')").line),
      'the other lines keep theirs',
    );
  });

  test('inline values follow the locale setting and can be turned off', async () => {
    const editor = await open('src/Home.tsx');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const settings = vscode.workspace.getConfiguration('localeLoop');
    const all = new vscode.Range(0, 0, editor.document.lineCount, 0);
    try {
      await settings.update('inlineValues.locale', 'de', vscode.ConfigurationTarget.Workspace);
      const de = await vscode.commands.executeCommand<vscode.InlayHint[]>(
        'vscode.executeInlayHintProvider',
        editor.document.uri,
        all,
      );
      const labels = de.map((h) => String(h.label));
      assert.ok(labels.includes('Willkommen bei Locale Loop'), labels.join(' | '));
      assert.ok(labels.includes('de: missing'), 'home:cta has no German value');
      await settings.update('inlineValues.enabled', false, vscode.ConfigurationTarget.Workspace);
      assert.deepEqual(
        await vscode.commands.executeCommand<vscode.InlayHint[]>(
          'vscode.executeInlayHintProvider',
          editor.document.uri,
          all,
        ),
        [],
      );
    } finally {
      await settings.update('inlineValues.locale', undefined, vscode.ConfigurationTarget.Workspace);
      await settings.update('inlineValues.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await fs.rm(file('.vscode'), { recursive: true, force: true });
    }
  });

  test('completion offers the keys of the namespace in scope, keyPrefix applied, the source value as detail', async () => {
    const editor = await open('src/Home.tsx');
    const document = editor.document;
    const line = at(document, '<Trans').line;
    await editor.edit((b) =>
      b.insert(new vscode.Position(line, 0), "      {t('')}{tc('')}{t($ => $.)}<Trans i18nKey=\"\" t={t} />\n"),
    );
    const complete = async (needle: string, offset: number) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        at(document, needle, offset),
      );
      return new Map(
        list.items
          .filter((i) => i.kind === vscode.CompletionItemKind.Value)
          .map((i) => [typeof i.label === 'string' ? i.label : i.label.label, i]),
      );
    };
    try {
      const own = await complete("{t('')}", 4);
      assert.deepEqual([...own.keys()].sort(), ['cta', 'intro', 'title']);
      assert.equal(own.get('title')!.detail, 'Welcome to Locale Loop');
      const prefixed = await complete("{tc('')}", 5);
      assert.deepEqual([...prefixed.keys()].sort(), ['home', 'settings']);
      assert.equal(prefixed.get('settings')!.detail, 'Settings');
      const selector = await complete('$ => $.)', 7);
      assert.ok(selector.has('title') && selector.has('cta'), [...selector.keys()].join(', '));
      const trans = await complete('i18nKey=""', 9);
      assert.ok(trans.has('cta'), [...trans.keys()].join(', '));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    const checkout = (await open('src/Checkout.tsx')).document;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      checkout.uri,
      at(checkout, "t('greeting')", 3),
    );
    const labels = list.items
      .filter((i) => i.kind === vscode.CompletionItemKind.Value)
      .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      labels.includes('cart') && labels.includes('nav.home'),
      'the first namespace of useTranslation([…]) plain; plural forms once, by their base',
    );
    assert.ok(!labels.includes('cart_one'));
    assert.ok(labels.includes('home:cta'), 'the other namespace as ns:key');
  });

  test('go to definition opens the key in the source locale file', async () => {
    const { document } = await open('src/Home.tsx');
    const defs = async (needle: string, offset: number) =>
      vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider',
        document.uri,
        at(document, needle, offset),
      );
    const [title] = (await defs("t('title')", 4)) as vscode.LocationLink[];
    assert.equal(title!.targetUri.fsPath, file('locales/en/home.json'));
    assert.equal(title!.targetRange.start.line, 1);
    const [nav] = (await defs("tc('home')", 5)) as vscode.LocationLink[];
    assert.equal(nav!.targetUri.fsPath, file('locales/en/common.json'));
    const en = await vscode.workspace.openTextDocument(file('locales/en/common.json'));
    assert.match(en.getText(nav!.targetRange), /^"home": "Home"$/);
    const [cart] = (await defs("t('cart'", 4)) as vscode.LocationLink[];
    assert.match(en.getText(cart!.targetRange), /^"cart_other": /, 'a plural base goes to its _other form');
  });

  test('find all references: every usage in the workspace, from code and from the locale JSON file', async () => {
    const { document } = await open('src/Home.tsx');
    const describe = (locs: vscode.Location[]) =>
      locs.map((l) => `${path.relative(workspaceRoot(), l.uri.fsPath)}:${l.range.start.line + 1}`).sort();
    const fromCode = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      document.uri,
      at(document, 'common:greeting', 9),
    );
    assert.deepEqual(describe(fromCode), ['locales/en/common.json:6', 'src/Checkout.tsx:5', 'src/Home.tsx:12']);
    const en = await vscode.workspace.openTextDocument(file('locales/en/common.json'));
    const fromJson = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      en.uri,
      at(en, '"cart_one"', 3),
    );
    assert.deepEqual(
      describe(fromJson).filter((l) => l.startsWith('src/')),
      [`src/Home.tsx:${at(document, "t('cart'").line + 1}`],
      'cart (with count) is a usage of cart_one',
    );
  });

  test('code diagnostics: used but missing from the source (warning), missing in some targets (information)', async () => {
    const a = await api();
    const { document } = await open('src/Home.tsx');
    const diagnostics = await a.code.diagnostics.update(document);
    const missing = diagnostics.find((d) => d.severity === vscode.DiagnosticSeverity.Warning)!;
    assert.equal(missing.message, '"home:notThere" is used here but missing from the source locale (en).');
    assert.equal(document.getText(missing.range), 'notThere');
    const title = diagnostics.find((d) => d.range.start.line === at(document, "t('title')").line)!;
    assert.equal(title.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(title.message, '"home:title" has no translation in pl.');
    const computed = document.offsetAt(at(document, 't(`nav.${page}`)'));
    assert.ok(
      !diagnostics.some(
        (d) => document.offsetAt(d.range.start) >= computed && document.offsetAt(d.range.start) < computed + 16,
      ),
      'a computed key makes no claim',
    );
    const ours = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Locale Loop');
    await until(
      () => ours().length === diagnostics.length && ours().some((d) => d.message === missing.message),
      'the Problems panel entries',
    );
  });
});
