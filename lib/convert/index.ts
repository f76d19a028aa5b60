export { acknowledgeRoleCheck, buildStack, type BuildStackOptions } from './build';
export { CONVERT_CODES, type ConvertCode } from './codes';
export { convertCompose, type ConvertComposeOptions, type ConvertComposeResult } from './convert-compose';
export { convertProject, type ConvertOptions, type ConvertResult } from './project';
export { diskFiles, type ProjectFiles } from './project-files';
export { secretCommands } from './secret-commands';
export { SERVICE_KEYS } from './service-keys';
export type * from './spec';
export type { WebstackBlock } from './x-webstack';
