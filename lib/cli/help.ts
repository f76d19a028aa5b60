/** Usage text of `webstack` and `webstack convert`. */

export const USAGE = `Usage: webstack <command> [options]

Commands:
  convert     Convert Docker Compose files into Kubernetes manifests
  init        Turn Docker Compose files into a cdk8s project you own (TypeScript)

Options:
  -h, --help     Show help (also: webstack convert --help, webstack init --help)
  -V, --version  Show the version

Exit codes: 0 ok, 1 input errors (or warnings with --strict), 2 internal error.`;

export const CONVERT_USAGE = `Usage: webstack convert [-f FILE]... [options] [SERVICE...]

Loads the Compose files exactly as \`docker compose -f ... config\` does, maps every service to a hardened role
(Pod Security restricted, NetworkPolicies from depends_on/links, probes from healthchecks) and writes the
manifests atomically: on any error nothing is written and the previous output is kept. Naming SERVICEs
converts only those and the services they depend on, as \`docker compose config SERVICE...\` does.

Options:
  -f, --file FILE        Compose file, repeatable, merged in order
                         (default: compose.yaml / docker-compose.yml and its override file)
      --env-file FILE    Interpolation env file, repeatable (default: .env beside the first file)
      --profile NAME     Activate a profile, repeatable
  -n, --namespace NAME   Namespace of the stack (default: the Compose project name)
  -o, --output DIR       Output directory (default: dist). It must be absent, empty or a previous
                         webstack output (it holds .webstack-output); never the project or working
                         directory, an input file or a directory holding one
      --force            Replace an output directory that holds other files
      --stdout           Print the manifests instead of writing a directory
      --format FORMAT    yaml (default) or json (a v1 List)
      --image SVC=REF    Image for a service, repeatable (required for build-only services)
      --rwx-storage-class NAME
                         StorageClass supporting ReadWriteMany: a named volume mounted by several
                         services becomes one shared claim of it (default: such volumes are errors)
      --allow-path DIR   Also read env files, configs and label files from DIR, outside the project
                         directory (repeatable; by default nothing outside the project is read)
      --strict           Treat warnings as errors
  -v, --verbose          Also print info diagnostics (role decisions, ignored keys)
  -h, --help             Show this help

Secrets are never written: the manifests reference Secrets by name, and the kubectl commands to create them are
printed at the end. Per-service settings Compose cannot express go in an \`x-webstack:\` block.`;


export const INIT_USAGE = `Usage: webstack init [-f FILE]... [options] [DIR]

Converts the Compose files as \`webstack convert\` does, then writes a new cdk8s project into DIR (default: k8s)
instead of manifests: package.json, cdk8s.yaml, tsconfig.json, main.ts, lib/<project>.ts (TypeScript that
instantiates the typed role constructs with every derived value written out, each service's Compose file:line
in a comment and each warning as a TODO(webstack) where it applies), imports/, test/ (snapshot and invariant
tests), .gitignore and a README with its two commands. The project never reads the Compose files again: it is
yours to edit. Its \`npm run synth\` writes the same dist/ as \`webstack convert\` on the same inputs.

Options: those of \`webstack convert\` (-f, --env-file, --profile, -n, --image, --rwx-storage-class,
--allow-path, --strict, -v), except -o, --stdout and --format, and:
      --env NAME=FILE    An environment: the -f files merged with the override FILE, as
                         \`docker compose -f ... -f FILE\` does; repeatable. The project then
                         synthesizes dist/NAME/ for each, and what differs between them (images,
                         replicas, resources, settings) is typed values in lib/environments.ts.
                         The environments must run the same services with the same links
      --service NAME     Only this service and those it depends on, repeatable (convert's SERVICE...)
      --force            Replace a DIR that is not empty (by default DIR must be absent or empty:
                         init never overwrites code you may have edited)
  -h, --help             Show this help`;
