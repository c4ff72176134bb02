/**
 * A minimal Prometheus text-format registry: monotonic counters only, which is
 * all the processes expose (requests, SQL statements, subgraph fetches). The
 * benchmark reads deltas of these to count work per request deterministically.
 */
export class Counter {
  private value = 0;
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(by = 1): void {
    this.value += by;
  }
  get(): number {
    return this.value;
  }
}

export class Metrics {
  private readonly counters = new Map<string, Counter>();

  counter(name: string, help: string): Counter {
    let c = this.counters.get(name);
    if (!c) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid metric name ${name}`);
      c = new Counter(name, help);
      this.counters.set(name, c);
    }
    return c;
  }

  render(): string {
    return [...this.counters.values()].map((c) => `# HELP ${c.name} ${c.help}\n# TYPE ${c.name} counter\n${c.name} ${c.get()}\n`).join('');
  }
}
