import { isShed, shedBackoffMs } from './shed';

describe('shed fetches', () => {
  it('sends again only a 503 that carries Retry-After (the subgraph ran nothing)', () => {
    expect(isShed(503, '1')).toBe(true);
    expect(isShed(503, null)).toBe(false);
    expect(isShed(502, '1')).toBe(false);
    expect(isShed(200, null)).toBe(false);
  });

  it('backs off from 25 ms doubling to a 400 ms cap, jittered within the upper half', () => {
    expect(shedBackoffMs(0, () => 0)).toBe(13);
    expect(shedBackoffMs(0, () => 1)).toBe(25);
    expect(shedBackoffMs(2, () => 1)).toBe(100);
    expect(shedBackoffMs(10, () => 1)).toBe(400);
    expect(shedBackoffMs(10, () => 0)).toBe(200);
  });
});
