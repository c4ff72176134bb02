/** How big a synthetic district is. `district` is Lianhu-sized (issue: ~15 streets, ~130 communities, ~1,000 compounds, ~8,000 grids). */
export interface Scale {
  name: string;
  streets: number;
  communitiesPerStreet: number;
  firms: number;
  compoundsPerCommunity: number;
  buildingGridsPerCompound: number;
  residentsPerCommunity: number;
  /** Registered households (一户一档) per compound, each with 1–4 members: `district` has ~250,000 (issue 13). */
  householdsPerCompound: number;
  /** Tickets per community per month, over `months` past months plus the current one. */
  ticketsPerCommunityMonth: number;
  months: number;
  /** Resolved, unrated tickets left for the benchmark's steady rating load. */
  ratingPool: number;
}

export const SCALES: Record<string, Scale> = {
  small: {
    name: 'small',
    streets: 2,
    communitiesPerStreet: 3,
    firms: 4,
    compoundsPerCommunity: 4,
    buildingGridsPerCompound: 3,
    residentsPerCommunity: 6,
    householdsPerCompound: 5,
    ticketsPerCommunityMonth: 8,
    months: 2,
    ratingPool: 40,
  },
  // The old `district`: what the write paths seed in ~5 minutes (~95 ticket
  // steps a second); quick runs of the bench and the bulk path.
  'district-month': {
    name: 'district-month',
    streets: 15,
    communitiesPerStreet: 9,
    firms: 60,
    compoundsPerCommunity: 8,
    buildingGridsPerCompound: 6,
    residentsPerCommunity: 20,
    householdsPerCompound: 30,
    ticketsPerCommunityMonth: 10,
    months: 3,
    ratingPool: 400,
  },
  // A district-year (issue: Lianhu, ~1,000,000 tickets a year): 135
  // communities × 617 tickets a month × 12 months (11 past and the current
  // one). Only the bulk path (seed/bulk) makes this in minutes.
  district: {
    name: 'district',
    streets: 15,
    communitiesPerStreet: 9,
    firms: 60,
    compoundsPerCommunity: 8,
    buildingGridsPerCompound: 6,
    residentsPerCommunity: 40,
    // 135 communities × 8 compounds × 232 = 250,560 households.
    householdsPerCompound: 232,
    ticketsPerCommunityMonth: 617,
    months: 11,
    ratingPool: 400,
  },
};
