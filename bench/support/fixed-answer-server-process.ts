/**
 * The baseline server in a process of its own, so a benchmark's clients and the server they
 * measure never share a CPU's event loop: argv[2] is the answers as JSON (see
 * `startFixedAnswerServer`), argv[3] the content type. Prints its URL, then serves until killed.
 */
import { startFixedAnswerServer } from './measure';

startFixedAnswerServer(
  JSON.parse(process.argv[2] ?? '{}') as Record<string, string>,
  process.argv[3] ?? 'application/json',
).then(
  (server) => process.stdout.write(`${server.url}\n`),
  (error: unknown) => {
    process.stderr.write(`baseline server failed: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
