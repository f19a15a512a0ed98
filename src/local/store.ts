// Persistence under the data directory: JSON documents written atomically (temp + rename), and
// the lock file that keeps a second engine off the same data directory.
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Writes `data` to `file` so that readers see the old or the new content, never a mix. */
export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

/** The parsed JSON in `file`, or `fallback` when it does not exist. */
export async function readJson<T>(file: string, fallback: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw err;
  }
  return JSON.parse(text) as T;
}

/**
 * One JSON document kept in memory and persisted on every change. Changes are serialized, so
 * concurrent requests never interleave their read-modify-write.
 */
export class JsonDocument<T> {
  private value: T | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly initial: () => T,
  ) {}

  async get(): Promise<T> {
    if (this.value === undefined) this.value = await readJson(this.file, this.initial());
    return this.value;
  }

  /** Runs `fn` on the document (it may mutate it) and persists it before resolving. */
  update<R>(fn: (doc: T) => R | Promise<R>): Promise<R> {
    const run = this.chain.then(async () => {
      const doc = await this.get();
      try {
        const result = await fn(doc);
        await writeFileAtomic(this.file, JSON.stringify(doc));
        return result;
      } catch (err) {
        // A change that failed half-way must not stay in memory: reload from disk next time.
        this.value = undefined;
        throw err;
      }
    });
    this.chain = run.catch(() => {});
    return run;
  }
}

/** A user-facing failure of the engine (pt-BR message). */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "EngineError";
  }
}

const heldLocks = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes `<home>/engine.lock`. A lock held by a live process (or by this process) is refused
 * with a pt-BR error; a stale one (dead pid) is taken over.
 */
export function acquireLock(home: string): { release(): void } {
  try {
    mkdirSync(home, { recursive: true });
  } catch (err) {
    throw new EngineError(
      `Não foi possível criar o diretório de dados ${home}: ${(err as Error).message}`,
      "DATA_DIR_NOT_WRITABLE",
    );
  }
  const file = join(home, "engine.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Created with its pid already inside (hard link of a written file): a lock file is never
      // seen empty, so a second engine starting at the same moment cannot take it for stale.
      const staged = `${file}.${process.pid}`;
      writeFileSync(staged, String(process.pid));
      try {
        linkSync(staged, file);
      } finally {
        unlinkSync(staged);
      }
      heldLocks.add(file);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldLocks.delete(file);
          try {
            unlinkSync(file);
          } catch {}
        },
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EROFS" || code === "EPERM") {
        throw new EngineError(
          `O diretório de dados ${home} não permite escrita (${code}). Ajuste as permissões ou use outro CONTABANCO_HOME.`,
          "DATA_DIR_NOT_WRITABLE",
        );
      }
      if (code !== "EEXIST") throw err;
      let pid = Number.NaN;
      try {
        pid = Number.parseInt(readFileSync(file, "utf8"), 10);
      } catch {}
      if (heldLocks.has(file) || (Number.isInteger(pid) && pid > 0 && pidAlive(pid))) {
        throw new EngineError(
          `Já existe um motor local usando o diretório de dados ${home} (pid ${Number.isInteger(pid) ? pid : "desconhecido"}). Pare-o com "contabanco local stop" ou use outro CONTABANCO_HOME.`,
          "ENGINE_ALREADY_RUNNING",
        );
      }
      try {
        unlinkSync(file);
      } catch {}
    }
  }
  throw new EngineError(`Não foi possível obter o bloqueio de ${file}.`, "LOCK_FAILED");
}
