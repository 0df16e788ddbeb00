/**
 * The vscode-free half of the editor features: the catalog of locale values, the hover's key
 * information, inline hints, and what "extract string" finds at an offset. (The providers around
 * them are tested inside VS Code: test/integration/suite/code.test.ts.)
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { extractTarget, proposeKey } from '../../src/code/extract';
import { resolveText } from '../../src/code/resolver';
import { Catalog } from '../../src/host/code/catalog';
import { inlineHints, truncate } from '../../src/host/code/inlineHints';
import { hoverMarkdown, keyInfo } from '../../src/host/code/keyInfo';
import { loadConfig } from '../../src/locales/config';
import { scanWorkspace } from '../../src/locales/scan';
import type { SyncState } from '../../src/sync/state';
import { fixturesDir } from './helpers';

const words = {
  missing: 'missing',
  provisional: 'provisional',
  job: (s: string, step?: string) => `job ${step ?? ''} ${s}`,
  translate: (l: string) => `translate ${l}`,
  open: (f: string) => `open ${f}`,
  openJob: (l: string) => `job ${l}`,
};

async function syncApp(): Promise<Catalog> {
  const config = await loadConfig(path.join(fixturesDir, 'sync-app'));
  return Catalog.load(config, await scanWorkspace(config));
}

describe('editor model: catalog, key info, inline hints', () => {
  it('finds a code key as i18next would: itself, a plural base by its _other form, a parent by its first child, any namespace when unknown', async () => {
    const c = await syncApp();
    assert.deepEqual(c.find(['common'], 'greeting')?.key, 'greeting');
    assert.deepEqual(c.find(['common'], 'cart')?.key, 'cart_other');
    assert.deepEqual(c.find(['common'], 'nav')?.key, 'nav.home');
    assert.equal(c.find(['home'], 'greeting'), undefined, 'not in home');
    assert.equal(c.find([], 'cta')?.ns.namespace, 'home');
    assert.equal(c.find(['common'], 'nav.nowhere'), undefined);
  });

  it('key info: every locale, missing ones named, provisional only while the value is the machine one, the job per locale', async () => {
    const c = await syncApp();
    const state: SyncState = {
      version: 1,
      files: {
        'locales/{locale}/common.json': {
          sourceFile: 'locales/en/common.json',
          sourceHash: '',
          pushedAt: '',
          source: {},
          jobs: {
            pl: { uid: 'J-pl', phraseLang: 'pl', filename: 'common.json', base: {}, status: 'NEW', pushedAt: '' },
          },
        },
      },
      provisional: {
        'locales/{locale}/common.json': { de: { greeting: 'Hallo, {{name}}!', 'nav.home': 'Start (edited since)' } },
      },
    };
    const greeting = keyInfo(c, ['common'], 'greeting', state, [
      {
        file: '',
        namespace: 'locales/{locale}/common.json',
        locale: 'pl',
        uid: 'J-pl',
        jobUid: 'J-pl',
        workflowLevel: 1,
        pullStep: true,
        status: 'ASSIGNED',
        step: 'Translation',
      },
    ])!;
    assert.deepEqual(
      greeting.lines.map((l) => [l.locale, l.value, l.provisional, l.job?.status, l.job?.step]),
      [
        ['en', 'Hello, {{name}}!', false, undefined, undefined],
        ['de', 'Hallo, {{name}}!', true, undefined, undefined],
        ['pl', undefined, false, 'ASSIGNED', 'Translation'],
      ],
    );
    assert.deepEqual(greeting.missing, ['pl']);
    assert.equal(
      keyInfo(c, ['common'], 'nav.home', state)!.lines[1]!.provisional,
      false,
      'edited since the machine wrote it',
    );
    const md = hoverMarkdown(greeting, words, {
      translate: 'command:t',
      open: 'command:o',
      job: (_l, uid) => `command:j-${uid}`,
    });
    assert.match(md, /^- pl: missing — job Translation ASSIGNED$/m);
    assert.match(md, /^- de: Hallo, \{\{name\}\}! — \*provisional\*$/m);
    assert.match(
      md,
      /\[translate pl\]\(command:t\) · \[open locales\/en\/common\.json\]\(command:o\) · \[job pl\]\(command:j-J-pl\)/,
    );
    assert.equal(keyInfo(c, ['common'], 'missing.key'), undefined);
  });

  it('inline hints: the value after each call, cut at 40 characters, none on the skipped lines, none for computed keys', async () => {
    const c = await syncApp();
    const src =
      "const { t } = useTranslation('common');\nt('greeting');\nt('nav.home'); t(`nav.${x}`);\nt('cart', { count });\n";
    const { sites } = resolveText(src, 'a.ts', {
      functions: ['t'],
      nsSeparator: ':',
      keySeparator: '.',
      defaultNamespace: 'translation',
    });
    const hints = inlineHints(sites, c, { missingLabel: (l) => `${l}: missing` });
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.position.character, h.label]),
      [
        [1, 13, 'Hello, {{name}}!'],
        [2, 13, 'Home'],
        [3, 20, '{{count}} items in your cart'],
      ],
    );
    assert.deepEqual(
      inlineHints(sites, c, { skipLines: new Set([1]), locale: 'pl', missingLabel: (l) => `${l}: missing` }).map(
        (h) => h.label,
      ),
      ['Strona główna', 'pl: missing'],
    );
    assert.equal(truncate('a'.repeat(39)), 'a'.repeat(39));
    assert.equal(truncate('a'.repeat(41)), `${'a'.repeat(39)}…`);
    assert.equal(truncate('two\n  lines'), 'two lines');
  });
});

describe('extract string: what is at the offset', () => {
  const src = [
    "import { Trans } from 'react-i18next';",
    "import type { X } from './x';",
    'export function CheckoutPage() {',
    "  const { t: tt } = useTranslation('checkout', { keyPrefix: 'page' });",
    "  if (mode === 'compact') return null;",
    '  return (',
    '    <div className="box" title="Your basket">',
    '      Free delivery on orders over 50 euros.',
    "      {tt('done')}",
    '    </div>',
    '  );',
    '}',
    "const label = 'Top level';",
  ].join('\n');
  const at = (needle: string, d = 1) => extractTarget(src, 'a.tsx', src.indexOf(needle) + d);

  it('JSX text: trimmed, replaced in braces, with the t of the component (alias, namespace, keyPrefix)', () => {
    const x = at('Free delivery')!;
    assert.equal(x.text, 'Free delivery on orders over 50 euros.');
    assert.equal(src.slice(x.start, x.end), 'Free delivery on orders over 50 euros.');
    assert.equal(x.jsx, true);
    assert.equal(x.component, 'CheckoutPage');
    assert.deepEqual(x.hook, { tName: 'tt', namespaces: ['checkout'], keyPrefix: 'page' });
    assert.equal(x.importEdit, undefined, 'a hook is there: nothing to import');
  });

  it('an attribute string is text; class names, keys, imports, comparisons and top-level strings outside functions are handled apart', () => {
    const title = at('"Your basket"')!;
    assert.equal(title.text, 'Your basket');
    assert.equal(src.slice(title.start, title.end), '"Your basket"');
    assert.equal(title.jsx, true);
    assert.equal(at('"box"'), undefined);
    assert.equal(at("'done'"), undefined);
    assert.equal(at("'react-i18next'"), undefined);
    assert.equal(at("'compact'"), undefined);
    const top = at("'Top level'")!;
    assert.equal(top.hook, undefined);
    assert.equal(top.hookAt, undefined, 'no function to add useTranslation to');
  });

  it('without a hook: where useTranslation goes, and the import added to the react-i18next one', () => {
    const code =
      "import { Trans } from 'react-i18next';\n\nexport const Banner = () => {\n    return <p>Summer sale</p>;\n};\n";
    const x = extractTarget(code, 'b.tsx', code.indexOf('Summer') + 1)!;
    assert.equal(x.component, 'Banner');
    assert.deepEqual(x.hookAt, { offset: code.indexOf('{\n    return') + 1, indent: '    ' });
    assert.deepEqual(x.importEdit, { offset: code.indexOf(' } from'), text: ', useTranslation' });
  });

  it('proposes a key from the component and the first words', () => {
    assert.equal(
      proposeKey({ component: 'CheckoutPage', text: 'Free delivery on orders over 50 euros.' }, '.'),
      'checkoutPage.freeDeliveryOnOrders',
    );
    assert.equal(proposeKey({ component: '', text: 'Café crème' }, '.'), 'cafeCreme');
    assert.equal(proposeKey({ component: 'Banner', text: '!!!' }, false), 'banner_text');
  });
});
