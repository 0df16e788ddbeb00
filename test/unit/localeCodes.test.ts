import assert from 'node:assert/strict';
import { LocaleCodes, looksLikeLocale, toBcp47 } from '../../src/locales/localeCodes';

describe('locale codes', () => {
  it('normalises codes as people write them to BCP 47', () => {
    assert.equal(toBcp47('en'), 'en');
    assert.equal(toBcp47('EN'), 'en');
    assert.equal(toBcp47('pt_BR'), 'pt-BR');
    assert.equal(toBcp47('pt-br'), 'pt-BR');
    assert.equal(toBcp47('zh-Hant'), 'zh-Hant');
    assert.equal(toBcp47('zh_hant_tw'), 'zh-Hant-TW');
    assert.throws(() => toBcp47('not a locale'), /not a valid locale code/);
  });

  it('maps to Phrase TMS and ModernMT codes, with exceptions from the config', () => {
    const codes = new LocaleCodes({ 'zh-Hant': { phrase: 'zh_tw', modernmt: 'zh-TW' } });
    assert.equal(codes.toPhrase('pt-BR'), 'pt_br');
    assert.equal(codes.toPhrase('pt_BR'), 'pt_br');
    assert.equal(codes.toPhrase('de'), 'de');
    assert.equal(codes.toModernMt('pt_BR'), 'pt-BR');
    assert.equal(codes.toPhrase('zh-Hant'), 'zh_tw');
    assert.equal(codes.toModernMt('zh-Hant'), 'zh-TW');
    assert.equal(codes.fromPhrase('PT_BR', ['de', 'pt-BR']), 'pt-BR');
    assert.equal(codes.fromPhrase('zh_tw', ['zh-Hant']), 'zh-Hant');
    assert.equal(codes.fromPhrase('fr', ['de']), undefined);
    assert.equal(codes.fromModernMt('zh-TW', ['zh-Hant']), 'zh-Hant');
  });

  it('tells path segments that can be locale codes from those that cannot', () => {
    for (const ok of ['en', 'pt-BR', 'pt_BR', 'zh-Hant', 'sr-Latn-RS']) assert.ok(looksLikeLocale(ok), ok);
    for (const bad of ['README', 'common', 'e', 'en.json', '123']) assert.ok(!looksLikeLocale(bad), bad);
  });
});
