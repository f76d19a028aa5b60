export { buildStack, type BuildStackOptions } from './build';
export { CONVERT_CODES, type ConvertCode } from './codes';
export type { ProjectFiles } from './context';
export { convertCompose, type ConvertComposeOptions, type ConvertComposeResult } from './convert-compose';
export { convertProject, diskFiles, type ConvertOptions, type ConvertResult } from './project';
export { secretCommands } from './secret-commands';
export { SERVICE_KEYS } from './service-keys';
export type * from './spec';
export type { WebstackBlock } from './x-webstack';
