import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

/** Resident memory of a process, worker threads included (they share its address space), in MB. */
export const residentMb = (pid: number): number => statusMb(pid, 'VmRSS');

/**
 * Resident memory split by what backs it: `anonymous` (heaps, stacks, malloc) is what the process
 * holds; `file` is mapped files (the node binary's code, dynalite's LevelDB tables, which LevelDB
 * maps to read), clean pages the kernel can drop and read again.
 */
export const residentSplitMb = (pid: number): { anonymous: number; file: number } => ({
  anonymous: statusMb(pid, 'RssAnon'),
  file: statusMb(pid, 'RssFile'),
});

const statusMb = (pid: number, field: string): number => {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] === undefined ? 0 : Math.round(Number(match[1]) / 1024);
};

/** CPU time (user + system) a process has used so far, all its threads, in ms. */
export const cpuMs = (pid: number): number => {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat; 12 and 13 here, counted from the state field.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
};

/** Samples a process's resident memory until stopped; the peak is what a run needed. */
export class MemorySampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, residentMb(this.pid));
    }, intervalMs);
  }

  /** The highest resident memory seen since the last reset, in MB. */
  peakMb(): number {
    return Math.max(this.peak, residentMb(this.pid));
  }

  reset(): void {
    this.peak = 0;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
