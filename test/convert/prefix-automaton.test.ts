import fc from 'fast-check';
import { PrefixAutomaton } from '../../lib/convert/prefix-automaton';

/** Strings over a small alphabet, some longer than the automaton's prefix, so they overlap, nest and share prefixes. */
const word = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 60, maxLength: 90 }));
const wordsAndText = fc.array(word, { minLength: 1, maxLength: 20 }).chain((words) =>
  fc.tuple(
    fc.constant(words),
    fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...words).map((w) => w.slice(1)), fc.constantFrom('a', 'b', 'c', 'é', '\n')), { maxLength: 12 }).map((parts) => parts.join('')),
  ),
);

describe('PrefixAutomaton', () => {
  test('finds exactly the strings the text contains', () => {
    fc.assert(
      fc.property(wordsAndText, ([words, text]) => {
        const expected = new Set(words.filter((w) => text.includes(w)));
        expect(new PrefixAutomaton(words).occurringIn(text)).toEqual(expected);
      }),
      { seed: 3, numRuns: 2000 },
    );
  });

  test('strings sharing a prefix longer than the automaton keeps are told apart by the whole string', () => {
    const shared = 'x'.repeat(100);
    const automaton = new PrefixAutomaton([`${shared}-one`, `${shared}-two`]);
    expect(automaton.occurringIn(`say ${shared}-two now`)).toEqual(new Set([`${shared}-two`]));
  });
});
