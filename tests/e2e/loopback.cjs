// Preloaded into the Agents Playground (node -r ./loopback.cjs): its server calls
// listen(port) without a host, which binds every interface. The tests must only ever
// listen on loopback, so a listen without a host gets 127.0.0.1.
"use strict";
const net = require("net");
const original = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" && (args.length === 1 || typeof args[1] !== "string")) {
    args.splice(1, 0, "127.0.0.1");
  } else if (args[0] && typeof args[0] === "object" && !args[0].host && !args[0].path) {
    args[0] = { ...args[0], host: "127.0.0.1" };
  }
  return original.apply(this, args);
};
