/**
 * "Extract string to key" in Vue single-file components: what extractTarget finds in
 * `<script setup>` and in a plain `<script>`, and the code the command's edits make of it.
 */
import assert from 'node:assert/strict';
import type { ExtractTarget } from '../../../src/code/extract';
import { extractTarget } from '../../../src/code/extract';
import { resolveText } from '../../../src/code/resolver';
import { describeSite } from './conformance.test';

const options = { functions: ['t'], nsSeparator: ':', keySeparator: '.', defaultNamespace: 'common' } as const;

/** The edits the localeLoop.extractString command makes, in its order (import, hook, call). */
function applied(source: string, target: ExtractTarget, key: string): string {
  const edits: Array<{ at: number; end: number; text: string }> = [];
  if (!target.hook && target.importEdit) {
    edits.push({ at: target.importEdit.offset, end: target.importEdit.offset, text: target.importEdit.text });
  }
  if (!target.hook && target.hookAt) {
    edits.push({
      at: target.hookAt.offset,
      end: target.hookAt.offset,
      text: `\n${target.hookAt.indent}const { t } = useTranslation();`,
    });
  }
  edits.push({ at: target.start, end: target.end, text: `${target.hook?.tName ?? 't'}('${key}')` });
  // Applied from the end; inserts at one offset keep their order.
  let out = source;
  for (const e of [...edits].reverse()) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out;
}

const withHook = `<template>
  <h1 title="Not here">{{ title }}</h1>
</template>

<script setup lang="ts">
import { useI18n } from 'vue-i18n';
const { t: tr } = useI18n();
const title = 'Welcome back';
const known = tr('promo.known');
</script>
`;

const withoutHook = `<template>
  <p>{{ label }}</p>
</template>

<script setup lang="ts">
import { computed } from 'vue';
const label = computed(() => 'Free delivery today');
</script>
`;

const optionsApi = `<template><p>{{ greeting() }}</p></template>
<script>
export default {
  methods: {
    greeting() {
      return 'Hello there';
    },
  },
};
</script>
`;

describe('extract string in Vue components', () => {
  it('<script setup> with useI18n: the literal, the component named after the file, the t alias of the hook', () => {
    const offset = withHook.indexOf('Welcome back');
    const target = extractTarget(withHook, '/w/src/Promo.vue', offset)!;
    assert.ok(target, 'a target');
    assert.equal(target.text, 'Welcome back');
    assert.equal(withHook.slice(target.start, target.end), "'Welcome back'");
    assert.equal(target.component, 'Promo');
    assert.equal(target.jsx, false);
    assert.equal(target.hook?.tName, 'tr');
    assert.equal(
      applied(withHook, target, 'promo.welcomeBack'),
      withHook.replace("'Welcome back'", "tr('promo.welcomeBack')"),
    );
  });

  it('<script setup> without a t: i18next-vue useTranslation imported and called after the imports; the result resolves', () => {
    const target = extractTarget(withoutHook, '/w/src/Banner.vue', withoutHook.indexOf('Free delivery'))!;
    assert.ok(target, 'a target');
    assert.equal(target.hook, undefined);
    const out = applied(withoutHook, target, 'banner.freeDelivery');
    assert.equal(
      out,
      withoutHook.replace(
        "import { computed } from 'vue';\nconst label = computed(() => 'Free delivery today');",
        "import { computed } from 'vue';\nimport { useTranslation } from 'i18next-vue';\nconst { t } = useTranslation();\nconst label = computed(() => t('banner.freeDelivery'));",
      ),
    );
    assert.deepEqual(resolveText(out, 'Banner.vue', options).sites.map(describeSite), ['common:banner.freeDelivery']);
  });

  it('a method of a plain <script>: replaced by this.$t, nothing added', () => {
    const target = extractTarget(optionsApi, '/w/src/Hello.vue', optionsApi.indexOf('Hello there'))!;
    assert.ok(target, 'a target');
    assert.equal(target.hook?.tName, 'this.$t');
    const out = applied(optionsApi, target, 'hello.there');
    assert.match(out, /return this\.\$t\('hello\.there'\);/);
    assert.deepEqual(resolveText(out, 'Hello.vue', options).sites.map(describeSite), ['common:hello.there']);
  });

  it('not offered: template text and attributes, the key of a t call, an import', () => {
    for (const needle of ['Not here', 'promo.known', 'vue-i18n']) {
      assert.equal(extractTarget(withHook, '/w/src/Promo.vue', withHook.indexOf(needle) + 1), undefined, needle);
    }
  });
});
