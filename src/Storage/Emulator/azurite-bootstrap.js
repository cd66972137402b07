// Runs Azurite's Table service inside this Node.js process on behalf of a .NET parent.
// argv: [node, <azurite table main.js>, ...azurite flags]
// - Reports the port actually bound (Azurite prints the requested one, which is 0 for "any free port").
// - Treats the end of stdin as "stop": the parent closes stdin to stop us, and the pipe also closes when the parent
//   dies, even by SIGKILL, so no emulator outlives the process that started it.
"use strict";
const net = require("net");

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once("listening", () => {
    const address = this.address();
    if (address && typeof address === "object") {
      console.log(`TASKFUNCTIONS_AZURITE_LISTENING=${address.port}`);
    }
  });
  return listen.apply(this, args);
};

function stop() {
  // Azurite closes its server and flushes its database on SIGINT; exit regardless shortly after.
  process.emit("SIGINT");
  setTimeout(() => process.exit(0), 3000).unref();
}
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
process.on("SIGTERM", stop);

require(process.argv[1]);
