/**
 * Measures one phase: wall time, engine CPU, process CPU, peak RSS and the API requests the
 * emulators counted. Engine CPU is the main thread's user+system time (Linux: from
 * /proc/self/task/<pid>/stat), which excludes the emulator worker thread; process CPU
 * (process.cpuUsage) includes it and V8's helper threads. Peak RSS is the process-wide resident
 * size: the lifetime maximum if it grew during the phase, else the highest sample (every 100 ms;
 * sampling more often costs the engine measurable CPU, reading /proc each time).
 */
import { execSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { counterDelta, type EmulatorWorker } from "./emulators";

export interface Measurement {
  readonly wallMs: number;
  readonly engineCpuMs: number;
  readonly processCpuMs: number;
  readonly peakRssMb: number;
  readonly startRssMb: number;
  readonly requests: number;
  readonly requestsByRoute: Record<string, number>;
}

const STAT_PATH = `/proc/self/task/${process.pid}/stat`;
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execSync("getconf CLK_TCK", { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Main-thread CPU in ms, or undefined where /proc is not available. */
export function mainThreadCpuMs(): number | undefined {
  if (!existsSync(STAT_PATH)) return undefined;
  const text = readFileSync(STAT_PATH, "utf8");
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // After "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime field 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export const engineCpuSource = existsSync(STAT_PATH) ? "main thread (/proc)" : "whole process (process.cpuUsage)";

function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

const mb = (bytes: number) => bytes / (1024 * 1024);

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function measure<T>(emulators: EmulatorWorker | undefined, work: () => Promise<T>): Promise<{ result: T; measurement: Measurement }> {
  collectGarbage();
  const countersBefore = emulators ? await emulators.counters() : {};
  const startRss = process.memoryUsage.rss();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let sampled = startRss;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, 100);
  const engineBefore = mainThreadCpuMs();
  const processBefore = processCpuMs();
  const started = performance.now();
  let result: T;
  try {
    result = await work();
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  const engineAfter = mainThreadCpuMs();
  const processCpu = processCpuMs() - processBefore;
  sampled = Math.max(sampled, process.memoryUsage.rss());
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  const peak = maxRssAfter > maxRssBefore ? maxRssAfter : sampled;
  const requestsByRoute = emulators ? counterDelta(countersBefore, await emulators.counters()) : {};
  return {
    result,
    measurement: {
      wallMs,
      engineCpuMs: engineBefore === undefined || engineAfter === undefined ? processCpu : engineAfter - engineBefore,
      processCpuMs: processCpu,
      peakRssMb: mb(peak),
      startRssMb: mb(startRss),
      requests: Object.values(requestsByRoute).reduce((sum, n) => sum + n, 0),
      requestsByRoute,
    },
  };
}
