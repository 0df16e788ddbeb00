/**
 * The editor features on keys in code, inside a real VS Code: the code of test/fixtures/code-app
 * is copied into the workspace's src/ and every locale file touched is put back afterwards (the
 * suites after this one count keys).
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { ModernMtEmulator } from '../../emulators/modernmt/server';
import { api, until, workspaceRoot } from './helpers';

const fixture = path.resolve(__dirname, '../../../test/fixtures/code-app/src');
const longIntro = 'Plants, pots and everything a balcony garden needs, delivered to your door';

/** Every file under a folder, relative path → bytes (missing folder: empty). */
async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (d: string) => {
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(path.relative(dir, p), await fs.readFile(p));
    }
  };
  await walk(dir);
  return out;
}

async function restore(dir: string, saved: Map<string, Buffer>): Promise<void> {
  for (const rel of (await snapshot(dir)).keys()) if (!saved.has(rel)) await fs.rm(path.join(dir, rel));
  for (const [rel, bytes] of saved) await fs.writeFile(path.join(dir, rel), bytes);
}

function file(rel: string): string {
  return path.join(workspaceRoot(), rel);
}

async function open(rel: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(vscode.Uri.file(file(rel)));
}

/** The position `offset` characters into the first occurrence of `needle`. */
function at(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const i = document.getText().indexOf(needle);
  assert.ok(i >= 0, `"${needle}" is in ${document.fileName}`);
  return document.positionAt(i + offset);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function readJson(rel: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(file(rel), 'utf8'));
}

