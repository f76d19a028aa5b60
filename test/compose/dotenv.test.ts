import { loadEnvironment, parseDotenv } from '../../lib/compose/dotenv';

const processEnv: Record<string, string> = { HOME_DIR: '/home/me', SHARED: 'from-process' };
const lookup = (name: string): string | undefined => processEnv[name];

function parse(text: string): Record<string, string> | undefined {
  return parseDotenv(text, '.env', lookup).result;
}

describe('parseDotenv', () => {
  test('reads compose-go dotenv syntax', () => {
    const text = [
      '\uFEFF# a comment',
      '',
      'PLAIN=value  # inline comment',
      'HASH=a#b',
      'export EXPORTED=yes',
      'YAML_STYLE: colon',
      "SINGLE='literal ${HOME_DIR} \\n'",
      'DOUBLE="tab\\there \\"q\\" \\$HOME_DIR ${HOME_DIR}"',
      'MULTI="line1',
      'line2"',
      'REF=${PLAIN}-${HOME_DIR}',
      'EMPTY=',
      'HOME_DIR',
      'NOT_SET_ANYWHERE',
      'dotted.key-1=ok',
      'OCTAL="\\0101"',
    ].join('\n');
    expect(parse(text)).toEqual({
      PLAIN: 'value',
      HASH: 'a#b',
      EXPORTED: 'yes',
      YAML_STYLE: 'colon',
      SINGLE: 'literal ${HOME_DIR} \\n',
      DOUBLE: 'tab\there "q" $HOME_DIR /home/me',
      MULTI: 'line1\nline2',
      REF: 'value-/home/me',
      EMPTY: '',
      HOME_DIR: '/home/me',
      'dotted.key-1': 'ok',
      OCTAL: 'A',
    });
  });

  test('the process environment wins in interpolation inside the file', () => {
    expect(parse('SHARED=file\nUSE=${SHARED}\n')).toEqual({ SHARED: 'file', USE: 'from-process' });
  });

  test.each([
    ['A=1\nBAD KEY=2\n', 2, 1],
    ['A=1\n  B$=2\n', 2, 4],
    ['A="never closed\n', 1, 1],
  ])('fails on %j at line %d, column %d', (text, line, column) => {
    const result = parseDotenv(text, '.env', lookup);
    expect(result.result).toBeUndefined();
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'dotenv-syntax', pos: { file: '.env', line, column } })]);
  });

  test('a required variable fails at its value', () => {
    const result = parseDotenv('A=1\nB=${NOPE:?needed}\n', '.env', lookup);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'interpolation-required-unset', pos: { file: '.env', line: 2, column: 3 } })]);
  });
});

describe('loadEnvironment', () => {
  const files: Record<string, string> = {
    '/p/.env': 'A=dotenv\nB=dotenv\nSHARED=dotenv\n',
    '/p/override.env': 'B=override\nC=${A}-c\n',
    '/p/machine.env': 'OWN=own\nHOME\nUNDER_HOME=${HOME}/x\nDEFAULTED=${NOT_SET:-d}\nSHADOWED=${OWN}\n',
  };
  const readFile = (file: string): string => {
    const text = files[file];
    if (text === undefined) throw new Error(`ENOENT ${file}`);
    return text;
  };

  test('later files win, the process environment wins over all files', () => {
    const result = loadEnvironment(['/p/.env', '/p/override.env'], { SHARED: 'process', UNSET: undefined }, readFile);
    expect(result).toEqual({
      result: {
        interpolation: { A: 'dotenv', B: 'override', C: 'dotenv-c', SHARED: 'process' },
        fromFiles: { A: 'dotenv', B: 'override', C: 'dotenv-c', SHARED: 'dotenv' },
      },
      diagnostics: [],
    });
  });

  test('fromFiles leaves out every value the process environment gives or changes', () => {
    const result = loadEnvironment(['/p/machine.env'], { HOME: '/home/dev', OWN: 'machine' }, readFile);
    expect(result.result?.interpolation).toMatchObject({ HOME: '/home/dev', UNDER_HOME: '/home/dev/x', SHADOWED: 'machine' });
    expect(result.result?.fromFiles).toEqual({ OWN: 'own', DEFAULTED: 'd' });
    expect(result.diagnostics).toEqual([]);
  });

  test('a missing env file is an error', () => {
    const result = loadEnvironment(['/p/missing.env'], {}, readFile);
    expect(result.result).toBeUndefined();
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'file-not-found', value: '/p/missing.env' })]);
  });
});
