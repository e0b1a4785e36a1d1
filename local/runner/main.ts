import { banner } from './banner';
import { parseCliOptions, USAGE, UsageError } from './cli-options';
import { type LocalCloud, startLocalCloud } from './start-local-cloud';

/** `npm start`: the local cloud in the foreground until Ctrl-C. */
async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliOptions>;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }

  // Handlers go in before the start, which can take a synth's 20 s, so Ctrl-C always stops cleanly.
  let cloud: LocalCloud | undefined;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      console.log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: no new requests; waiting for invocations in flight...`);
    (cloud?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('error while stopping:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const started = await startLocalCloud(options);
  if (stopping) {
    await started.stop();
    return;
  }
  cloud = started;
  console.log(
    banner({
      apiUrl: cloud.apiUrl,
      awsEndpoint: cloud.awsEndpoint,
      region: cloud.region,
      ...cloud.credentials,
      dataDir: cloud.dataDir,
      functions: cloud.lambda.list().map((definition) => definition.name),
      startupMs: cloud.startup.ms,
      synthesized: cloud.startup.synthesized,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(
    `error: the local cloud could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
