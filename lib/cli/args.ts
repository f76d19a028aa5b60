import { parseArgs } from 'util';
import { parseImageRef } from '../image-ref';

/** Output serialisation of `webstack convert`. */
export type OutputFormat = 'yaml' | 'json';

/** Everything `webstack convert` was asked to do, as parsed from argv. */
export interface ConvertArgs {
  /** The arguments as given (after `convert`), to spell out a corrected command. */
  readonly argv: readonly string[];
  /** `-f`/`--file`, in merge order. @default - Compose's file discovery in the working directory */
  readonly files: readonly string[];
  /** `SERVICE...` positionals: only these services and what they depend on. @default - every active service */
  readonly services: readonly string[];
  /** `--env-file`, in order (later wins). @default - `.env` beside the first file */
  readonly envFiles: readonly string[];
  /** `--profile`, in order. @default - none (plus `COMPOSE_PROFILES`) */
  readonly profiles: readonly string[];
  /** `--namespace`. @default - the Compose project name */
  readonly namespace?: string;
  /** `-o`/`--output` directory. @default DEFAULT_OUT_DIR ('dist') */
  readonly outDir: string;
  /** `--force`: replace an output directory that holds files but no webstack output marker. @default false */
  readonly force: boolean;
  /** `--stdout`: print the manifests instead of writing `outDir`. @default false */
  readonly stdout: boolean;
  /** @default 'yaml' */
  readonly format: OutputFormat;
  /** `--image svc=ref`: images for services that only have `build`, or that need another tag. @default - none */
  readonly images: Readonly<Record<string, string>>;
  /** `--allow-path DIR`: directories outside the project whose files may be read into manifests. @default - none */
  readonly allowPaths: readonly string[];
  /** `--rwx-storage-class NAME`: share named volumes between services as ReadWriteMany claims of this class. @default - shared volumes are errors */
  readonly rwxStorageClass?: string;
  /** `--strict`: warnings fail the run like errors. @default false */
  readonly strict: boolean;
  /** `--verbose`: print info diagnostics too. @default false */
  readonly verbose: boolean;
}

/** What `webstack init` was asked to do: the conversion's inputs, and the project directory to create. */
export interface InitArgs extends Omit<ConvertArgs, 'outDir' | 'stdout' | 'format'> {
  /** `DIR`: the new project's directory; it must be absent or empty unless `--force`. @default DEFAULT_INIT_DIR ('k8s') */
  readonly dir: string;
  /** `--env NAME=FILE`: environments, each the files merged with its override file, in order. @default - none: one stack */
  readonly environments: readonly { readonly name: string; readonly file: string }[];
}

export type Invocation =
  | { readonly command: 'help'; readonly topic?: 'convert' | 'init' }
  | { readonly command: 'version' }
  | { readonly command: 'convert'; readonly args: ConvertArgs }
  | { readonly command: 'init'; readonly args: InitArgs };

/** A command line that cannot be run as written; the CLI prints the message and the usage, and exits 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Where `webstack convert` writes when `-o` is not given (the cdk8s convention). */
export const DEFAULT_OUT_DIR = 'dist';

/** Where `webstack init` creates the project when no DIR is given: beside the Compose files, not over them. */
export const DEFAULT_INIT_DIR = 'k8s';

const CONVERT_OPTIONS = {
  file: { type: 'string', short: 'f', multiple: true },
  'env-file': { type: 'string', multiple: true },
  profile: { type: 'string', multiple: true },
  namespace: { type: 'string', short: 'n' },
  output: { type: 'string', short: 'o' },
  stdout: { type: 'boolean' },
  force: { type: 'boolean' },
  format: { type: 'string' },
  image: { type: 'string', multiple: true },
  'rwx-storage-class': { type: 'string' },
  'allow-path': { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `argv` (without `node` and the script path). Throws {@link UsageError} for anything it cannot run. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return { command: 'help', topic: rest[0] === 'convert' || rest[0] === 'init' ? rest[0] : undefined };
    case 'version':
    case '--version':
    case '-V':
      return { command: 'version' };
    case 'convert':
      return parseConvert(rest);
    case 'init':
      return parseInit(rest);
    default:
      throw new UsageError(`unknown command '${command}'; the commands are 'convert' and 'init'`);
  }
}

