/**
 * A reporter's credit line ("X contributed to this report from Gaza City") names the
 * article itself: no attribution, while "a report from the World Bank" still is one.
 * Sentences written for this test; expected values worked out by hand.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributionsOf as run } from './attribution-fixture.js';

test('"contributed to this report from <place>" is no attribution; "a report from <body>" is', () => {
  const body =
    'A report from the World Bank said growth would slow to 2 percent.\n\n' +
    'Associated Press writer Omar Haddad contributed to this report from Gaza City.\n\n' +
    'Staff writer Lena Ortiz contributed to this report.';
  const list = run(body);
  assert.deepEqual(list.map((a) => [a.source.text, a.cue.text, body.slice(a.cue.start, a.cue.end)]), [['the World Bank', 'report', 'report']]);
});
