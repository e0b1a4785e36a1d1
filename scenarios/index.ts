/** The scenario suite as a library: what the entry point runs, for tests and other runners. */
export { runCommand } from './command';
export { runScenarios, type ScenarioResult, type SuiteOptions, type SuiteReport } from './run-scenarios';
export { resolveTarget, type TargetChoice } from './target/resolve-target';
export type { ScenarioTarget } from './target/target';
