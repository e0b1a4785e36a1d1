import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../../common/local-endpoints-file';
import { DEFAULT_MAX_ENVIRONMENTS, LOG_LEVELS, type LogLevel } from '../lambda';
import { parseFlags, portFlag, UsageError } from '../platform/command-line';

/** What `npm start` accepts. */
export interface CliOptions {
  readonly apiPort: number;
  readonly awsPort: number;
  readonly dataDir: string;
  readonly reset: boolean;
  /** Cloud assembly folder; undefined uses the runner's default (cdk.out). */
  readonly outdir?: string;
  /** CDK context for the synth, from `--context KEY=VALUE` (as `cdk -c`). */
  readonly context: Readonly<Record<string, string>>;
  /** Environments per function; undefined uses the runtime's default. */
  readonly maxEnvironments?: number;
  /** Function log lines below this level are not shown. */
  readonly logLevel: LogLevel;
  /** No function log lines at all (the runner's own notes still show). */
  readonly quiet: boolean;
  /** Verify SigV4 signatures on the AWS endpoint. */
  readonly enforceSigV4: boolean;
  /** The web console's port; undefined with `--no-console`. */
  readonly consolePort?: number;
}

/** Where the web console listens unless `--console-port` says otherwise. */
export const DEFAULT_CONSOLE_PORT = 3001;

/** More environments than this per function is more memory than any laptop should spend. */
const MAX_ENVIRONMENTS_LIMIT = 64;

export const USAGE = `Usage: npm start -- [--port <n>] [--aws-port <n>] [--console-port <n> | --no-console] [--data-dir <dir>] [--reset]
         [--outdir <dir>] [--context KEY=VALUE]... [--max-environments <n>] [--log-level <level>] [--quiet]
         [--enforce-sigv4]

Runs the synthesized Switchyard stack on this machine (127.0.0.1 only).

  --port <n>        API Gateway port (default 3000; 0 = any free port)
  --aws-port <n>    AWS endpoint port for SQS, DynamoDB, EventBridge, CloudWatch (default 4566; 0 = any free port)
  --console-port <n>
                    web console port (default ${DEFAULT_CONSOLE_PORT}; 0 = any free port); its URL, with a per-start
                    access token, is in the banner and in <data-dir>/endpoints.json (consoleUrl)
  --no-console      do not start the web console
  --data-dir <dir>  folder for local state, kept across restarts (default ${DEFAULT_DATA_DIR})
  --reset           delete the local state before starting
  --outdir <dir>    cloud assembly folder, synthesized only when the sources changed (default cdk.out)
  --context KEY=VALUE
                    CDK context for the synth, as \`cdk -c\` (repeatable), e.g.
                    --context switchyard:throttlingRateLimit=1000
  --max-environments <n>
                    worker threads one function may run at once (default ${DEFAULT_MAX_ENVIRONMENTS}; local only:
                    Lambda scales to the account's concurrency, capped by reserved concurrency)
  --log-level <level>
                    show function log lines at this level and above: debug, info, warn, error
                    or critical (default debug: every line)
  --quiet           show no function log lines
  --enforce-sigv4   refuse AWS endpoint requests whose SigV4 signature does not verify against
                    the local credentials (default: signatures are not checked, as in LocalStack)
  --help            show this text`;

/** Parses the arguments after `npm start --`; `'help'` when help was asked for. */
export function parseCliOptions(argv: readonly string[]): CliOptions | 'help' {
  const values = parseFlags(argv, {
    port: { type: 'string' },
    'aws-port': { type: 'string' },
    'console-port': { type: 'string' },
    'no-console': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    outdir: { type: 'string' },
    context: { type: 'string', multiple: true },
    'max-environments': { type: 'string' },
    'log-level': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    'enforce-sigv4': { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (values.help) return 'help';
  const apiPort = portFlag('--port', values.port, 3000);
  const awsPort = portFlag('--aws-port', values['aws-port'], 4566);
  if (values['no-console'] && values['console-port'] !== undefined) {
    throw new UsageError('--console-port and --no-console cannot be combined');
  }
  const consolePort = values['no-console']
    ? undefined
    : portFlag('--console-port', values['console-port'], DEFAULT_CONSOLE_PORT);
  const ports: Array<[string, number | undefined]> = [
    ['--port', apiPort],
    ['--aws-port', awsPort],
    ['--console-port', consolePort],
  ];
  for (const [index, [flag, port]] of ports.entries()) {
    const clash = ports
      .slice(index + 1)
      .find(([, other]) => port !== undefined && port !== 0 && other === port);
    if (clash !== undefined) throw new UsageError(`${flag} and ${clash[0]} must differ (both ${port})`);
  }
  const dataDir = values['data-dir'] ?? DEFAULT_DATA_DIR;
  if (dataDir.trim() === '') throw new UsageError('--data-dir must not be empty');
  if (values.outdir?.trim() === '') throw new UsageError('--outdir must not be empty');
  return {
    apiPort,
    awsPort,
    dataDir: resolve(dataDir),
    reset: values.reset ?? false,
    context: parseContext(values.context ?? []),
    logLevel: logLevel(values['log-level'] ?? 'debug'),
    quiet: values.quiet ?? false,
    enforceSigV4: values['enforce-sigv4'] ?? false,
    ...(consolePort !== undefined && { consolePort }),
    ...(values['max-environments'] !== undefined && {
      maxEnvironments: maxEnvironments(values['max-environments']),
    }),
    ...(values.outdir !== undefined && { outdir: resolve(values.outdir) }),
  };
}

/** `--context KEY=VALUE` pairs; a later pair for the same key wins, as with `cdk -c`. */
function parseContext(pairs: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator <= 0 || pair.slice(0, separator).trim() === '') {
      throw new UsageError(`--context takes KEY=VALUE (given ${pair})`);
    }
    context[pair.slice(0, separator).trim()] = pair.slice(separator + 1);
  }
  return context;
}

function maxEnvironments(value: string): number {
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > MAX_ENVIRONMENTS_LIMIT) {
    throw new UsageError(
      `--max-environments must be an integer from 1 to ${MAX_ENVIRONMENTS_LIMIT} (given ${value})`,
    );
  }
  return Number(value);
}

function logLevel(value: string): LogLevel {
  const level = value.toUpperCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(
      `--log-level must be one of ${LOG_LEVELS.map((name) => name.toLowerCase()).join(', ')} (given ${value})`,
    );
  }
  return level as LogLevel;
}
