/**
 * `--profile <dir>`: a V8 CPU profile of one measured phase (the main thread only), written as
 * <dir>/<name>.cpuprofile for Chrome DevTools or `npx speedscope`; and a short bottom-up summary
 * (self time by function) printed to stderr, so a regression can be read without a viewer.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join, relative } from "node:path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** Starts the V8 profiler on this thread (main or worker); the returned stop writes the profile and returns its summary. */
export async function startProfiling(): Promise<(dir: string, name: string) => Promise<string>> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  return async (dir, name) => {
    const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    return summary(profile, name);
  };
}

/** Something else to profile alongside (the emulator worker). */
export interface ProfiledPeer {
  profileStart(): Promise<void>;
  profileStop(dir: string, name: string): Promise<string>;
}

/** Runs `work` under the profiler when `dir` is set: the main thread, and the peer as `<name>-emulators`. */
export async function profiled<T>(dir: string | undefined, name: string, work: () => Promise<T>, peer?: ProfiledPeer): Promise<T> {
  if (!dir) return work();
  const stop = await startProfiling();
  await peer?.profileStart();
  try {
    return await work();
  } finally {
    process.stderr.write(await stop(dir, name));
    if (peer) process.stderr.write(await peer.profileStop(dir, `${name}-emulators`));
  }
}

/** Self time by function and by file, top entries, from the samples and their time deltas. */
function summary(profile: Profile, name: string): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByFunction = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const file = node.callFrame.url ? relative(process.cwd(), node.callFrame.url.replace(/^file:\/\//, "")) : `(${node.callFrame.functionName || "native"})`;
    const fn = `${node.callFrame.functionName || "(anonymous)"} ${file}:${node.callFrame.lineNumber + 1}`;
    selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + ms);
    const folder = file.includes("node_modules/") ? file.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, "node_modules/$1") : file;
    selfByFile.set(folder, (selfByFile.get(folder) ?? 0) + ms);
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${key}`).join("\n");
  const total = (profile.endTime - profile.startTime) / 1000;
  return `\n[profile ${name}] ${total.toFixed(0)} ms profiled\nself time by file:\n${top(selfByFile, 25)}\nself time by function:\n${top(selfByFunction, 40)}\n`;
}

// `tsx bench/profile.ts FILE.cpuprofile…`: the same summary for profiles written elsewhere
// (`npm run bench -- --startup-only --startup-profile DIR`, or node --cpu-prof).
if (require.main === module) {
  for (const file of process.argv.slice(2)) {
    process.stdout.write(summary(JSON.parse(readFileSync(file, "utf8")) as Profile, file));
  }
}
