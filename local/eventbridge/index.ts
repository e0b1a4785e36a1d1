/** The EventBridge emulation: what the composition root and tests may import. */

export type { RuleStats } from './engine/rule-counters';
export { InvalidEventPatternError } from './errors';
export { EventBridgeService, type EventBridgeServiceOptions } from './eventbridge-service';
export { CompiledEventPattern, compileEventPattern, flattenEvent } from './pattern-engine';
export { type LambdaInvoker, type SqsSendOptions, type SqsTargetPort, TargetUnreachableError } from './ports';
