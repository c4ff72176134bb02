/** A firm with its score and name, as ranked. */
export interface Ranked<T> {
  item: T;
  score: number;
  name: string;
  id: string;
}

/** Names in Chinese collation (pinyin order), the order a Chinese reader expects of a list of names. */
export const compareNames = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');

/**
 * Contract: "by their assessment score for the month, best first (ties by
 * name)". The rank is the position in that order (1, 2, 3… with no shared
 * places, since the name decides a tie); the id only keeps equal names
 * stable.
 */
export function rankByScore<T>(list: readonly Ranked<T>[]): (Ranked<T> & { rank: number })[] {
  return [...list]
    .sort((a, b) => b.score - a.score || compareNames(a.name, b.name) || a.id.localeCompare(b.id))
    .map((r, i) => ({ ...r, rank: i + 1 }));
}
