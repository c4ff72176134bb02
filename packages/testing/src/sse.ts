export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Reads a `text/event-stream` body message by message (comment blocks only counted),
 * until it ends or is aborted; for tests and benchmarks of the gateway's
 * subscriptions that look at SSE fields (ids) a GraphQL client hides.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array> | null,
  onMessage: (message: SseMessage) => void,
  /** Called for each block of comment lines only (heartbeats). */
  onComment?: () => void,
): Promise<void> {
  if (!body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          if (!line || line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const value = line.slice(colon + 1);
          fields.set(line.slice(0, colon), fields.has(line.slice(0, colon)) ? `${fields.get(line.slice(0, colon))}\n${value.trimStart()}` : value.trimStart());
        }
        if (!fields.size && block.startsWith(':')) onComment?.();
        if (fields.has('event')) onMessage({ id: fields.get('id') ?? null, event: fields.get('event')!, data: fields.get('data') ?? '' });
      }
    }
  } catch {
    // Aborted by the reader: the stream simply ends.
  }
}
