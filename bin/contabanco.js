#!/usr/bin/env node
// Launcher only: the program lives in dist/cli/main.js (built by `npm run build`).
import module from "node:module";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// Node >= 22.1 keeps compiled code on disk between runs (a faster cold start); Node 20 has no such
// API, and then this does nothing.
if (typeof module.enableCompileCache === "function") module.enableCompileCache();
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv);