function parseConvert(argv: readonly string[]): Invocation {
  const { values, positionals } = parseOptions(argv, CONVERT_OPTIONS);
  if (values.help) return { command: 'help', topic: 'convert' };
  const file = positionals.find((word) => /\.ya?ml$|\//.test(word));
  if (file !== undefined) throw new UsageError(`'${file}' looks like a file, but positionals name services; pass files with -f ${file}`);
  if (values.stdout && values.output !== undefined) throw new UsageError('--stdout and -o/--output exclude each other');
  return {
    command: 'convert',
    args: {
      ...conversionInputs(argv, values),
      services: positionals,
      outDir: values.output ?? DEFAULT_OUT_DIR,
      stdout: values.stdout ?? false,
      format: parseFormat(values.format),
    },
  };
}

/** `init` takes the conversion's options but the output ones, `--env`, and the project directory as its one positional. */
const { output: _output, stdout: _stdout, format: _format, ...CONVERSION_OPTIONS } = CONVERT_OPTIONS;
const INIT_OPTIONS = { ...CONVERSION_OPTIONS, env: { type: 'string', multiple: true }, service: { type: 'string', multiple: true } } as const;

function parseInit(argv: readonly string[]): Invocation {
  const { values, positionals } = parseOptions(argv, INIT_OPTIONS);
  if (values.help) return { command: 'help', topic: 'init' };
  if (positionals.length > 1) throw new UsageError(`init takes one project directory, not ${positionals.length}: ${positionals.join(' ')}`);
  const dir = positionals[0] ?? DEFAULT_INIT_DIR;
  if (/\.ya?ml$/.test(dir)) throw new UsageError(`'${dir}' looks like a Compose file, but the positional is the project directory; pass files with -f ${dir}`);
  // The positional is the directory, so a service selection (convert's SERVICE...) is spelled --service NAME.
  return { command: 'init', args: { ...conversionInputs(argv, values), dir, services: values.service ?? [], environments: parseEnvironments(values.env ?? []) } };
}

/** `--env NAME=FILE`: NAME becomes a directory under dist/ and a key in code, so it is a DNS label. */
function parseEnvironments(pairs: readonly string[]): InitArgs['environments'] {
  const environments = pairs.map((pair) => {
    const eq = pair.indexOf('=');
    const [name, file] = [pair.slice(0, eq), pair.slice(eq + 1)];
    if (eq <= 0 || file === '') throw new UsageError(`--env expects NAME=FILE (e.g. production=compose.production.yml), not '${pair}'`);
    if (!DNS_LABEL.test(name)) throw new UsageError(`--env ${pair}: the name must be a DNS-1123 label (lowercase letters, digits and '-'), not '${name}'`);
    return { name, file };
  });
  const twice = environments.find((e, i) => environments.findIndex((o) => o.name === e.name) !== i);
  if (twice) throw new UsageError(`--env names environment '${twice.name}' twice`);
  return environments;
}

type ParsedOptions = { [K in keyof typeof CONVERT_OPTIONS | 'env' | 'service']?: K extends 'env' | 'service' ? string[] : K extends keyof typeof CONVERT_OPTIONS ? (typeof CONVERT_OPTIONS)[K] extends { multiple: true } ? string[] : (typeof CONVERT_OPTIONS)[K] extends { type: 'boolean' } ? boolean : string : never };

function parseOptions(argv: readonly string[], options: Partial<typeof CONVERT_OPTIONS> | typeof INIT_OPTIONS): { values: ParsedOptions; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    return { values: values as ParsedOptions, positionals };
  } catch (e) {
    // util.parseArgs phrases unknown flags and missing values well; keep its message, drop its error class.
    throw new UsageError((e as Error).message);
  }
}

/** The options `convert` and `init` share: what to load and how to convert it. */
function conversionInputs(argv: readonly string[], values: ParsedOptions): Omit<InitArgs, 'dir' | 'environments' | 'services'> {
  if (values.namespace !== undefined && !DNS_LABEL.test(values.namespace)) {
    throw new UsageError(`--namespace must be a DNS-1123 label (lowercase letters, digits and '-', at most 63), not '${values.namespace}'`);
  }
  if (values.namespace === 'default' || values.namespace?.startsWith('kube-')) {
    throw new UsageError(`--namespace ${values.namespace} is shared with the cluster: the stack puts its namespace under restricted and default-deny; name a namespace of its own`);
  }
  return {
    argv: [...argv],
    files: values.file ?? [],
    envFiles: values['env-file'] ?? [],
    profiles: values.profile ?? [],
    namespace: values.namespace,
    force: values.force ?? false,
    images: parseImages(values.image ?? []),
    rwxStorageClass: parseStorageClass(values['rwx-storage-class']),
    allowPaths: values['allow-path'] ?? [],
    strict: values.strict ?? false,
    verbose: values.verbose ?? false,
  };
}

/** A StorageClass name is a DNS-1123 subdomain. */
function parseStorageClass(name: string | undefined): string | undefined {
  if (name === undefined || DNS_SUBDOMAIN.test(name)) return name;
  throw new UsageError(`--rwx-storage-class must be a StorageClass name (a DNS-1123 subdomain), not '${name}'`);
}

function parseFormat(format: string | undefined): OutputFormat {
  if (format === undefined || format === 'yaml' || format === 'json') return format ?? 'yaml';
  throw new UsageError(`--format must be 'yaml' or 'json', not '${format}'`);
}

function parseImages(pairs: readonly string[]): Record<string, string> {
  const images: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const service = pair.slice(0, eq);
    const ref = pair.slice(eq + 1);
    if (eq <= 0 || ref === '') throw new UsageError(`--image expects SERVICE=IMAGE (e.g. backend=ghcr.io/acme/backend:1.4.2), not '${pair}'`);
    if (!parseImageRef(ref)) throw new UsageError(`--image ${service}=${ref}: '${ref}' is not an image reference; write [registry/]name:tag or name@sha256:<64 hex digits>`);
    if (images[service] !== undefined) throw new UsageError(`--image given twice for service '${service}'`);
    images[service] = ref;
  }
  return images;
}
