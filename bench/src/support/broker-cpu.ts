import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux this runs on (USER_HZ). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time of a local broker process, read from /proc (Linux only): with the broker on the same cores as the bench,
 * its CPU per message says where the end-to-end time goes, and it is far steadier than wall time on a loaded machine.
 * Returns undefined when there is no such process (remote broker, not Linux), and the bench prints no broker column.
 */
export function brokerCpu(command = 'beam.smp'): (() => number) | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  const pid = pids.find((p) => {
    try {
      return readFileSync(`/proc/${p}/comm`, 'utf8').trim() === command;
    } catch {
      return false;
    }
  });
  if (pid === undefined) return undefined;
  /** Microseconds of user and system time so far. */
  return () => {
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last `)`.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
  };
}
