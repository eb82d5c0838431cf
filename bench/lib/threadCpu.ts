import fs from 'node:fs';

/** CPU time of a process's main thread and of its other threads, µs (schedstat's first field is ns on a CPU). */
export function threadCpuUs(pid: number): { main: number; others: number } {
  let main = Number.NaN;
  let others = 0;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      let ns: number;
      try {
        ns = Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        continue; // the thread ended meanwhile
      }
      if (Number(tid) === pid) main = ns / 1000;
      else others += ns / 1000;
    }
  } catch {
    return { main: Number.NaN, others: Number.NaN };
  }
  return { main, others };
}
