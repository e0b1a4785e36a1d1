import { existsSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runUntilSignal } from './run-until-signal';
import { DEFAULT_DATA_DIR, startServices } from './services';

const USAGE = `Usage: npm run local:services -- [--port <n>] [--data-dir <dir>] [--reset] [--enforce-sigv4]

  --port <n>        port of the AWS endpoint on 127.0.0.1 (0 = any free port; default 4566)
  --data-dir <dir>  folder for local state (default ${DEFAULT_DATA_DIR})
  --reset           delete the local state before starting
  --enforce-sigv4   refuse requests whose SigV4 signature does not verify against the local
                    credentials (default: signatures are not checked)
  --help            show this text`;

/** Files the services create: one SQLite database (with WAL files) per service, dynalite's folder, endpoints.json. */
const OWN_ENTRY = /^(?:[a-z0-9-]+\.db(?:-wal|-shm)?|dynamodb|endpoints\.json|.*\.tmp)$/;

class UsageError extends Error {}

function parseOptions(
  argv: string[],
): { port: number; dataDir: string; reset: boolean; enforceSigV4: boolean } | 'help' {
  let values: {
    port?: string;
    'data-dir'?: string;
    reset?: boolean;
    'enforce-sigv4'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        reset: { type: 'boolean', default: false },
        'enforce-sigv4': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const port = values.port === undefined ? 4566 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '4566') || port > 65_535) {
    throw new UsageError(`--port must be an integer from 0 to 65535 (given ${values.port})`);
  }
  const dataDir = values['data-dir'] ?? DEFAULT_DATA_DIR;
  if (dataDir.trim() === '') throw new UsageError('--data-dir must not be empty');
  return {
    port,
    dataDir: resolve(dataDir),
    reset: values.reset ?? false,
    enforceSigV4: values['enforce-sigv4'] ?? false,
  };
}

function reset(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const foreign = readdirSync(dataDir).filter((entry) => !OWN_ENTRY.test(entry));
  if (foreign.length > 0) {
    throw new UsageError(
      `--reset refuses to clear ${dataDir}: it holds files this program did not create (${foreign.join(', ')})`,
    );
  }
  rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
    if (options === 'help') {
      console.log(USAGE);
      return;
    }
    if (options.reset) reset(options.dataDir);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const services = await runUntilSignal(
    () => startServices({ port: options.port, dataDir: options.dataDir, enforceSigV4: options.enforceSigV4 }),
    'stopping',
  );
  if (!services) return;
  console.log(`Local AWS endpoint: ${services.url}`);
  console.log(`  export AWS_ENDPOINT_URL=${services.url} AWS_REGION=${services.region}`);
  console.log(
    `  export AWS_ACCESS_KEY_ID=${services.accessKeyId} AWS_SECRET_ACCESS_KEY=${services.secretAccessKey}`,
  );
  console.log(`State: ${services.dataDir}`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: could not start the local services: ${message}`);
  process.exit(1);
});
