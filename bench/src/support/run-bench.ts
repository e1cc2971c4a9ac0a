/** How long a finished bench may keep the process alive before its open handles are named and it exits. */
const EXIT_GRACE_MS = 5_000;

/**
 * Runs a bench's `main`: a failure sets the exit code, and once it settles the process must end by itself, since
 * everything is closed by then; a handle that survives is named and the process exits rather than hang CI or a shell.
 */
export function runBench(main: () => Promise<void>): void {
  main()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => {
      setTimeout(() => {
        console.error(`still running ${EXIT_GRACE_MS} ms after the report; open handles: ${process.getActiveResourcesInfo().join(', ')}`);
        process.exit(1);
      }, EXIT_GRACE_MS).unref();
    });
}
