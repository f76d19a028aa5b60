/**
 * Compose's variable substitution on one string, re-implemented from compose-go's `template` package:
 *
 * - `$$` is a literal `$`; `$NAME` and `${NAME}` are the variable (empty string and a warning when unset);
 * - `${NAME:-default}` / `${NAME-default}`: the default when NAME is unset or empty / unset;
 * - `${NAME:+alt}` / `${NAME+alt}`: alt when NAME is set and non-empty / set, else NAME's value;
 * - `${NAME:?msg}` / `${NAME?msg}`: an error when NAME is unset or empty / unset.
 *
 * Operands are templates themselves (`${A:-${B}}`), substituted only when used (compose-go v2.16). Names are
 * `[_a-zA-Z][_a-zA-Z0-9]*`. A `$` followed by neither a name, `$` nor `{` stays literal (`5$` is "5$"); a `${`
 * that is not a valid expression (`${}`, `${A:x}`, no closing brace) makes the string an invalid template.
 */

/** Looks a variable up; undefined means unset (which differs from set to the empty string). */
export type Lookup = (name: string) => string | undefined;

export type TemplateProblemKind = 'unset' | 'required-unset' | 'syntax';

/** Something wrong inside the template, at a character offset of the template string. */
export interface TemplateProblem {
  readonly kind: TemplateProblemKind;
  readonly offset: number;
  readonly name?: string;
  readonly message: string;
}

export interface Substitution {
  /** The substituted string; undefined when an error-kind problem (syntax, required-unset) occurred. */
  readonly value?: string;
  readonly problems: TemplateProblem[];
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/** How deeply `${A:-${B:-...}}` may nest; real files nest two or three levels, and each level is a recursion. */
export const MAX_TEMPLATE_NESTING = 32;

/** Operators in the order compose-go tries them when two could match at the same place (`:-` before `-`). */
const OPERATORS = [':?', '?', ':-', '-', ':+', '+'] as const;
type Operator = (typeof OPERATORS)[number];

export function substitute(template: string, lookup: Lookup): Substitution {
  const problems: TemplateProblem[] = [];
  const value = new Substituter(template, lookup, problems).run(0, template.length);
  const failed = problems.some((p) => p.kind !== 'unset');
  return failed ? { problems } : { value, problems };
}

/** True when the string contains a `$` and so may change under substitution. */
export function hasTemplate(text: string): boolean {
  return text.includes('$');
}

class Substituter {
  private depth = 0;

  constructor(
    private readonly template: string,
    private readonly lookup: Lookup,
    private readonly problems: TemplateProblem[],
  ) {}

  /** Substitutes template[start, end). */
  run(start: number, end: number): string {
    let out = '';
    let i = start;
    while (i < end) {
      const dollar = this.template.indexOf('$', i);
      if (dollar < 0 || dollar >= end) {
        out += this.template.slice(i, end);
        break;
      }
      out += this.template.slice(i, dollar);
      const next = this.template[dollar + 1];
      if (next === '$') {
        out += '$';
        i = dollar + 2;
      } else if (next === '{') {
        const close = this.closingBrace(dollar, end);
        if (close < 0) return this.syntax(dollar);
        out += this.braced(dollar, close);
        i = close + 1;
      } else {
        const name = NAME.exec(this.template.slice(dollar + 1, end))?.[0] ?? '';
        out += name ? this.variable(name, dollar) : '$';
        i = dollar + 1 + name.length;
      }
    }
    return out;
  }

  /** `${...}` from `dollar` to `close` (the matching `}`). */
  private braced(dollar: number, close: number): string {
    const body = this.template.slice(dollar + 2, close);
    const name = NAME.exec(body)?.[0];
    if (!name) return this.syntax(dollar);
    if (name.length === body.length) return this.variable(name, dollar);
    const operator = OPERATORS.find((op) => body.startsWith(op, name.length));
    if (!operator) return this.syntax(dollar);
    const operandStart = dollar + 2 + name.length + operator.length;
    return this.apply(operator, name, () => this.nested(operandStart, close, dollar), dollar);
  }

  /** An operand, one nesting level deeper; past {@link MAX_TEMPLATE_NESTING} the template is refused. */
  private nested(start: number, end: number, dollar: number): string {
    if (this.depth >= MAX_TEMPLATE_NESTING) {
      this.problems.push({ kind: 'syntax', offset: dollar, message: `variables nest more than ${MAX_TEMPLATE_NESTING} levels deep` });
      return '';
    }
    this.depth++;
    try {
      return this.run(start, end);
    } finally {
      this.depth--;
    }
  }

  private apply(operator: Operator, name: string, operand: () => string, dollar: number): string {
    const value = this.lookup(name);
    const empty = value === undefined || value === '';
    switch (operator) {
      case ':-':
        return empty ? operand() : value;
      case '-':
        return value ?? operand();
      case ':+':
        return empty ? (value ?? '') : operand();
      case '+':
        return value === undefined ? '' : operand();
      case ':?':
      case '?':
        if (value === undefined || (operator === ':?' && empty)) {
          const reason = operand();
          this.problems.push({
            kind: 'required-unset',
            offset: dollar,
            name,
            message: `required variable ${name} is missing a value${reason ? `: ${reason}` : ''}`,
          });
          return '';
        }
        return value;
    }
  }

  private variable(name: string, dollar: number): string {
    const value = this.lookup(name);
    if (value === undefined) {
      this.problems.push({
        kind: 'unset',
        offset: dollar,
        name,
        message: `the "${name}" variable is not set; defaulting to a blank string`,
      });
    }
    return value ?? '';
  }

  private syntax(dollar: number): string {
    this.problems.push({ kind: 'syntax', offset: dollar, message: `invalid template: ${JSON.stringify(this.template)}` });
    return '';
  }

  /**
   * The `}` closing the `${` at `dollar`. Like compose-go, every `{` opens a level and the character after it is
   * skipped, so `${A:-{x}}` closes at the last brace; the braced expression never spans lines.
   */
  private closingBrace(dollar: number, end: number): number {
    let depth = 0;
    for (let i = dollar; i < end; i++) {
      const char = this.template[i];
      if (char === '\n') return -1;
      if (char === '{') {
        depth++;
        i++;
      } else if (char === '}' && --depth === 0) {
        return i;
      }
    }
    return -1;
  }
}
