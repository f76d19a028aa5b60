/**
 * Finds which of many strings occur in a text, in one pass over the text: an Aho–Corasick automaton over the
 * first {@link PREFIX_LENGTH} characters of each string, whose matches are confirmed against the whole string.
 * A project can hold thousands of secret values sharing long prefixes (`bench-db-password-0`, `-1`, ...) and tens
 * of thousands of strings to search; an index by a short prefix degrades to trying every value at every position,
 * and a trie over whole values would grow with a megabyte-long secret file. Capping the automaton keeps it small;
 * confirming keeps it exact.
 */
export class PrefixAutomaton {
  private readonly root: State = newState(0);

  constructor(strings: Iterable<string>) {
    for (const text of strings) this.insert(text);
    this.link();
  }

  /** The strings that occur in `text`, each once. */
  public occurringIn(text: string): Set<string> {
    const found = new Set<string>();
    let state = this.root;
    for (let at = 0; at < text.length; at++) {
      state = this.step(state, text.charCodeAt(at));
      for (let s = state.ending ? state : state.nextEnding; s !== undefined; s = s.nextEnding) {
        const start = at + 1 - s.depth;
        for (const candidate of s.ending ?? []) if (!found.has(candidate) && text.startsWith(candidate, start)) found.add(candidate);
      }
    }
    return found;
  }

  private insert(text: string): void {
    let state = this.root;
    for (let i = 0; i < Math.min(text.length, PREFIX_LENGTH); i++) {
      const unit = text.charCodeAt(i);
      let target = state.next.get(unit);
      if (target === undefined) {
        target = newState(state.depth + 1, this.root);
        state.next.set(unit, target);
      }
      state = target;
    }
    (state.ending ??= []).push(text);
  }

  /** Failure and ending links, breadth first: a state's links depend only on shallower states. */
  private link(): void {
    const queue = [...this.root.next.values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as State;
      for (const [unit, target] of state.next) {
        target.fail = this.step(state.fail, unit);
        target.nextEnding = target.fail.ending ? target.fail : target.fail.nextEnding;
        queue.push(target);
      }
    }
  }

  private step(from: State, unit: number): State {
    for (let s = from; ; s = s.fail) {
      const target = s.next.get(unit);
      if (target !== undefined) return target;
      if (s === this.root) return s;
    }
  }
}

interface State {
  /** Transitions by UTF-16 code unit. */
  readonly next: Map<number, State>;
  /** Length of the path to this state. */
  readonly depth: number;
  /** The state of the longest proper suffix of this path that is also a path (the failure link). */
  fail: State;
  /** The strings whose capped prefix is exactly this path. */
  ending?: string[];
  /** Nearest state along the failure links (this one excluded) that ends some prefix. */
  nextEnding?: State;
}

function newState(depth: number, fail?: State): State {
  const state = { next: new Map(), depth } as Omit<State, 'fail'> & { fail?: State };
  state.fail = fail ?? (state as State);
  return state as State;
}

/** Long enough that distinct secrets differ within it, short enough that a large secret file stays a small automaton. */
const PREFIX_LENGTH = 64;
