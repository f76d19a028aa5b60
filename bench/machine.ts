/** What a benchmark ran on, so figures from different machines and versions are never compared blindly. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** Package name -> installed version, for the packages whose speed the figures depend on. */
  readonly packages: Readonly<Record<string, string>>;
}

/** The packages whose installed versions the report records. */
const PACKAGES = ['cdk8s', 'cdk8s-plus-28', 'cdk8s-cli', 'constructs', 'yaml', 'ajv', 'typescript'] as const;

function installedVersion(root: string, name: string): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

export function machineInfo(root: string): MachineInfo {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, installedVersion(root, name)])),
  };
}

/** The 1, 5 and 15 minute load averages, as `uptime` shows them. */
export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(', ');
}
