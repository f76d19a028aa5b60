import type { PNode } from '../tree';
import type { NormalizeCode } from './codes';

/** What a normalization rule may know and do besides looking at its node. */
export interface RuleContext {
  /** Dotted path of the node (`services.web.ports`), for diagnostics. */
  readonly path: string;
  /** Absolute project directory; relative host paths resolve against it, as in compose-go. */
  readonly workingDir: string;
  /** Home directory for `~` in host paths. */
  readonly homeDir: string;
  /** What the project's env files define, for valueless `environment` entries (never the process environment). */
  readonly projectEnvironment: Readonly<Record<string, string>>;
  /** Records a problem at `node` (defaults to the rule's own node). */
  report(code: NormalizeCode, message: string, node?: PNode, fix?: string): void;
}

/**
 * Rewrites one node into compose-go's canonical form. Returns the node unchanged when it does not apply (an
 * unexpected shape is left for the schema check to report, never guessed at), or undefined to drop the key
 * (what compose-go's `omitempty` leaves out of its JSON, such as a `false` flag).
 */
export type Rule = (node: PNode, ctx: RuleContext) => PNode | undefined;
