// Colors through chalk, decided per stream: allowed by the config (--no-color, NO_COLOR) and
// either forced (FORCE_COLOR) or the stream is a terminal.
import { Chalk, type ChalkInstance, supportsColor } from "chalk";

export type Colors = ChalkInstance;

export interface ColorStream {
  isTTY?: boolean;
}

export function colorLevel(
  allowed: boolean,
  stream: ColorStream,
  env: Readonly<Record<string, string | undefined>>,
): 0 | 1 | 2 | 3 {
  if (!allowed) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") {
    if (force === "0" || force === "false") return 0;
    const level = Number(force);
    return level >= 1 && level <= 3 ? (level as 1 | 2 | 3) : 1;
  }
  if (!stream.isTTY) return 0;
  return supportsColor ? supportsColor.level || 1 : 1;
}

export function createColors(level: 0 | 1 | 2 | 3): Colors {
  return new Chalk({ level });
}

export { visibleWidth } from "./text.js";
