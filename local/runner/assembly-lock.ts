import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const POLL_MS = 250;
const GIVE_UP_MS = 10 * 60 * 1000;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs `task` holding a lock folder next to the assembly, so two processes sharing one outdir
 * (parallel test files, a test run next to `npm start`) never synthesize into it at once. A lock
 * left by a process that died is taken over.
 */
export async function withAssemblyLock<T>(outdir: string, task: () => Promise<T>): Promise<T> {
  const lock = `${outdir.replace(/\/+$/, '')}.lock`;
  const owner = join(lock, 'pid');
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder = Number.NaN;
      try {
        holder = Number(readFileSync(owner, 'utf8'));
      } catch {
        // The holder has made the folder but not yet written its pid: wait for it.
      }
      if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the synth lock ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
  try {
    return await task();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
