import fc from 'fast-check';
import { SecretValues } from '../../lib/convert/secret-values';

/** Values of 8+ characters over a two-letter alphabet: they overlap, share prefixes and nest inside each other. */
const embeddedValue = fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 8, maxLength: 12 });
/** Values and a text made of pieces of them (whole, cut short, cut in front) and other characters. */
const valuesAndText = fc.array(embeddedValue, { minLength: 1, maxLength: 30 }).chain((values) =>
  fc.tuple(
    fc.constant(values),
    fc
      .array(
        fc.oneof(
          fc.constantFrom(...values),
          fc.constantFrom(...values).map((value) => value.slice(3)),
          fc.constantFrom('a', 'b', ' ', '-'),
        ),
        { maxLength: 40 },
      )
      .map((pieces) => pieces.join('')),
  ),
);

function secretsOf(values: string[]): SecretValues {
  const secrets = new SecretValues();
  values.forEach((value, index) => secrets.add(value, { variable: `V${index}` }));
  return secrets;
}

describe('SecretValues', () => {
  test('after replace, no secret value is left anywhere in the text', () => {
    fc.assert(
      fc.property(valuesAndText, ([values, input]) => {
        const scrubbed = secretsOf(values).replace(input, () => '\0');
        for (const value of values) expect(scrubbed.includes(value)).toBe(false);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  test('find reports only values the text contains, with their variable', () => {
    fc.assert(
      fc.property(valuesAndText, ([values, input]) => {
        for (const [value, origin] of secretsOf(values).find(input)) {
          expect(input.includes(value)).toBe(true);
          expect(origin.variable).toBe(`V${values.indexOf(value)}`);
        }
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  test('a short value is found only as a whole token, a long one inside words too', () => {
    const secrets = secretsOf(['hunter', 's3cretvalue']);
    expect(secrets.find('hunters -ps3cretvalue').map(([value]) => value)).toEqual(['s3cretvalue']);
    expect(secrets.find('user=hunter').map(([value]) => value)).toEqual(['hunter']);
  });

  test('values added after a search are found by the next one', () => {
    const secrets = secretsOf(['first-secret']);
    expect(secrets.find('second-secret')).toEqual([]);
    secrets.add('second-secret', { variable: 'SECOND' });
    expect(secrets.find('x second-secret x')).toEqual([['second-secret', { variable: 'SECOND' }]]);
    secrets.delete('second-secret');
    expect(secrets.find('x second-secret x')).toEqual([]);
  });
});

describe('SecretValues in Kubernetes names', () => {
  test('the redactor hides a value in its own case and in the lower case of a DNS label', () => {
    const redact = secretsOf(['Xq81LmZp9WvTk2']).redactor();
    expect(redact('claim xq81lmzp9wvtk2-data, env Xq81LmZp9WvTk2')).toBe('claim <secret V0>-data, env <secret V0>');
  });

  test('lowercased holds only the values that have capitals', () => {
    expect([...secretsOf(['Xq81LmZp9WvTk2', 'already-lower-1']).lowercased().values()]).toEqual([['xq81lmzp9wvtk2', { variable: 'V0' }]]);
  });
});
