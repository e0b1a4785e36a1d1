import { ensureConsoleAssets } from '../../bin/console-assets.cjs';
import { channelStatus } from '../../cli/operations';
import { Clients } from '../../cli/target/clients';
import { localTarget } from '../../cli/target/resolve-target';
import { errorMessage } from '../../common/error-summary';
import { projectRoot } from '../../local/platform/project-root';
import type { LocalCloudFeeds } from '../../local/runner';
import type { ChannelOverview, OverviewSample } from '../api-types';
import { createAccessToken, TOKEN_PARAMETER } from './access-token';
import type { ConsoleDependencies } from './console-dependencies';
import { type ListeningConsole, listenConsole } from './console-server';
import { internalErrorReporter } from './errors';
import { EventStreams } from './event-stream';
import { LogFeed } from './log-feed';
import { OverviewSampler } from './overview-sampler';
import { configRoutes } from './routes/config-routes';
import { deadLetterRoutes } from './routes/dead-letter-routes';
import { eventRoutes } from './routes/event-routes';
import { flowRoutes } from './routes/flow-routes';
import { logRoutes } from './routes/log-routes';
import { overviewRoutes } from './routes/overview-routes';
import { replayRoutes } from './routes/replay-routes';
import { taskRoutes } from './routes/task-routes';
import { loadStaticAssets } from './static-assets';

export interface ConsoleOptions {
  /** On 127.0.0.1; 0 picks a free one (`npm start` passes 3001 unless told otherwise). */
  readonly port: number;
  /**
   * The built front end. @default `<project root>/dist/console`, rebuilt first when a source of
   * the front end changed since `npm ci` built it (as the entry points are)
   */
  readonly assetsDir?: string;
  /** Runner notes, e.g. a sample that could not be read. @default console.log */
  readonly log?: (line: string) => void;
}

export interface RunningConsole {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The URL to open: the origin with this start's access token. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts the web console of a running local cloud: its operations are the operator CLI's own
 * (same library code, through the SDK to the local endpoint), its live views read the cloud's
 * counters and function logs in process.
 */
export async function startConsole(feeds: LocalCloudFeeds, options: ConsoleOptions): Promise<RunningConsole> {
  const log = options.log ?? ((line: string) => console.log(line));
  const assets = loadStaticAssets(options.assetsDir ?? currentAssetsDir(log));
  const { endpoints } = feeds;
  if (endpoints.apiUrl === undefined) throw new Error('the console needs the whole stack, with its API');
  const target = localTarget(endpoints, feeds.dataDir);
  const clients = new Clients(target.clientSettings);
  const logs = new LogFeed();
  const internalError = internalErrorReporter(log);
  const unsubscribeLogs = feeds.subscribeLogs(logs.sink);
  let sampleFailureLogged = false;
  const sampler = new OverviewSampler({
    readChannels: () => readChannels({ target, clients }),
    readCounters: () => readCounters(feeds),
    onError: (error) => {
      // Once per start: a stack that cannot be sampled would otherwise log every second.
      if (sampleFailureLogged) return;
      sampleFailureLogged = true;
      log(`console: the overview could not be sampled (${errorMessage(error)}); retrying`);
    },
  });
  const dependencies: ConsoleDependencies = {
    target,
    clients,
    apiUrl: endpoints.apiUrl,
    credentials: { accessKeyId: endpoints.accessKeyId, secretAccessKey: endpoints.secretAccessKey },
    functionNames: feeds.functionNames,
    rules: () => feeds.ruleStats().map(({ name, eventBusName }) => ({ name, eventBusName })),
    sampler,
    logs,
    streams: new EventStreams(),
    log,
    internalError,
  };
  const token = createAccessToken();
  try {
    const listening = await listenOn(options.port, {
      token,
      assets,
      internalError,
      routes: [
        ...configRoutes(dependencies),
        ...overviewRoutes(dependencies),
        ...taskRoutes(dependencies),
        ...flowRoutes(dependencies),
        ...deadLetterRoutes(dependencies),
        ...eventRoutes(dependencies),
        ...replayRoutes(dependencies),
        ...logRoutes(dependencies),
      ],
    });
    sampler.start();
    return {
      origin: listening.origin,
      url: `${listening.origin}/?${TOKEN_PARAMETER}=${token}`,
      stop: async () => {
        unsubscribeLogs();
        await sampler.stop();
        await listening.close();
        clients.destroy();
      },
    };
  } catch (error) {
    unsubscribeLogs();
    clients.destroy();
    throw error;
  }
}

/** The front end's folder, rebuilt (and said so) when stale: a page must never be older than its sources. */
function currentAssetsDir(log: (line: string) => void): string {
  const { dir, rebuilt } = ensureConsoleAssets(projectRoot());
  if (rebuilt !== undefined) log(`console: rebuilt the web console (${rebuilt.reason}) in ${rebuilt.ms} ms`);
  return dir;
}

async function readChannels(
  context: Pick<ConsoleDependencies, 'target' | 'clients'>,
): Promise<ChannelOverview[]> {
  const status = await channelStatus(context);
  return status.channels.map((channel) => ({
    name: channel.name,
    kind: channel.kind,
    queued: channel.queued,
    inFlight: channel.inFlight,
    delayed: channel.delayed,
    oldestMessageAgeSeconds: channel.oldestMessageAgeSeconds,
    deadLetters: channel.deadLetters,
  }));
}

function readCounters(feeds: LocalCloudFeeds): Pick<OverviewSample, 'functions' | 'rules'> {
  return {
    functions: Object.entries(feeds.functionStats()).map(([name, stats]) => ({
      name,
      invocations: stats.invocations,
      errors: stats.errors,
      throttles: stats.throttles,
      durationP50Ms: stats.durationP50Ms,
      durationP99Ms: stats.durationP99Ms,
      coldStarts: stats.coldStarts,
      environments: stats.environments,
      running: stats.running,
    })),
    rules: feeds.ruleStats(),
  };
}

/** Listens on `port`; a port in use stops the start with what to do instead. */
async function listenOn(
  port: number,
  options: Omit<Parameters<typeof listenConsole>[0], 'port'>,
): Promise<ListeningConsole> {
  try {
    return await listenConsole({ ...options, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(
      `the web console cannot listen on 127.0.0.1:${port}, which another program uses: ` +
        'pass --console-port <n> (0 picks a free one) or --no-console',
    );
  }
}
