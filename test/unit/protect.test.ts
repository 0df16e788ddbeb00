/** Placeholder protection and strict restore (issue 14, points 1–3), against hand-written engine outputs. */
import assert from 'node:assert/strict';
import { icuSkeleton } from '../../src/modernmt/icu';
import { protect, protectLike } from '../../src/modernmt/protect';
import { restore } from '../../src/modernmt/restore';

const refused = (source: string, engine: string, icu = false) => {
  const r = restore(protect(source, { icu }), engine, { icu });
  assert.equal(r.ok, false, `accepted ${JSON.stringify(r.text)}`);
  return r.ok ? '' : r.reason;
};
const accepted = (source: string, engine: string, icu = false) => {
  const r = restore(protect(source, { icu }), engine, { icu });
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.text;
};

describe('strict restore (point 1)', () => {
  it('every tag exactly once: a dropped, repeated or invented tag is refused with a reason', () => {
    const src = 'Hello {{name}}, see <0>this</0>';
    assert.equal(protect(src).xml, 'Hello <x0/>, see <g1>this</g1>');
    assert.match(refused(src, 'Hallo, siehe <g1>das</g1>'), /lost \{\{name\}\}/);
    assert.match(refused(src, 'Hallo <x0/> <x0/>, siehe <g1>das</g1>'), /repeated \{\{name\}\}/);
    assert.match(refused(src, 'Hallo <x0/> <x9/>, siehe <g1>das</g1>'), /tag the source did not: <x9\/>/);
    assert.match(refused(src, 'Hallo <x0/>, <b>siehe</b> <g1>das</g1>'), /tag the source did not: <b>/);
    assert.match(refused(src, 'Hallo <x0/>, siehe <g1>das'), /lost|unclosed/);
  });

  it('same tree: crossed, misnested or re-parented tags are refused; an emptied pair with text is refused', () => {
    const src = 'Drag <0>files</0> or <1>folders <2>here</2></1> and {{n}}';
    assert.equal(protect(src).xml, 'Drag <g0>files</g0> or <g1>folders <g2>here</g2></g1> and <x3/>');
    assert.match(
      refused(src, 'Zieh <g0>Dateien <g1></g0>Ordner <g2>hier</g2></g1> und <x3/>'),
      /moved <1> into a pair/,
    );
    assert.match(
      refused(src, 'Zieh <g0>Dateien</g0> <g1>Ordner <g2>hier</g1></g2> und <x3/>'),
      /crossed or broke the pair <1>…<\/1>/,
    );
    assert.match(refused(src, 'Zieh <g0>Dateien</g0> oder <g1>Ordner</g1> <g2>hier</g2> und <x3/>'), /moved/);
    assert.match(
      refused(src, 'Zieh <g0>Dateien <x3/></g0> oder <g1>Ordner <g2>hier</g2></g1>'),
      /moved \{\{n\}\} into a pair/,
    );
    assert.match(
      refused(src, 'Zieh <g0></g0> Dateien oder <g1>Ordner <g2>hier</g2></g1> und <x3/>'),
      /emptied <0>…<\/0>, which had text/,
    );
    // Order among siblings may change: the engine moves words and their tags.
    assert.equal(
      accepted(src, 'Und <x3/>: <g1>Ordner <g2>hier</g2></g1> oder <g0>Dateien</g0> ziehen'),
      'Und {{n}}: <1>Ordner <2>hier</2></1> oder <0>Dateien</0> ziehen',
    );
    // A pair that was empty in the source may stay empty.
    assert.equal(accepted('Icon <0></0> here', 'Symbol <g0></g0> hier'), 'Symbol <0></0> hier');
  });

  it('leading and trailing whitespace and line breaks of the source come back exactly', () => {
    const src = '  \tHello {{name}}\nsecond line\n\n';
    const p = protect(src);
    assert.equal(
      p.xml,
      'Hello <x0/><x1/>second line',
      'outer whitespace is not sent; an inner line break travels as a tag',
    );
    assert.equal(accepted(src, 'Hallo <x0/><x1/>zweite Zeile'), '  \tHallo {{name}}\nzweite Zeile\n\n');
    assert.equal(
      accepted(src, '   Hallo <x0/> <x1/> zweite Zeile  '),
      '  \tHallo {{name}} \n zweite Zeile\n\n',
      'what the engine trims or pads at the ends does not count',
    );
    assert.match(refused(src, 'Hallo <x0/>zweite Zeile <x1/>'), /line break to its start or end/);
    assert.match(refused(src, 'Hallo <x0/> zweite Zeile'), /lost/);
  });

  it('entities the engine escapes or adds come back as characters', () => {
    assert.equal(
      accepted('Tom said "hi" & left', 'Tom a dit &quot;salut&quot; &amp; est parti&#39;'),
      'Tom a dit "salut" & est parti\'',
    );
    assert.equal(accepted('if (a < b && c > d)', 'si (a &lt; b &amp;&amp; c &gt; d)'), 'si (a < b && c > d)');
  });
});