suite('Keys in code', () => {
  let locales: Map<string, Buffer>;
  let configBytes: Buffer;
  let mmt: ModernMtEmulator;

  suiteSetup(async () => {
    const a = await api();
    await until(() => a.folders.configured().length > 0, 'the config to load');
    locales = await snapshot(file('locales'));
    configBytes = await fs.readFile(file('locale-loop.json'));
    await fs.cp(fixture, file('src'), { recursive: true });
    const home = await readJson('locales/en/home.json');
    await fs.writeFile(file('locales/en/home.json'), JSON.stringify({ ...home, intro: longIntro }, null, 2) + '\n');
    mmt = new ModernMtEmulator();
    await mmt.start();
    const config = JSON.parse(configBytes.toString('utf8'));
    await fs.writeFile(
      file('locale-loop.json'),
      JSON.stringify({ ...config, modernmt: { baseUrl: mmt.url } }, null, 2),
    );
    await until(() => a.folders.configured()[0]?.config?.modernmt.baseUrl === mmt.url, 'the changed config to be read');
    await a.folders.scan(a.folders.configured()[0]!, true);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restore(file('locales'), locales);
    await fs.writeFile(file('locale-loop.json'), configBytes);
    await fs.rm(file('src'), { recursive: true, force: true });
    await fs.rm(file('.locale-loop'), { recursive: true, force: true });
    const url = mmt.url;
    await mmt.stop();
    const a = await api();
    await until(() => a.folders.configured()[0]?.config?.modernmt.baseUrl !== url, 'the config to be restored');
    await a.folders.scan(a.folders.configured()[0]!, true);
  });

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

  test('quick fix "add to the source locale and translate" writes the key and its machine translations', async () => {
    const a = await api();
    assert.equal(await vscode.commands.executeCommand('localeLoop.setModernMtKey', { key: mmt.apiKey }), true);
    const { document } = await open('src/Home.tsx');
    const range = new vscode.Range(at(document, 'notThere'), at(document, 'notThere', 3));
    await a.code.diagnostics.update(document);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((x) => x.title);
    assert.ok(titles.includes('Add "notThere" to the source locale…'), titles.join(' | '));
    const fix = actions.find((x) => x.title === 'Add "notThere" to the source locale and translate it with ModernMT…')!;
    assert.equal(
      await vscode.commands.executeCommand(fix.command!.command, {
        ...fix.command!.arguments![0],
        text: 'Not there yet',
      }),
      true,
    );
    assert.equal((await readJson('locales/en/home.json')).notThere, 'Not there yet');
    assert.equal((await readJson('locales/de/home.json')).notThere, '[de] NOt thErE yEt');
    const after = await until(async () => {
      const d = await a.code.diagnostics.update(document);
      return d.some((x) => x.severity === vscode.DiagnosticSeverity.Warning) ? undefined : d;
    }, 'the warning to go');
    assert.ok(
      !after.some((d) => d.range.start.line === range.start.line),
      'translated into every target: nothing left to say',
    );
  });

  test('extract string: the JSX text becomes t(key) in the namespace in scope, written and machine-translated', async () => {
    const { document } = await open('src/Home.tsx');
    const pos = at(document, 'Free delivery', 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(pos, pos),
      vscode.CodeActionKind.RefactorExtract.value,
    );
    const extract = actions.find((x) => x.title.startsWith('Extract "Free delivery'))!;
    assert.ok(extract, actions.map((x) => x.title).join(' | '));
    const result = await vscode.commands.executeCommand<{ key: string; namespace: string }>(extract.command!.command, {
      ...extract.command!.arguments![0],
      key: 'footer.freeDelivery',
      translate: true,
    });
    assert.deepEqual(result && { key: result.key, namespace: result.namespace }, {
      key: 'footer.freeDelivery',
      namespace: 'home',
    });
    assert.match(document.getText(), /<footer>\{t\('footer\.freeDelivery'\)\}<\/footer>/);
    assert.deepEqual((await readJson('locales/en/home.json')).footer, {
      freeDelivery: 'Free delivery on orders over 50 euros.',
    });
    assert.deepEqual((await readJson('locales/de/home.json')).footer, {
      freeDelivery: '[de] FrEE dElIvEry On OrdErs OvEr 50 EUrOs.',
    });
    const state = await readJson('.locale-loop/state.json');
    assert.equal(
      (state.provisional as Record<string, Record<string, Record<string, string>>>)['locales/{locale}/home.json']!.de![
        'footer.freeDelivery'
      ],
      '[de] FrEE dElIvEry On OrdErs OvEr 50 EUrOs.',
    );
    await document.save();
  });

  test('extract string in a component without useTranslation adds the hook and its import', async () => {
    const { document } = await open('src/Banner.tsx');
    const pos = at(document, 'Summer sale', 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(pos, pos),
      vscode.CodeActionKind.RefactorExtract.value,
    );
    const extract = actions.find((x) => x.title === 'Extract "Summer sale" to a translation key')!;
    assert.ok(extract, actions.map((x) => x.title).join(' | '));
    const classOffset = document.offsetAt(at(document, '"banner"', 2));
    const onClass = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(document.positionAt(classOffset), document.positionAt(classOffset)),
      vscode.CodeActionKind.RefactorExtract.value,
    );
    assert.ok(!onClass.some((x) => x.title.endsWith('to a translation key')), 'a className is not text');
    await vscode.commands.executeCommand(extract.command!.command, {
      ...extract.command!.arguments![0],
      key: 'banner.summerSale',
      translate: false,
    });
    assert.equal(
      document.getText(),
      "import { memo } from 'react';\nimport { useTranslation } from 'react-i18next';\n\nexport const Banner = memo(function Banner() {\n  const { t } = useTranslation();\n  return <p className=\"banner\">{t('banner.summerSale')}</p>;\n});\n",
    );
    assert.deepEqual(await readJson('locales/en/translation.json'), { banner: { summerSale: 'Summer sale' } });
    await document.save();
  });

  test('extract string in a Vue <script setup>: offered without a Vue extension, the literal becomes t(key), i18next-vue useTranslation added', async () => {
    await fs.writeFile(
      file('src/Promo.vue'),
      "<template>\n  <p>{{ label }}</p>\n</template>\n\n<script setup lang=\"ts\">\nimport { computed } from 'vue';\nconst label = computed(() => 'Welcome back');\n</script>\n",
    );
    const { document } = await open('src/Promo.vue');
    const pos = at(document, 'Welcome back', 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(pos, pos),
      vscode.CodeActionKind.RefactorExtract.value,
    );
    const extract = actions.find((x) => x.title === 'Extract "Welcome back" to a translation key')!;
    assert.ok(extract, `${document.languageId}: ${actions.map((x) => x.title).join(' | ')}`);
    await vscode.commands.executeCommand(extract.command!.command, {
      ...extract.command!.arguments![0],
      key: 'promo.welcomeBack',
      translate: false,
    });
    assert.equal(
      document.getText(),
      "<template>\n  <p>{{ label }}</p>\n</template>\n\n<script setup lang=\"ts\">\nimport { computed } from 'vue';\nimport { useTranslation } from 'i18next-vue';\nconst { t } = useTranslation();\nconst label = computed(() => t('promo.welcomeBack'));\n</script>\n",
    );
    assert.deepEqual((await readJson('locales/en/translation.json')).promo, { welcomeBack: 'Welcome back' });
    await document.save();
  });

  test('rename key: every locale file (format kept) and every literal usage, in one edit', async () => {
    const { document } = await open('src/Checkout.tsx');
    const pos = at(document, "t('greeting')", 4);
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>(
      'vscode.prepareRename',
      document.uri,
      pos,
    );
    assert.equal(prepared.placeholder, 'greeting');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      document.uri,
      pos,
      'welcome',
    );
    const files = edit
      .entries()
      .map(([uri]) => path.relative(workspaceRoot(), uri.fsPath))
      .sort();
    assert.deepEqual(files, ['locales/de/common.json', 'locales/en/common.json', 'src/Checkout.tsx', 'src/Home.tsx']);
    // Read, not opened: an opened document would lag behind later writes to its file.
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file('locales/pl/common.json')),
      'the locale file without the key is not opened in the editor',
    );
    // Applied without the preview's confirmation (the test plays the user who accepts it).
    const plain = new vscode.WorkspaceEdit();
    for (const [uri, edits] of edit.entries()) for (const e of edits) plain.replace(uri, e.range, e.newText);
    assert.ok(await vscode.workspace.applyEdit(plain));
    for (const [uri] of edit.entries()) {
      assert.ok(await (await vscode.workspace.openTextDocument(uri)).save(), `saved ${uri.fsPath}`);
    }
    const en = await fs.readFile(file('locales/en/common.json'), 'utf8');
    assert.equal(
      en,
      locales.get('en/common.json')!.toString('utf8').replace('"greeting":', '"welcome":'),
      'only the key changed, in place',
    );
    const pl = await fs.readFile(file('locales/pl/common.json'), 'utf8');
    assert.equal(
      pl,
      locales.get('pl/common.json')!.toString('utf8'),
      'a file without the key is untouched (tabs kept)',
    );
    assert.match(await fs.readFile(file('locales/de/common.json'), 'utf8'), /"welcome": "Hallo, \{\{name\}\}!"/);
    assert.match(await fs.readFile(file('src/Home.tsx'), 'utf8'), /t\('common:welcome', \{ name: 'Ada' \}\)/);
    assert.match(await fs.readFile(file('src/Checkout.tsx'), 'utf8'), /t\('welcome'\)/);
  });

  test('rename key is refused when a computed key may use it', async () => {
    const { document } = await open('src/Home.tsx');
    const line = at(document, 't(`nav.').line + 1;
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand(
          'vscode.executeDocumentRenameProvider',
          document.uri,
          at(document, "tc('home')", 5),
          'start',
        ),
      ),
      new RegExp(`Cannot rename "nav\\.home": the computed key at src/Home\\.tsx:${line} may use it`),
    );
  });
});
