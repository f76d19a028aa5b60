import * as fs from 'fs';

/** Reads project files (bind-mounted config, env files); injectable so tests need no disk. */
export interface ProjectFiles {
  /** `file`, `directory` or undefined when the path does not exist. */
  kind(path: string): 'file' | 'directory' | undefined;
  read(path: string): Buffer;
  /** Entry names of a directory, sorted. */
  list(path: string): string[];
}

/** Reads the project's files from disk. */
export const diskFiles: ProjectFiles = {
  kind: (p) => {
    try {
      const stat = fs.statSync(p);
      return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
  read: (p) => fs.readFileSync(p),
  list: (p) => fs.readdirSync(p).sort(),
};

