import assert from 'node:assert/strict';
import { parseLocaleText } from '../../src/locales/scan';

function message(text: string): string {
  try {
    parseLocaleText(text, 'x.json', { keySeparator: '.' });
  } catch (e) {
    return (e as Error).message;
  }
  return 'parsed';
}

describe('malformed locale files: the message says what is wrong in words', () => {
  it('names the character found and the likely mistake, at its line and column', () => {
    assert.equal(message('{\n  "a": "b",\n}\n'), 'x.json:3:1: unexpected `}` — a trailing comma?');
    assert.equal(message('{\n  "a": \'b\'\n}\n'), "x.json:2:8: unexpected `'` — strings and keys need double quotes");
    assert.equal(message('{\n  a: "b"\n}\n'), 'x.json:2:3: unexpected `a` — keys and strings need double quotes');
    assert.equal(message('{\n  "a": "b";\n}\n'), 'x.json:2:11: unexpected `;` — entries are separated by commas');
    assert.equal(
      message('{\n  "a": "b"\n  "c": "d"\n}\n'),
      'x.json:3:3: comma expected before `"` — a missing comma at the end of the line above?',
    );
    assert.equal(
      message('{\n  "a": "b" }\n}\n'),
      'x.json:3:1: unexpected `}` after the top-level object — an extra closing brace?',
    );
  });

  it('never says only "invalid symbol"', () => {
    for (const t of ['{"a": @}', '{"a": "b" #}', "{'a': 1}", '{"a": tru}']) {
      assert.doesNotMatch(message(t), /invalid symbol/i, t);
    }
  });
});
