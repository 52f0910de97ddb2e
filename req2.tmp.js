const Module = require('module');
const orig = Module.prototype._compile;
const times = new Map();
const path = require('path');
const origLoad = Module._load;
const stack = [];
Module._load = function (req, parent, isMain) {
  const t0 = process.hrtime.bigint();
  stack.push(0n);
  const r = origLoad.apply(this, arguments);
  const child = stack.pop();
  const dt = process.hrtime.bigint() - t0;
  if (stack.length) stack[stack.length - 1] += dt;
  const self = dt - child;
  let key = req;
  try { key = path.relative(process.cwd(), Module._resolveFilename(req, parent)); } catch {}
  times.set(key, (times.get(key) || 0n) + self);
  return r;
};
const t0 = process.hrtime.bigint();
require(process.argv[2]);
const total = Number(process.hrtime.bigint() - t0) / 1e6;
const top = [...times].sort((a, b) => Number(b[1] - a[1])).slice(0, 15);
console.log('total', total.toFixed(1));
for (const [k, v] of top) console.log((Number(v) / 1e6).toFixed(2).padStart(8), k);
