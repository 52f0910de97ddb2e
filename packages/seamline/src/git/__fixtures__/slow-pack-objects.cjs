// uploadpack.packObjectsHook for the pin cache's kill test: runs the
// pack-objects command upload-pack would have run (given as arguments) and
// passes its pack on at SEAMLINE_TEST_PACK_BYTES_PER_S, as a network link
// would. The receiving index-pack or unpack-objects then runs for as long as
// the transfer lasts, as it does against a real remote, instead of the few
// milliseconds a local file:// fetch takes.
const { spawn } = require('node:child_process');

const rate = Number(process.env.SEAMLINE_TEST_PACK_BYTES_PER_S || 20_000_000);
const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'inherit'] });
const started = Date.now();
let sent = 0;
child.stdout.on('data', (chunk) => {
  sent += chunk.length;
  const ahead = (sent / rate) * 1000 - (Date.now() - started);
  const flowing = process.stdout.write(chunk);
  if (flowing && ahead <= 0) return;
  child.stdout.pause();
  const resume = () => setTimeout(() => child.stdout.resume(), Math.max(0, ahead));
  if (flowing) resume();
  else process.stdout.once('drain', resume);
});
child.on('close', (code, signal) => {
  const finish = () => process.exit(signal ? 1 : (code ?? 1));
  if (process.stdout.writableLength) process.stdout.once('drain', finish);
  else finish();
});
