import { startConsole } from '../../console';
import { consoleLogSink } from '../lambda';
import { runEntryPoint } from '../platform/command-line';
import { runUntilSignal } from '../run-until-signal';
import { banner } from './banner';
import { parseCliOptions, USAGE } from './cli-options';
import { startLocalCloud } from './start-local-cloud';

/** `npm start`: the local cloud in the foreground until Ctrl-C. */
async function main(): Promise<void> {
  // The SDK's warning about this Node.js version says nothing the banner's runtime line does not.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const options = parseCliOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return;
  }

  const { consolePort } = options;
  const cloud = await runUntilSignal(
    () =>
      startLocalCloud({
        ...options,
        functionLogs: options.quiet ? () => undefined : consoleLogSink({ minLevel: options.logLevel }),
        ...(consolePort !== undefined && { console: (feeds) => startConsole(feeds, { port: consolePort }) }),
      }),
    'no new requests; waiting for invocations in flight...',
  );
  if (!cloud) return;
  console.log(
    banner({
      apiUrl: cloud.apiUrl,
      awsEndpoint: cloud.awsEndpoint,
      region: cloud.region,
      ...cloud.credentials,
      dataDir: cloud.dataDir,
      functions: cloud.lambda.list().map((definition) => definition.name),
      runtimes: cloud.lambda.list().flatMap((definition) => definition.runtime ?? []),
      hostNodeVersion: process.version,
      startupMs: cloud.startup.ms,
      synthesized: cloud.startup.synthesized,
      enforceSigV4: options.enforceSigV4,
      ...(cloud.consoleUrl !== undefined && { consoleUrl: cloud.consoleUrl }),
    }),
  );
}

runEntryPoint(main, USAGE, 'the local cloud');
