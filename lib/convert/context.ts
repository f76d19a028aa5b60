import type { ComposeProject, ServiceSpec } from '../compose/model';
import type { InferredPorts } from './port-inference';
import type { ProjectFiles } from './project-files';
import { SecretValues } from './secret-values';
import type { ServiceReporter } from './report';
import type { Role } from './roles';
import type { ClaimSpec, ConfigMapSpec, SecretSource } from './spec';
import type { WebstackBlock } from './x-webstack';

/** Stack-wide objects the services contribute to, keyed by name so two services can share one. */
export class StackObjects {
  readonly configMaps = new Map<string, { data: Record<string, string>; binaryData: Record<string, string> }>();
  readonly claims = new Map<string, ClaimSpec>();
  readonly secrets = new Map<string, Map<string, SecretSource>>();
  /** The project's secret values, known once every service's variables are collected (before roles are shaped). */
  secretValues = new SecretValues();
  /** Claim -> the services that mount it -> where (the `volumes.N` of the first mount), in mount order. */
  readonly claimUsers = new Map<string, Map<string, string>>();

  /** Records that `service` mounts `claim` at the Compose location `at`. */
  mountClaim(claim: string, service: string, at: string): void {
    const users = this.claimUsers.get(claim) ?? new Map<string, string>();
    if (!users.has(service)) users.set(service, at);
    this.claimUsers.set(claim, users);
  }

  /**
   * ConfigMap -> key -> the project file it was read from (`./conf/app.ini`), undefined for inline content; only
   * file ConfigMaps are listed (not the env ones), so a ConfigMap holding credentials can become a Secret.
   */
  readonly configSources = new Map<string, Map<string, string | undefined>>();

  /** Adds a key to a ConfigMap (created on first use); content that is not UTF-8 goes to `binaryData`. */
  addConfigData(name: string, key: string, content: Buffer, source?: { readonly file?: string }): void {
    if (source) this.configSources.set(name, (this.configSources.get(name) ?? new Map<string, string | undefined>()).set(key, source.file));
    const map = this.configMaps.get(name) ?? { data: {}, binaryData: {} };
    const text = content.toString('utf8');
    if (Buffer.from(text, 'utf8').equals(content)) map.data[key] = text;
    else map.binaryData[key] = content.toString('base64');
    this.configMaps.set(name, map);
  }

  /** Records that Secret `name` must hold `key`; returns the reference. */
  requireSecret(name: string, key: string, source: SecretSource): { name: string; key: string } {
    const keys = this.secrets.get(name) ?? new Map<string, SecretSource>();
    keys.set(key, source);
    this.secrets.set(name, keys);
    return { name, key };
  }

  /** The ConfigMaps in creation order, without empty `binaryData`. */
  configMapSpecs(): ConfigMapSpec[] {
    return [...this.configMaps.entries()].map(([name, { data, binaryData }]) => ({
      name,
      data,
      binaryData: Object.keys(binaryData).length ? binaryData : undefined,
    }));
  }
}

/** What every concern may read while converting one service. */
export interface ServiceContext {
  readonly project: ComposeProject;
  readonly service: ServiceSpec;
  /** DNS-1123 name of the service's objects. */
  readonly name: string;
  readonly role: Role;
  /** Image after `--image` and `x-webstack.image`. */
  readonly image?: string;
  readonly webstack: WebstackBlock;
  readonly reporter: ServiceReporter;
  readonly objects: StackObjects;
  readonly files: ProjectFiles;
  /** Real paths of the directories files may be read from: the project's, and every `--allow-path`. */
  readonly allowedRoots: readonly string[];
  /** The ports a service that declares none listens on, read from elsewhere (lib/convert/port-inference.ts). */
  readonly inferredPorts?: InferredPorts;
  /** Some service of the stack is its entry from outside (a proxy). @default false */
  readonly stackHasEntry?: boolean;
}

/** What a service's neighbours look like to the role step: their role names and whether they have ports. */
export interface Peer {
  readonly name: string;
  readonly role: Role;
  readonly hasPorts: boolean;
}
