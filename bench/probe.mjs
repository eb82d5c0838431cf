// Preloaded into every measured server (`node --import ./bench/probe.mjs …`), never into Candor's code:
// answers the bench over the IPC channel with this process's own process.cpuUsage() and memoryUsage(),
// after a full GC when asked (the server must be started with --expose-gc for that).
import v8 from 'node:v8';

if (process.send) {
  process.on('message', (message) => {
    if (!message || typeof message !== 'object' || typeof message.probe !== 'number') return;
    if (message.gc && typeof globalThis.gc === 'function') globalThis.gc();
    // a heap snapshot to that file (the memory scenario's --memory-snapshots), after the GC
    if (typeof message.heapSnapshot === 'string') v8.writeHeapSnapshot(message.heapSnapshot);
    // hr: the monotonic clock in µs, the clock of --cpu-prof's sample timestamps
    process.send({ probe: message.probe, cpu: process.cpuUsage(), mem: process.memoryUsage(), hr: Number(process.hrtime.bigint() / 1000n) });
  });
  // the channel must not keep a server alive that wants to exit
  process.channel?.unref();
  // the bench went away (crashed or was killed): shut down the normal way rather than linger
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
