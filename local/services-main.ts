import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../common/local-endpoints-file';
import { parseFlags, portFlag, runEntryPoint, UsageError } from './platform/command-line';
import { resetDataDir } from './platform/data-dir';
import { runUntilSignal } from './run-until-signal';
import { startServices } from './services';

const USAGE = `Usage: npm run local:services -- [--port <n>] [--data-dir <dir>] [--reset] [--enforce-sigv4]

  --port <n>        port of the AWS endpoint on 127.0.0.1 (0 = any free port; default 4566)
  --data-dir <dir>  folder for local state (default ${DEFAULT_DATA_DIR})
  --reset           delete the local state before starting
  --enforce-sigv4   refuse requests whose SigV4 signature does not verify against the local
                    credentials (default: signatures are not checked)
  --help            show this text`;

/** The command line after `npm run local:services --`; `'help'` when help was asked for. */
function parseOptions(argv: readonly string[]) {
  const values = parseFlags(argv, {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    reset: { type: 'boolean', default: false },
    'enforce-sigv4': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (values.help) return 'help';
  const dataDir = values['data-dir'] ?? DEFAULT_DATA_DIR;
  if (dataDir.trim() === '') throw new UsageError('--data-dir must not be empty');
  return {
    port: portFlag('--port', values.port, 4566),
    dataDir: resolve(dataDir),
    reset: values.reset,
    enforceSigV4: values['enforce-sigv4'],
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  if (options.reset) resetDataDir(options.dataDir);
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

runEntryPoint(main, USAGE, 'the local services');
