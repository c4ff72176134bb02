import { contractOperation } from './contract';
import type { TestStack } from './harness';

/** One SubmitTicket through the gateway as the caller, optionally with an Idempotency-Key; network failures count as failed answers. */
export async function submitRaw(stack: TestStack, token: string, input: Record<string, unknown>, key?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  if (key) headers['idempotency-key'] = key;
  try {
    const res = await fetch(stack.url, { method: 'POST', headers, body: JSON.stringify({ query: contractOperation('SubmitTicket'), variables: { input } }) });
    const body = (await res.json()) as { data?: { submitTicket?: { ticket?: { id: string } } } | null; errors?: { extensions?: { code?: string } }[] };
    return { id: body.data?.submitTicket?.ticket?.id ?? null, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
  } catch (err) {
    return { id: null, codes: [`network: ${(err as Error).message}`] };
  }
}

/** Runs `work(i)` for i < n with at most `concurrency` in flight. */
export async function pool<T>(n: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}
