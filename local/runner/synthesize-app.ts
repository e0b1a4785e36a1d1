import { spawn } from 'node:child_process';
import { SynthesisError } from './errors';

/** How to run `cdk synth`. */
export interface SynthesizeOptions {
  readonly projectRoot: string;
  readonly outdir: string;
  /** Passed as `-c key=value`. */
  readonly context: Readonly<Record<string, string>>;
  /** Called about once a second while synthesizing, with the seconds elapsed. */
  readonly onProgress?: (elapsedSeconds: number) => void;
}

/**
 * Runs the CDK CLI's synth quietly and offline (no telemetry process, no version check, which
 * would both try the network), bundling each function with the local esbuild.
 */
export function synthesizeApp(options: SynthesizeOptions): Promise<void> {
  // The CLI this project pins, run directly: `npx cdk` could resolve another version, or ask the registry.
  const args = [require.resolve('aws-cdk/bin/cdk'), 'synth', '-q', '--output', options.outdir];
  for (const [key, value] of Object.entries(options.context)) args.push('-c', `${key}=${value}`);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, {
      cwd: options.projectRoot,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const ticker = setInterval(() => options.onProgress?.(Math.round((Date.now() - started) / 1000)), 1000);
    child.on('error', (error) => {
      clearInterval(ticker);
      reject(new SynthesisError(`could not run the CDK CLI: ${error.message}`, output));
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else reject(new SynthesisError(`cdk synth exited with code ${code}:\n${output.trim()}`, output));
    });
  });
}
