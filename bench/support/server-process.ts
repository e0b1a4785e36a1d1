import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A server a benchmark started in a process of its own. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `node ...args` and resolves with the first `http://` URL it prints on stdout, so the
 * server under test never shares the benchmark clients' process.
 */
export function startServerProcess(args: readonly string[], cwd?: string): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
      if (url === undefined) return;
      lines.removeAllListeners('line');
      // Keep reading, or a chatty server blocks on a full pipe.
      lines.on('line', () => undefined);
      resolve({
        url,
        pid: child.pid as number,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGINT');
          }),
      });
    });
    child.once('exit', (code) =>
      reject(new Error(`node ${args.join(' ')} exited with code ${code} before serving`)),
    );
    child.once('error', reject);
  });
}
