import assert from 'node:assert/strict';
import { allowedForm, findPluralGroups, pluralCategoriesOf, splitPluralSuffix } from '../../src/locales/plurals';

describe('plurals', () => {
  it('takes CLDR categories from Intl.PluralRules', () => {
    assert.deepEqual(pluralCategoriesOf('en'), ['one', 'other']);
    assert.deepEqual(pluralCategoriesOf('pl'), ['one', 'few', 'many', 'other']);
    assert.deepEqual(pluralCategoriesOf('ar'), ['zero', 'one', 'two', 'few', 'many', 'other']);
    assert.deepEqual(pluralCategoriesOf('ja'), ['other']);
    assert.deepEqual(pluralCategoriesOf('en', true), ['one', 'two', 'few', 'other']);
  });

  it('splits plural and ordinal suffixes', () => {
    assert.deepEqual(splitPluralSuffix('item_one'), { base: 'item', category: 'one', ordinal: false });
    assert.deepEqual(splitPluralSuffix('place_ordinal_two'), { base: 'place', category: 'two', ordinal: true });
    assert.deepEqual(splitPluralSuffix('a.b_many'), { base: 'a.b', category: 'many', ordinal: false });
    assert.equal(splitPluralSuffix('friend_male'), undefined);
    assert.equal(splitPluralSuffix('_other'), undefined);
    assert.deepEqual(splitPluralSuffix('item|few', '|'), { base: 'item', category: 'few', ordinal: false });
  });

  it('groups forms under their base only when the _other form exists', () => {
    const groups = findPluralGroups([
      'item_one',
      'item_other',
      'place_ordinal_one',
      'place_ordinal_other',
      'status_one',
      'friend_male',
    ]);
    assert.deepEqual([...groups.keys()], ['item', 'place#ordinal']);
    assert.deepEqual(groups.get('item')!.present, ['one', 'other']);
  });

  it('allows _zero everywhere but other forms only where CLDR has them', () => {
    assert.ok(allowedForm('en', 'zero', false));
    assert.ok(!allowedForm('ja', 'one', false));
    assert.ok(allowedForm('pl', 'many', false));
    assert.ok(!allowedForm('en', 'zero', true));
  });
});
