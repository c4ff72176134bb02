/** A one-line progress bar on stderr (plain lines when not a terminal). */
export class ProgressBar {
  private last = '';
  private lastAt = 0;
  private lastDone = 0;
  readonly update = (label: string, done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - this.lastAt < 200) return;
    this.lastAt = now;
    const width = 30;
    // A total can be an estimate that work outgrows (deliveries record more): never past the bar's end.
    const filled = Math.min(width, Math.max(0, Math.round((done / Math.max(total, 1)) * width)));
    const line = `${label.padEnd(14)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else if (done === total || Math.floor((done / total) * 10) !== Math.floor((this.lastDone / Math.max(total, 1)) * 10)) process.stderr.write(`${line}\n`);
    this.lastDone = done;
    this.last = line;
  };
  done(): void {
    if (process.stderr.isTTY) process.stderr.write('\n');
  }
}
