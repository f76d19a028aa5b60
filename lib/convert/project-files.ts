import * as fs from 'fs';

/** Reads project files (bind-mounted config, env files); injectable so tests need no disk. */
export interface ProjectFiles {
  /** `file`, `directory` or undefined when the path does not exist. */
  kind(path: string): 'file' | 'directory' | undefined;
  read(path: string): Buffer;
  /** Entry names of a directory, sorted. */
  list(path: string): string[];
  /** Size in bytes of a file. */
  size(path: string): number;
  /** The path with every symlink resolved, or undefined when it does not exist. */
  realPath(path: string): string | undefined;
}

/** Reads the project's files from disk. */
export const diskFiles: ProjectFiles = {
  // lstat: a symlink inside a directory is neither file nor directory, so a config tree never follows one out of
  // the project; callers resolve the top-level path themselves with realPath.
  kind: (p) => {
    try {
      const stat = fs.lstatSync(p);
      return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
  read: (p) => fs.readFileSync(p),
  list: (p) => fs.readdirSync(p).sort(),
  size: (p) => fs.lstatSync(p).size,
  realPath: (p) => {
    try {
      return fs.realpathSync.native(p);
    } catch {
      return undefined;
    }
  },
};

