import { App } from 'cdk8s';
import { buildStack, convertCompose, DiagnosticError } from 'cdk8s-webstack';

const { spec, diagnostics, failed } = convertCompose({ files: ['docker-compose.yml', 'compose.production.yml'] });
if (failed || !spec) throw new DiagnosticError(diagnostics);
// spec.roles[i].props are the role constructs' props as plain data: keep customizing before building.
const api = spec.roles.find((r) => r.service === 'api');
if (api?.role === 'web-service') api.props.autoscaling = { minReplicas: 4, maxReplicas: 30 };
buildStack(new App(), spec);
