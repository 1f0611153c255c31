// A progress bar on stderr (a plain line per step when stderr is not a terminal).
export interface Progress {
  update(done: number, total?: number, label?: string): void;
  done(label?: string): void;
}

export function progress(title: string): Progress {
  const tty = process.stderr.isTTY;
  let last = 0;
  let lastPct = -1;
  return {
    update(done, total, label) {
      const now = Date.now();
      const pct = total ? Math.floor((done / total) * 100) : -1;
      if (tty) {
        if (now - last < 80 && done !== total) return;
        last = now;
        const width = 30;
        const filled = total ? Math.round((done / total) * width) : 0;
        const bar = total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%` : `${done}`;
        process.stderr.write(`\r${title} ${bar} ${label ?? ''}`.slice(0, 160).padEnd(100));
      } else if (pct >= 0 ? pct >= lastPct + 10 || done === total : now - last > 2000) {
        last = now;
        lastPct = pct;
        process.stderr.write(`${title} ${total ? `${pct}% (${done}/${total})` : done} ${label ?? ''}\n`);
      }
    },
    done(label) {
      process.stderr.write(`${tty ? '\r' : ''}${title} done${label ? `: ${label}` : ''}`.padEnd(tty ? 100 : 0) + '\n');
    },
  };
}
