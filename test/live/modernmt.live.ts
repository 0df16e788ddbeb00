/**
 * ModernMT, live (run by `npm run test:live` with MODERNMT_API_KEY set; bills a few hundred
 * characters): a small corpus of tricky inputs through protect → the real engine → restore,
 * with what the engine did to each tag and the independent checker's verdict; then a memory
 * add / replace round trip on a scratch memory that is deleted afterwards. Exit 1 only when a
 * wrong result was accepted (the safety property); everything else is reported.
 */
import { ModernMtClient } from '../../src/modernmt/client';
import type { Protected } from '../../src/modernmt/protect';
import { protect } from '../../src/modernmt/protect';
import { restore } from '../../src/modernmt/restore';
import { judge } from '../support/mtChecker';
import { mtCorpus } from '../support/mtCorpus';

const key = process.env.MODERNMT_API_KEY;
const target = process.env.MODERNMT_LIVE_TARGET ?? 'fr';

/** Per tag of the source: kept once, dropped, repeated; for pairs whether text stayed inside. */
function tagFates(p: Protected, output: string): string[] {
  const out: string[] = [];
  for (const [tag, raw] of p.tags) {
    if (tag.startsWith('</')) continue;
    const count = output.split(tag).length - 1;
    let fate = count === 0 ? 'dropped' : count > 1 ? `repeated ×${count}` : 'kept once';
    if (tag.startsWith('<g') && count === 1) {
      const close = `</g${tag.slice(2)}`;
      const inner = output.slice(output.indexOf(tag) + tag.length, output.indexOf(close));
      fate +=
        output.indexOf(close) < output.indexOf(tag)
          ? ', close before open'
          : /[\p{L}\p{N}]/u.test(inner.replace(/<[^>]+>/g, ''))
            ? ', text inside'
            : ', emptied';
    }
    out.push(`${tag} ${JSON.stringify(raw)}: ${fate}`);
  }
  return out;
}

async function main(): Promise<number> {
  if (!key) {
    console.log(
      'ModernMT live check skipped: set MODERNMT_API_KEY to a ModernMT key (it bills a few hundred characters and creates, then deletes, one scratch memory); MODERNMT_LIVE_TARGET picks the target language (default fr).',
    );
    return 0;
  }
  const client = new ModernMtClient({ apiKey: key, baseUrl: process.env.LOCALE_LOOP_MODERNMT_URL });
  const corpus = mtCorpus.filter((_, i) => i % 3 === 0 || /\{item\}|<a |\$t\(/.test(mtCorpus[i]!.text));
  const prot = corpus.map((c) => protect(c.text, { icu: c.icu }));
  const translated = await client.translate(
    'en',
    target,
    prot.map((p) => p.xml),
    { format: 'text/xml' },
  );
  let wrong = 0;
  let refused = 0;
  corpus.forEach((c, i) => {
    const engine = translated[i]!.translation;
    const r = restore(prot[i]!, engine, { icu: c.icu });
    const v = judge(c.text, r.text, c.icu);
    if (r.ok && !v.ok) wrong++;
    if (!r.ok) refused++;
    console.log(
      `\n${JSON.stringify(c.text)}${c.icu ? ' (ICU)' : ''}\n  sent    ${JSON.stringify(prot[i]!.xml)}\n  engine  ${JSON.stringify(engine)}`,
    );
    for (const f of tagFates(prot[i]!, engine)) console.log(`    ${f}`);
    console.log(
      `  ${r.ok ? 'accepted' : `refused (${r.reason})`}: ${JSON.stringify(r.text)}${r.ok && !v.ok ? `\n  WRONG, accepted: ${v.problems.join('; ')}` : ''}`,
    );
  });
  const billed = translated.reduce((n, t) => n + (t.billedCharacters ?? 0), 0);
  console.log(
    `\ncorpus: ${corpus.length} inputs, ${refused} refused, ${wrong} wrong accepted; ModernMT billed ${billed} characters`,
  );

  // Memory round trip on a scratch memory.
  const memory = await client.createMemory(
    `locale-loop-live-${Date.now()}`,
    'Scratch memory of the Locale Loop live check (deleted at its end)',
  );
  try {
    const sentence = protect('Start your {{plan}} trial now').xml;
    const ask = async () =>
      (await client.translate('en', target, [sentence], { format: 'text/xml', hints: [memory.id] }))[0]!.translation;
    console.log(`\nmemory ${memory.id}: before any pair: ${JSON.stringify(await ask())}`);
    await client.waitForImport(
      (
        await client.addToMemory(memory.id, {
          source: 'en',
          target,
          sentence,
          translation: 'ZZ premier essai <x0/> ZZ',
          tuid: 'live#start',
        })
      ).id,
    );
    console.log(`  after POST (add, tuid live#start): ${JSON.stringify(await ask())}`);
    await client.waitForImport(
      (
        await client.replaceInMemory(memory.id, {
          tuid: 'live#start',
          source: 'en',
          target,
          sentence,
          translation: 'YY second essai <x0/> YY',
        })
      ).id,
    );
    console.log(
      `  after PUT (replace by tuid):       ${JSON.stringify(await ask())}  (a replace shows YY only; ZZ still there means the pair was added, not replaced)`,
    );
  } finally {
    await client.deleteMemory(memory.id);
    console.log(`  scratch memory ${memory.id} deleted`);
  }
  return wrong > 0 ? 1 : 0;
}

void main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`ModernMT live check failed: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);
