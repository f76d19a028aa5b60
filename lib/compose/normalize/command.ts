import { isScalar, pscalar, pseq } from '../tree';
import type { Rule } from './rule';

/**
 * `command`, `entrypoint`: compose-go's `ShellCommand` splits a string into argv with shell quoting rules (no
 * shell runs; `command: echo $HOME` passes the literal `$HOME` after interpolation). Lists stay as written.
 */
export const shellCommand: Rule = (node, ctx) => {
  if (!isScalar(node) || typeof node.value !== 'string') return node;
  const argv = shellSplit(node.value);
  if (!argv) {
    ctx.report('command-invalid', `${ctx.path} has an unterminated quote`, node, 'close the quote or use a list');
    return node;
  }
  return pseq(argv.map((arg) => pscalar(arg, node.pos)), node.pos);
};

/**
 * `services.*.healthcheck.test`: a string is a shell command, `["CMD-SHELL", string]`, as in compose-go.
 */
export const healthcheckTest: Rule = (node) =>
  isScalar(node) && typeof node.value === 'string'
    ? pseq([pscalar('CMD-SHELL', node.pos), pscalar(node.value, node.pos)], node.pos)
    : node;

/**
 * Splits like POSIX sh word splitting without expansion (go-shellwords as compose-go configures it): blanks
 * separate words, single quotes are literal, double quotes allow `\"`, `\\`, `\$` and `` \` `` escapes, a
 * backslash outside quotes escapes the next character. Undefined on an unterminated quote.
 */
export function shellSplit(input: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < input.length && '"\\$`'.includes(input[i + 1] as string)) word += input[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < input.length) {
      word += input[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(word);
  return words;
}
