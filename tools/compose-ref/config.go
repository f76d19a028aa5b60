package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/cli"
)

// request is one `docker compose [flags] config --format json` invocation.
type request struct {
	files       []string
	envFiles    []string
	profiles    []string
	env         []string
	projectDir  string
	projectName string
	osEnv       bool
}

// composeConfig replays what Docker Compose v2 does for `config --format json`: the project options of
// cmd/compose/compose.go and cmd/compose/config.go, the post-processing of pkg/compose/loader.go, then the
// environment resolution, consistency check and `$` escaping of runConfigInterpolate. The one intended
// departure is the environment: it is exactly req.env unless req.osEnv is set.
func composeConfig(ctx context.Context, req request) ([]byte, error) {
	envFiles, err := absolutePaths(req.envFiles)
	if err != nil {
		return nil, err
	}
	opts := []cli.ProjectOptionsFn{
		// `config` defaults: everything resolved, env_file folded into environment.
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(true),
		cli.WithNormalization(true),
		cli.WithConsistency(true),
		cli.WithDiscardEnvFile,
		cli.WithWorkingDirectory(req.projectDir),
		cli.WithEnv(req.env),
	}
	if req.osEnv {
		opts = append(opts, cli.WithOsEnv)
	}
	opts = append(opts,
		// Same order as Docker Compose: env files of the working directory, file discovery (COMPOSE_FILE,
		// then compose.yaml and its override), then env files again for a working directory found only now.
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithConfigFileEnv,
		cli.WithDefaultConfigPath,
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithDefaultProfiles(req.profiles...),
		cli.WithName(req.projectName),
	)
	options, err := cli.NewProjectOptions(req.files, opts...)
	if err != nil {
		return nil, err
	}
	project, err := options.LoadProject(ctx)
	if err != nil {
		return nil, err
	}
	if project.Name == "" {
		return nil, errors.New("project name can't be empty. Use `--project-name` to set a valid name")
	}
	project = project.WithoutUnnecessaryResources()
	if project, err = project.WithServicesEnvironmentResolved(true); err != nil {
		return nil, err
	}
	if err = project.CheckContainerNameUnicity(); err != nil {
		return nil, err
	}
	content, err := project.MarshalJSON()
	if err != nil {
		return nil, err
	}
	// Compose escapes every `$` so its output can be fed back as a compose file without re-interpolation.
	return bytes.ReplaceAll(content, []byte("$"), []byte("$$")), nil
}

// absolutePaths resolves paths against the current directory, as Docker Compose does for --env-file.
func absolutePaths(paths []string) ([]string, error) {
	abs := make([]string, 0, len(paths))
	for _, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		abs = append(abs, a)
	}
	return abs, nil
}
