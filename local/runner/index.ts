/** The local cloud runner: what `npm start`, tests and benchmarks may import. */

export { type CloudAssembly, type CloudAssemblyOptions, loadCloudAssembly } from './cloud-assembly';
export { SynthesisError, UnsupportedTemplateError } from './errors';
export type { FunctionOverrides } from './function-definitions';
export type { QueueOverrides } from './provision-queues';
export { RESOURCE_ROLES, type ResourceRole } from './resource-roles';
export {
  type LocalResource,
  type LocalStackIdentity,
  StackResources,
} from './stack-resources';
export {
  type AddOnStarter,
  DEFAULT_WEBHOOK_ALLOWED_HOSTS,
  type LocalCloud,
  type LocalCloudFeeds,
  type LocalCloudOptions,
  startLocalCloud,
} from './start-local-cloud';
