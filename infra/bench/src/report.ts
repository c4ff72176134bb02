import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Comparison } from './compare';
import type { DeepPage } from './deep';
import type { Pull } from './pull';

export interface Measurement {
  name: string;
  /** What was measured, in words. */
  what: string;
  rps?: number;
  p50?: number;
  p99?: number;
  requestsPerCpuSecond?: number;
  errors?: number;
  extra?: Record<string, number | string>;
}

/** One line of the summary: a measured figure and, where the issue sets one, its target. */
export interface Figure {
  name: string;
  measured: string;
  target?: string;
  /** true: the target is missed; undefined: no target. */
  missed?: boolean;
}

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; node: string };
  scale: string;
  /** How the data came to be: seeded in this run (seconds) or reused. */
  seed: string;
  subjects: Record<string, unknown>;
  figures: Figure[];
  measurements: Measurement[];
  comparisons: Comparison[];
  deepPages: DeepPage[];
  pulls: Pull[];
  perRequest: Record<string, Record<string, number>>;
  peakMemoryMb: Record<string, number>;
}

const fmt = (v: number | undefined, digits = 1) => (v === undefined || Number.isNaN(v) ? '' : v.toFixed(digits));

export function toMarkdown(r: BenchReport): string {
  const perRequestColumns = Object.keys(Object.values(r.perRequest)[0] ?? {});
  const lines = [
    `Benchmark of ${r.startedAt} — ${r.machine.cpus} cores, Node ${r.machine.node}, scale \`${r.scale}\` (${r.seed})`,
    '',
    '| figure | measured | target | missed |',
    '|---|---|---|---|',
    ...r.figures.map((f) => `| ${f.name} | ${f.measured} | ${f.target ?? ''} | ${f.missed === undefined ? '' : f.missed ? '**missed**' : ''} |`),
    '',
    '| list (one request in flight) | district p50 ms | district volume | slice p50 ms | slice volume | ratio |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.comparisons.map((c) => `| ${c.name} | ${fmt(c.district.p50)} | ${c.district.volume} | ${fmt(c.slice.p50)} | ${c.slice.volume} | ${c.error ? `failed: ${c.error.replace(/\|/g, '/').slice(0, 120)}` : fmt(c.ratio, 2)} |`),
    '',
    '| TicketExport page | p50 ms | p99 ms | × first page |',
    '|---|---:|---:|---:|',
    ...r.deepPages.map((d) => `| after ${d.depth} rows | ${fmt(d.p50)} | ${fmt(d.p99)} | ${fmt(d.ratio, 2)} |`),
    '',
    '| pull | rows in scope | rows pulled | s | rows/s | pages/s | full pull s |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.pulls.map((p) => `| ${p.name} | ${p.total} | ${p.rows} | ${fmt(p.seconds)} | ${p.rowsPerSecond} | ${fmt(p.pagesPerSecond)} | ${fmt(p.fullSeconds)}${p.extrapolated ? ' (extrapolated)' : ''} |`),
    '',
    '| load | req/s | p50 ms | p99 ms | req per CPU-s | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.measurements.map((m) => `| ${m.name} | ${fmt(m.rps)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${fmt(m.requestsPerCpuSecond)} | ${m.errors ?? ''} |`),
    '',
    '| per request | ' + perRequestColumns.join(' | ') + ' |',
    '|---|' + perRequestColumns.map(() => '---:').join('|') + '|',
    ...Object.entries(r.perRequest).map(([k, v]) => `| ${k} | ${Object.values(v).join(' | ')} |`),
    '',
    '| process | peak memory MB |',
    '|---|---:|',
    ...Object.entries(r.peakMemoryMb).map(([k, v]) => `| ${k} | ${fmt(v)} |`),
    '',
  ];
  return lines.join('\n');
}

export function writeReport(dir: string, report: BenchReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'bench.json');
  const markdown = path.join(dir, 'bench.md');
  writeFileSync(json, JSON.stringify(report, null, 2));
  writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}
