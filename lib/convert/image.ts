import type { ServiceSpec } from '../compose/model';
import type { NodeRequirement } from '../services/workload-options';
import { imagePinning, parseImageRef } from '../image-ref';
import type { ServiceReporter } from './report';
import type { WebstackBlock } from './x-webstack';

/**
 * The image a service deploys: `--image svc=ref` wins over `x-webstack.image`, which wins over `image:`. The
 * converter never builds, so a build-only service needs one of them; `latest` and untagged references are errors
 * because every pull may run different code. Undefined when no usable image exists (reported as an error).
 */
export function resolveImage(service: ServiceSpec, cliImage: string | undefined, webstack: WebstackBlock, reporter: ServiceReporter): string | undefined {
  const [image, at] =
    cliImage !== undefined ? [cliImage, undefined] : webstack.image !== undefined ? [webstack.image, 'x-webstack.image'] : [service.image, 'image'];
  if (image === undefined) {
    reporter.report('image-missing', {
      at: 'build',
      message: 'has only `build`, and the converter never builds images',
      fix: `push the image and name it: \`x-webstack: { image: registry/${service.name}:1.0.0 }\` or \`--image ${service.name}=registry/${service.name}:1.0.0\``,
    });
    return undefined;
  }
  if (service.build && service.image !== undefined) {
    reporter.report('build-ignored', { at: 'build', message: `build is ignored; the image ${image} is deployed`, value: image });
  }
  const ref = parseImageRef(image);
  if (!ref) {
    reporter.report('image-invalid', {
      at,
      message: `image ${JSON.stringify(image)} is not a valid image reference`,
      value: image,
      fix: `write it as [registry/]name:tag or name@sha256:<digest> (lower case), or pass --image ${service.name}=<ref>`,
    });
    return undefined;
  }
  const pinning = imagePinning(ref);
  if (pinning === 'latest' || pinning === 'untagged') {
    reporter.report(pinning === 'latest' ? 'image-latest' : 'image-untagged', {
      at,
      message: `image ${image} is ${pinning === 'latest' ? 'tagged latest' : 'not tagged'}, so every pull may run different code`,
      value: image,
      fix: `pin a version tag or digest (e.g. ${image.replace(/:latest$/, '')}:1.2.3), or pass --image ${service.name}=<pinned ref>`,
    });
    return undefined;
  }
  return image;
}

/** `pull_policy`: the roles pull `IfNotPresent`, which is right for pinned images; `build` cannot work. */
export function checkPullPolicy(service: ServiceSpec, reporter: ServiceReporter): void {
  if (service.pullPolicy === undefined) return;
  if (service.pullPolicy === 'build') {
    reporter.report('pull-policy-build', {
      at: 'pull_policy',
      message: 'pull_policy build needs a local image build, which a cluster cannot do',
      value: service.pullPolicy,
      fix: 'push the image to a registry and remove pull_policy',
    });
  } else if (service.pullPolicy !== 'missing' && service.pullPolicy !== 'if_not_present') {
    reporter.report('pull-policy-ignored', { at: 'pull_policy', message: `pull_policy ${service.pullPolicy} becomes IfNotPresent, which pinned images need`, value: service.pullPolicy });
  }
}

/** Go architecture names as Docker writes them -> the `kubernetes.io/arch` label values. */
const ARCH: Readonly<Record<string, string>> = { amd64: 'amd64', x86_64: 'amd64', arm64: 'arm64', aarch64: 'arm64', arm: 'arm', ppc64le: 'ppc64le', s390x: 's390x', '386': '386' };

/** `platform: linux/arm64` -> node affinity on `kubernetes.io/os` and `kubernetes.io/arch`. */
export function platformAffinity(service: ServiceSpec, reporter: ServiceReporter): NodeRequirement[] {
  if (service.platform === undefined) return [];
  const [os, arch] = service.platform.split('/');
  const nodeArch = arch === undefined ? undefined : ARCH[arch];
  if (os !== 'linux' || (arch !== undefined && nodeArch === undefined)) {
    reporter.report('platform-unsupported', {
      at: 'platform',
      message: `platform ${service.platform} is not linux/<arch>, so no node can be selected for it`,
      value: service.platform,
      fix: 'use a linux image, or remove platform',
    });
    return [];
  }
  return [
    { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
    ...(nodeArch ? [{ key: 'kubernetes.io/arch', operator: 'In' as const, values: [nodeArch] }] : []),
  ];
}
