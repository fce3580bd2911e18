/**
 * A source's country from what the article says around it: the dateline (capitals,
 * country names and the cities lexicon). Sentences written for this test; expected
 * values worked out by hand. Every offset is checked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributionsOf as run, brief } from './attribution-fixture.js';


test('a non-capital city dateline gives officials, people and organizations with no country of their own its country', () => {
  const body =
    'The council will vote on the plan in March, Mayor Ana Ruiz said.\n\n' +
    'Dan Miller, who runs a bakery on the street, said trade had halved.\n\n' +
    'Harbor Freight Corp said it would move its depot.\n\n' +
    'The International Monetary Fund said growth would slow.';
  assert.deepEqual(brief(run(body, 'SAN FRANCISCO')), [
    ['Mayor Ana Ruiz', 'Ana Ruiz', 'official', 'named', 'US'],
    ['Dan Miller, who runs a bakery on the street', 'Dan Miller', 'person', 'named', 'US'],
    ['Harbor Freight Corp', 'Harbor Freight Corp', 'organization', 'named', 'US'],
    // An international body speaks for no country, whatever the dateline.
    ['The International Monetary Fund', 'International Monetary Fund', 'organization', 'named', null],
  ]);
  // A city the lexicon does not know gives nothing.
  assert.deepEqual(run(body, 'SPRINGFIELD').map((a) => a.source.country), [null, null, null, null]);
});

test('a bureau city dateline does not override the country the sources are from', () => {
  const body = "Iran's foreign ministry said the talks would resume.\n\nSpokesman Ali Karimi said the date was not set.";
  // DUBAI is in the United Arab Emirates, but the only source tied to a country is Iranian.
  assert.deepEqual(brief(run(body, 'DUBAI')), [
    ["Iran's foreign ministry", 'Iranian foreign ministry', 'government', 'named', 'IR'],
    ['Spokesman Ali Karimi', 'Ali Karimi', 'official', 'named', null],
  ]);
  // A capital's dateline is not a bureau: there the rule applies as before.
  assert.deepEqual(run(body, 'ABU DHABI').map((a) => a.source.country), ['IR', 'AE']);
});

test('countries beyond the big ones: demonyms, names and capitals across Africa, the Americas and Europe', () => {
  const body =
    'The border post will reopen on Monday, Tanzanian officials said.\n\n' +
    'Kampala said it would send a delegation.\n\n' +
    'Prices rose by a fifth, the Bolivian mining ministry said.\n\n' +
    'The talks will resume in May, Croatian officials said.';
  // Worked out by hand from the countries lexicon: demonym -> code, capital -> government.
  assert.deepEqual(
    run(body).map((a) => [a.source.text, a.source.type, a.source.country]),
    [
      ['Tanzanian officials', 'official', 'TZ'],
      ['Kampala', 'government', 'UG'],
      ['the Bolivian mining ministry', 'government', 'BO'],
      ['Croatian officials', 'official', 'HR'],
    ],
  );
});

test('the cities lexicon reaches second cities across regions, and leaves out names that mean something else', () => {
  const body = 'The council will vote on the plan in March, Mayor Ana Ruiz said.';
  // Worked out by hand from the lexicon's facts: Mississauga is in Canada, Lviv in Ukraine, Surabaya in Indonesia, Porto Alegre in Brazil.
  for (const [dateline, country] of [['MISSISSAUGA, Ontario', 'CA'], ['LVIV', 'UA'], ['SURABAYA', 'ID'], ['PORTO ALEGRE', 'BR'], ['HANNOVER', 'DE']] as const) {
    assert.deepEqual(run(body, dateline).map((a) => a.source.country), [country], dateline);
  }
  // Portland is in Oregon and in Victoria; Davos speakers come from everywhere: neither is in the lexicon.
  for (const dateline of ['PORTLAND', 'DAVOS']) assert.deepEqual(run(body, dateline).map((a) => a.source.country), [null], dateline);
});
