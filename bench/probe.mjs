// Preloaded into every measured server (`node --import ./bench/probe.mjs …`), never into Candor's code:
// answers the bench over the IPC channel with this process's own process.cpuUsage() and memoryUsage(),
// after a full GC when asked (the server must be started with --expose-gc for that).
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';

// When the first bytes came off any socket since the last probe (a reveal's command arriving), and every write to a TCP socket (or pipe) since the last probe: how many, how many bytes, when the
// first and the last were handed over, and when the last of them was done (libuv took all its bytes). The bench
// reads these around a reveal to tell the server's part of a delivery from the load generators'.
const clock = () => performance.timeOrigin + performance.now();
const freshWrites = () => ({ count: 0, bytes: 0, first: 0, last: 0, lastDone: 0, firstRead: 0 });
let writes = freshWrites();
const push = net.Socket.prototype.push;
// Each wrapper makes its stores on every call (the same value again once set), never in a branch taken only by
// the first read or write after a probe: in a server that had read and written thousands of times, V8 optimised
// the wrappers with such a branch never run (no type feedback), and the measured window's first read or write threw
// the optimised code away, Node's socket code inlined in it with it, and had it compiled again inside the window
// (13.5 ms of TurboFan in one Candor reveal; the floor, with a few hundred writes before, was not optimised yet).
net.Socket.prototype.push = function (chunk, encoding) {
  const at = chunk ? clock() : 0;
  writes.firstRead = writes.firstRead === 0 ? at : writes.firstRead;
  return push.call(this, chunk, encoding);
};
const writeGeneric = net.Socket.prototype._writeGeneric;
net.Socket.prototype._writeGeneric = function (writev, data, encoding, cb) {
  const at = clock();
  writes.first = writes.count === 0 ? at : writes.first;
  writes.count++;
  writes.last = at;
  writes.bytes += writev ? data.reduce((n, c) => n + (c.chunk?.length ?? 0), 0) : data.length;
  return writeGeneric.call(this, writev, data, encoding, (err) => {
    writes.lastDone = clock();
    cb(err);
  });
};

if (process.send) {
  process.on('message', (message) => {
    if (!message || typeof message !== 'object' || typeof message.probe !== 'number') return;
    if (message.gc && typeof globalThis.gc === 'function') globalThis.gc();
    // a heap snapshot to that file (the memory scenario's --memory-snapshots), after the GC
    if (typeof message.heapSnapshot === 'string') v8.writeHeapSnapshot(message.heapSnapshot);
    // hr: the monotonic clock in µs, the clock of --cpu-prof's sample timestamps
    // minorFaults: the kernel handing the process fresh pages (its heap growing)
    process.send({ probe: message.probe, cpu: process.cpuUsage(), minorFaults: process.resourceUsage().minorPageFault, mem: process.memoryUsage(), hr: Number(process.hrtime.bigint() / 1000n), writes });
    writes = freshWrites();
  });
  // the channel must not keep a server alive that wants to exit
  process.channel?.unref();
  // the bench went away (crashed or was killed): shut down the normal way rather than linger
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
