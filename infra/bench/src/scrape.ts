/** Reads a process's `/metrics` (Prometheus text) into name → value; `token`: METRICS_TOKEN (production serves it only with one). */
export async function scrape(baseUrl: string, token?: string): Promise<Record<string, number>> {
  const res = await fetch(new URL('/metrics', baseUrl), token ? { headers: { authorization: `Bearer ${token}` } } : {});
  // A refused scrape must not read as "no work".
  if (!res.ok) throw new Error(`${baseUrl}/metrics answered ${res.status}`);
  const out: Record<string, number> = {};
  for (const line of (await res.text()).split('\n')) {
    const m = /^([a-z_][a-z0-9_]*) ([0-9.e+-]+)$/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

/** The change of every counter between two scrapes. */
export function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)]));
}
