#!/usr/bin/env node
// Launcher only: the program lives in dist/cli/main.js (built by `npm run build`).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv);
