// Warm execution environments of one function version (name + code + configuration): up to
// `max` processes run invocations in parallel; an idle one is reused before a new one is
// forked; a caller waits when all are busy. Idle processes are reaped after `idleMs`.
import { Worker, type WorkerSpec } from "./worker.js";

export interface PoolOptions {
  max: number;
  idleMs: number;
}

export class Pool {
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly idleTimers = new Map<Worker, NodeJS.Timeout>();
  private readonly waiting: Array<{ resolve(w: Worker): void; reject(e: Error): void }> = [];
  private closed = false;

  constructor(
    private readonly makeSpec: () => WorkerSpec,
    private readonly options: PoolOptions,
    private readonly onIdleLog: (data: string) => void,
  ) {}

  get size(): number {
    return this.workers.size;
  }

  acquire(): Promise<Worker> {
    if (this.closed) return Promise.reject(new Error("pool closed"));
    while (this.idle.length > 0) {
      const worker = this.idle.pop()!;
      this.clearIdleTimer(worker);
      if (!worker.dead) return Promise.resolve(worker);
      this.workers.delete(worker);
    }
    if (this.workers.size < this.options.max) return Promise.resolve(this.spawn());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  release(worker: Worker): void {
    if (worker.dead) {
      this.workers.delete(worker);
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(this.spawn());
      return;
    }
    // A retired pool still serves the callers already waiting for it, then drains.
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter.resolve(worker);
      return;
    }
    if (this.closed) {
      worker.kill();
      this.workers.delete(worker);
      return;
    }
    this.idle.push(worker);
    const timer = setTimeout(() => {
      this.idleTimers.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      this.workers.delete(worker);
      worker.kill();
    }, this.options.idleMs);
    timer.unref();
    this.idleTimers.set(worker, timer);
  }

  /**
   * Retires the pool (its function changed): idle processes are killed now, busy ones when
   * their invocation ends; callers already waiting are still served.
   */
  close(): void {
    this.closed = true;
    for (const worker of this.idle.splice(0)) {
      this.clearIdleTimer(worker);
      worker.kill();
      this.workers.delete(worker);
    }
  }

  /** Kills every process, busy or not (engine stop). */
  destroy(): Promise<void> {
    this.close();
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error("pool closed"));
    const exits = [...this.workers].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.process.exitCode !== null || worker.process.signalCode !== null) resolve();
          else worker.process.once("exit", () => resolve());
          worker.kill();
        }),
    );
    this.workers.clear();
    return Promise.all(exits).then(() => undefined);
  }

  private spawn(): Worker {
    const worker = new Worker(this.makeSpec(), this.onIdleLog);
    this.workers.add(worker);
    return worker;
  }

  private clearIdleTimer(worker: Worker): void {
    const timer = this.idleTimers.get(worker);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(worker);
  }
}
