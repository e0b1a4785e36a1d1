/** Something started in the foreground that stops cleanly. */
export interface Stoppable {
  stop(): Promise<void>;
}

const DUPLICATE_SIGNAL_WINDOW_MS = 1000;

/**
 * Runs `start` in the foreground until SIGINT or SIGTERM, then stops what it started and exits
 * 0 (1 if stopping failed). The handlers go in before `start`, which can take seconds (a synth),
 * so an early Ctrl-C still stops cleanly; a second signal exits at once without waiting.
 */
export const runUntilSignal = async <T extends Stoppable>(
  start: () => Promise<T>,
  stoppingMessage: string,
): Promise<T | undefined> => {
  let running: T | undefined;
  let stopping = false;
  let firstSignalAt = 0;
  const stop = (signal: string): void => {
    if (stopping) {
      // One Ctrl-C reaches this process several times: the terminal signals the whole process
      // group, and npm and tsx also forward it to their child. Only a later press means "now".
      if (Date.now() - firstSignalAt < DUPLICATE_SIGNAL_WINDOW_MS) return;
      console.log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    firstSignalAt = Date.now();
    console.log(`\n${signal}: ${stoppingMessage}`);
    (running?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('error while stopping:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const started = await start();
  if (stopping) {
    // The signal came during the start: nothing was running to stop then, so stop it now.
    await started.stop();
    return undefined;
  }
  running = started;
  return started;
};
