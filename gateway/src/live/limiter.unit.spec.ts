import { limiter } from './streams';

describe('limiter', () => {
  it('runs at most `limit` tasks at once, the rest in arrival order', async () => {
    const limited = limiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number) =>
      limited(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        order.push(n);
        running--;
        return n;
      });
    expect(await Promise.all([1, 2, 3, 4, 5].map(task))).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order.slice(2)).toEqual([3, 4, 5]);
  });

  it('frees its place when a task fails', async () => {
    const limited = limiter(1);
    await expect(limited(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await limited(async () => 'next')).toBe('next');
  });
});
