#!/usr/bin/env node
// Launcher only: the program lives in dist/cli (built by `npm run build`). CommonJS (see
// bin/package.json): a CommonJS start skips Node's ES module loader, a few ms of every command.
const nodeModule = require("node:module");

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// Node >= 22.1 keeps compiled code on disk between runs (a faster cold start); Node 20 has no such
// API, and then this does nothing (the program itself is compiled with V8's code cache either way,
// see src/cli/loader.ts).
if (typeof nodeModule.enableCompileCache === "function") nodeModule.enableCompileCache();
require("../dist/cli/boot.cjs")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
