/** The local web console: what `npm start` (local/runner/main.ts) starts beside the local cloud. */
export { type ConsoleOptions, type RunningConsole, startConsole } from './server/start-console';
