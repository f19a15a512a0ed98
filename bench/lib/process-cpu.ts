// CPU time of the engine's process, its threads and its children, from Linux /proc (0 elsewhere).
import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time (ms) used so far by a process, by its main thread alone, and by its children (Linux
 * /proc; 0 elsewhere).
 */
export function cpuMs(pid: number): { main: number; mainThread: number; children: number } {
  const ticks = (p: number): number => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(f[11]) + Number(f[12]);
    } catch {
      return 0;
    }
  };
  const main = ticks(pid);
  let children = 0;
  try {
    for (const d of readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === pid) children += ticks(Number(d));
      } catch {}
    }
  } catch {}
  let mainThread = 0;
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    mainThread = Number(f[11]) + Number(f[12]);
  } catch {}
  return { main: main * 10, mainThread: mainThread * 10, children: children * 10 };
}

/** CPU ms per thread name of a process (BENCH_THREADS=1 prints them: where the engine's CPU goes). */
export function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const name = tid === String(pid) ? "main" : `${comm}-${tid}`;
      out.set(name, (out.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) * 10);
    }
  } catch {}
  return out;
}