describe('ICU structure (point 2)', () => {
  const plural = '{count, plural, one {# item} other {# items}} in {folder}';

  it('branches, selectors, # and nesting travel as tags and must come back in place', () => {
    assert.equal(protect(plural, { icu: true }).xml, '<g0><g1><x2/> item</g1><g3><x4/> items</g3></g0> in <x5/>');
    assert.equal(
      accepted(plural, '<g0><g1><x2/> élément</g1><g3><x4/> éléments</g3></g0> dans <x5/>', true),
      '{count, plural, one {# élément} other {# éléments}} dans {folder}',
    );
    assert.match(refused(plural, '<g0><g1><x2/> élément</g1></g0> dans <x5/>', true), /lost/);
    assert.match(
      refused(plural, '<g0><g1><x2/> élément <x4/></g1><g3> éléments</g3></g0> dans <x5/>', true),
      /moved #/,
    );
    assert.match(
      refused(plural, '<g0><g1><x2/> élément</g1> mot <g3><x4/> éléments</g3></g0> dans <x5/>', true),
      /not a valid ICU message/,
    );
  });

  it("an apostrophe before an argument is escaped (L''{item}), a brace the engine wrote is quoted", () => {
    assert.equal(accepted('The {item} was added', "L'<x0/> a été ajouté", true), "L''{item} a été ajouté");
    assert.equal(
      accepted(
        '{n, plural, one {the # file} other {the # files}}',
        "<g0><g1>l'<x2/> fichier</g1><g3>les <x4/> fichiers</g3></g0>",
        true,
      ),
      "{n, plural, one {l''# fichier} other {les # fichiers}}",
    );
    assert.equal(accepted('Hello {name}', 'Salut {ami} <x0/>', true), "Salut '{'ami'}' {name}");
    assert.equal(
      accepted("It''s {name}", "C'est <x0/>", true),
      "C''est {name}",
      'the source doubles apostrophes: so does the result',
    );
    assert.equal(
      accepted("Use '{braces}' for {name}", 'Utilise <x0/> pour <x1/>', true),
      "Utilise '{braces}' pour {name}",
      'quoted literals travel as tags',
    );
  });

  it('the structural skeleton ignores text and order, and rejects what ICU cannot parse', () => {
    assert.equal(
      icuSkeleton('{a} and {b, plural, one {#} other {# x {c}}}'),
      icuSkeleton('{b, plural, other {{c} # y} one {z #}} und {a}'),
    );
    assert.notEqual(icuSkeleton('{b, plural, one {#} other {#}}'), icuSkeleton('{b, plural, one {#} other {# #}}'));
    assert.notEqual(icuSkeleton('{b, plural, one {#} other {#}}'), icuSkeleton('{b, select, one {#} other {#}}'));
    assert.equal(icuSkeleton("L'{item}"), icuSkeleton('L'), 'an unescaped apostrophe quotes the argument away');
    assert.equal(icuSkeleton('{a, plural, one {x}'), undefined);
    assert.equal(icuSkeleton('text }'), undefined);
  });
});

describe('wider protection (point 3)', () => {
  it('HTML tags with attributes travel as tags: the attributes are never sent as text', () => {
    const src = '<a href="/help?x=1&amp;y=2" title="Read me">help</a> and <img src="x.png" alt="logo"/>';
    const p = protect(src);
    assert.equal(p.xml, '<g0>help</g0> and <x1/>');
    assert.ok(!p.xml.includes('href') && !p.xml.includes('Read me') && !p.xml.includes('logo'));
    assert.equal(
      accepted(src, '<g0>Hilfe</g0> und <x1/>'),
      '<a href="/help?x=1&amp;y=2" title="Read me">Hilfe</a> und <img src="x.png" alt="logo"/>',
    );
  });

  it('entities, $t() with nested options and {{- html}} travel as self-closing tags', () => {
    assert.equal(protect('Tom &amp; Jerry&nbsp;&#8212; ok').xml, 'Tom <x0/> Jerry<x1/><x2/> ok');
    const nested = 'See $t(legal.terms, {"context": "short", "count": {{count}}, "x": "$t(a)"}) now';
    assert.equal(protect(nested).xml, 'See <x0/> now');
    assert.equal(
      protect(nested).tags.get('<x0/>'),
      '$t(legal.terms, {"context": "short", "count": {{count}}, "x": "$t(a)"})',
    );
    assert.equal(protect('{{- html}} <br/> <!-- note --> ok').xml, '<x0/> <x1/> <x2/> ok');
  });

  it('text with no letter or digit is not worth sending; a plain `<` stays text', () => {
    assert.equal(protect('{{count}} / {{total}}').hasText, false);
    assert.equal(protect('<1/>').hasText, false);
    assert.equal(protect('Hi {{name}}').hasText, true);
    assert.equal(protect('a < b').xml, 'a &lt; b');
  });

  it('a translation in the same protected form as its source (for memory pairs)', () => {
    const p = protect('Hello {{name}}, see <0>this</0>');
    assert.equal(protectLike(p, 'Siehe <0>das</0>, {{name}}'), 'Siehe <g1>das</g1>, <x0/>');
    assert.equal(protectLike(p, 'Siehe das, {{name}}'), undefined, 'different placeholders');
    assert.equal(protectLike(protect('Hi {{a}} {{b}}'), '{{b}} {{a}} salut'), '<x1/> <x0/> salut');
  });
});
