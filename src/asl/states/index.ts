import type { Entry, Exec, Frame, StateResult } from "../runtime.js";
import { choice } from "./choice.js";
import { map } from "./map.js";
import { parallel } from "./parallel.js";
import { fail, pass, succeed, wait } from "./simple.js";
import { task } from "./task.js";

export const HANDLERS: Record<
  string,
  (exec: Exec, entry: Entry, frame: Frame) => Promise<StateResult>
> = {
  Pass: pass,
  Task: task,
  Choice: choice,
  Wait: wait,
  Succeed: succeed,
  Fail: fail,
  Parallel: parallel,
  Map: map,
};
