/** Tricky inputs for placeholder-safe machine translation: i18next, HTML, entities, whitespace, ICU. */
export interface CorpusEntry {
  readonly text: string;
  readonly icu: boolean;
}

export const mtCorpus: readonly CorpusEntry[] = [
  { text: 'Hello {{name}}, you have {{count, number}} new messages', icu: false },
  { text: 'Click <0>here</0> to continue', icu: false },
  { text: '<a href="https://example.com/help?x=1&amp;y=2" target="_blank">Read the help</a> first', icu: false },
  { text: 'Press <kbd>Ctrl</kbd>+<kbd>S</kbd> to save', icu: false },
  { text: '<strong>Note:</strong> <em>this <b>cannot</b> be undone</em>', icu: false },
  { text: 'Tom &amp; Jerry&nbsp;— the show &lt;live&gt;', icu: false },
  { text: 'See $t(legal.terms, {"context": "short", "count": {{count}}}) and $t(app.name)', icu: false },
  { text: '  Leading and trailing spaces  ', icu: false },
  { text: 'Line one\nLine two\n\nLine four', icu: false },
  { text: '{{- html}} <br/> after the break', icu: false },
  { text: 'if (a < b && c > d) return "x";', icu: false },
  { text: '100% of {{total}} files', icu: false },
  { text: 'Drag <0>files</0> or <1>folders</1> here, then <2>upload <3>all</3></2>', icu: false },
  { text: '\n\tIndented text with a tab\n', icu: false },
  { text: "Don't stop, {{name}}", icu: false },
  { text: 'The <0>{{item}}</0> is ready', icu: false },
  { text: 'Open the {{item}} now', icu: false },
  { text: '{count, plural, one {# item} other {# items}} in {folder}', icu: true },
  { text: 'The {item} was added', icu: true },
  { text: 'Le {item} est prêt', icu: true },
  { text: '{gender, select, male {He} female {She} other {They}} liked the {item}', icu: true },
  { text: "It''s {count, plural, =0 {empty} one {one file} other {# files}}", icu: true },
  { text: '{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} place', icu: true },
  { text: "Use '{braces}' literally for {name}", icu: true },
  { text: '{count, plural, offset:1 =0 {nobody} one {{name} alone} other {{name} and # others}}', icu: true },
  { text: 'Price: {amount, number, ::currency/EUR} for <0>the {item}</0>', icu: true },
  { text: '{a, select, x {nested {b, plural, one {# one} other {# more}}} other {none}}', icu: true },
  { text: '  {count, plural, one {the # item} other {the # items}}\n', icu: true },
];
