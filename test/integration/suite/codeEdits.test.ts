/**
 * The editor features that edit keys in code, inside a real VS Code: the quick fix, extract
 * string and rename key (codeFixture.ts sets up the workspace; runs after code.test.ts).
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { api, until, workspaceRoot } from './helpers';
import { at, file, open, readJson, useCodeWorkspace } from './codeFixture';

suite('Keys in code', () => {
  const workspace = useCodeWorkspace();

  test('quick fix "add to the source locale and translate" writes the key and its machine translations', async () => {
    const a = await api();
    assert.equal(
      await vscode.commands.executeCommand('localeLoop.setModernMtKey', { key: workspace.emulator().apiKey }),
      true,
    );
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
      workspace.savedLocales().get('en/common.json')!.toString('utf8').replace('"greeting":', '"welcome":'),
      'only the key changed, in place',
    );
    const pl = await fs.readFile(file('locales/pl/common.json'), 'utf8');
    assert.equal(
      pl,
      workspace.savedLocales().get('pl/common.json')!.toString('utf8'),
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
