import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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

export interface Target {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; node: string };
  scale: string;
  seedSeconds: number;
  measurements: Measurement[];
  ratios: Record<string, number>;
  perRequest: Record<string, Record<string, number>>;
  peakMemoryMb: Record<string, number>;
  targets: Target[];
}

const fmt = (v: number | undefined, digits = 1) => (v === undefined ? '' : v.toFixed(digits));

export function toMarkdown(r: BenchReport): string {
  const lines = [
    `Benchmark of ${r.startedAt} — ${r.machine.cpus} cores, Node ${r.machine.node}, scale \`${r.scale}\` (seeded in ${fmt(r.seedSeconds, 0)} s)`,
    '',
    '| measurement | req/s | p50 ms | p99 ms | req per CPU-s | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.measurements.map((m) => `| ${m.name} | ${fmt(m.rps)} | ${fmt(m.p50)} | ${fmt(m.p99)} | ${fmt(m.requestsPerCpuSecond)} | ${m.errors ?? ''} |`),
    '',
    '| target | wanted | measured | met |',
    '|---|---|---|---|',
    ...r.targets.map((t) => `| ${t.name} | ${t.target} | ${t.actual} | ${t.met ? 'yes' : '**no**'} |`),
    '',
    '| per request | ' + Object.keys(Object.values(r.perRequest)[0] ?? {}).join(' | ') + ' |',
    '|---|' + Object.keys(Object.values(r.perRequest)[0] ?? {}).map(() => '---:').join('|') + '|',
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
