import { arch, cpus, loadavg, platform, totalmem } from 'node:os';

/** What a benchmark result depends on, printed above every table. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  /** 1-minute load average when the bench started: other work on the machine skews every figure. */
  readonly load1: number;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() || 'unknown CPU',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${arch()}`,
    load1: loadavg()[0] ?? 0,
  };
}

/** One markdown line: `Machine: <cpu>, 2 cores, 7.8 GiB RAM; Node v20.20.2 (V8 ...), linux x64; load 0.12`. */
export function describeMachine(info: MachineInfo = machineInfo()): string {
  const cores = `${info.cores} core${info.cores === 1 ? '' : 's'}`;
  return `Machine: ${info.cpu}, ${cores}, ${info.memoryGiB} GiB RAM; Node ${info.node} (V8 ${info.v8}), ${info.platform}; load average ${info.load1.toFixed(2)} at start`;
}
