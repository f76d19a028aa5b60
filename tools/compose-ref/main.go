// Command compose-ref prints a Compose project exactly as `docker compose config --format json` does, using
// compose-go (the loader inside Docker Compose). cdk8s-webstack's differential test compares its own loader
// with this output, so compose-go is the reference for parse, interpolate, merge and normalize.
//
// Unlike Docker Compose it does not read the machine's environment unless --os-env is given: interpolation
// sees only --env values, --env-file files (or the project's .env), so results do not depend on who runs them.
//
// Usage:
//
//	compose-ref [-f FILE]... [--env-file FILE]... [--profile NAME]... [--env KEY=VALUE]...
//	            [--project-directory DIR] [-p NAME] [--os-env]
//
// Exit status: 0 with the JSON on stdout; 1 with compose-go's error on stderr; 2 on bad usage.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
)

// repeated collects a flag that may be given several times, in order.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

func main() {
	var req request
	fs := flag.NewFlagSet("compose-ref", flag.ContinueOnError)
	fs.Var((*repeated)(&req.files), "f", "compose file, in merge order (repeatable; default: Compose's file discovery)")
	fs.Var((*repeated)(&req.files), "file", "same as -f")
	fs.Var((*repeated)(&req.envFiles), "env-file", "interpolation env file (repeatable; default: <project dir>/.env)")
	fs.Var((*repeated)(&req.profiles), "profile", "profile to enable (repeatable; default: COMPOSE_PROFILES)")
	fs.Var((*repeated)(&req.env), "env", "KEY=VALUE seen by interpolation as if exported (repeatable)")
	fs.StringVar(&req.projectDir, "project-directory", "", "working directory (default: directory of the first file)")
	fs.StringVar(&req.projectDir, "workdir", "", "same as --project-directory")
	fs.StringVar(&req.projectName, "p", "", "project name (default: from the files, COMPOSE_PROJECT_NAME or the directory)")
	fs.StringVar(&req.projectName, "project-name", "", "same as -p")
	fs.BoolVar(&req.osEnv, "os-env", false, "also read the process environment, as Docker Compose does")
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "compose-ref: unexpected arguments %q (service selection is not supported)\n", fs.Args())
		os.Exit(2)
	}

	out, err := composeConfig(context.Background(), req)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_, _ = os.Stdout.Write(out)
}
