import type { Caller } from '../client';

export interface SeedCompound {
  id: string;
  /** Unique within its community (the register's import names compounds so). */
  name: string;
  communityId: string;
  firmId: string | null;
  gridIds: string[];
}

export interface SeedCommunity {
  id: string;
  streetId: string;
  staff: Caller;
  areaGridId: string;
  compounds: SeedCompound[];
  residents: { id: string; phone: string }[];
  gridWorkers: { personId: string; gridId: string }[];
  serviceItemId: string | null;
}

/** Everything the seeder made, by id: the benchmark's manifest. */
export interface SeedWorld {
  districtId: string;
  streetIds: string[];
  communities: SeedCommunity[];
  firmIds: string[];
  policeIds: string[];
  /** Resolved tickets nobody rated yet, with their reporters: the benchmark's rating load. */
  ratingPool: { ticketId: string; reporterId: string; firmId: string }[];
  ticketCount: number;
}
