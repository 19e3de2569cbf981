import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What a merge or split did to the tree, as the other contexts need to know it. */
export interface OrgUnitSuccessionChange {
  kind: 'merge' | 'split';
  /** The units closed by the change (the merged sources, or the one split unit). */
  closedUnitIds: string[];
  /** The unit that takes over their ongoing work: the merge successor, or a split's first (primary) successor. */
  successorId: string;
  /** Effective date, YYYY-MM-DD. */
  on: string;
}

/**
 * A bounded context whose records follow a closed unit to its successor (catalog's open courses,
 * for instance). Identity cannot import those contexts (they import identity), so they implement
 * this class and register with `OrgUnitSuccessions`; identity calls them without knowing them.
 */
export abstract class OrgUnitSuccessionParticipant {
  /** Key of the count in the merge/split audit entry, e.g. `movedCourses` (next to `movedGrants`). */
  abstract readonly auditKey: `moved${string}`;

  /**
   * Moves the participant's records inside the merge/split transaction (`manager`), so a failure
   * here rolls the whole change back. Returns how many records moved.
   */
  abstract onUnitsSucceeded(manager: EntityManager, change: OrgUnitSuccessionChange): Promise<number>;
}

/** Counts identity itself records under these keys; a participant taking one would overwrite them. */
const RESERVED_KEYS = new Set(['movedUsers', 'movedUnits', 'movedGrants']);

/**
 * The participants of the running application. A registry rather than a Nest multi-provider
 * because providers do not collect across modules: each participant's module imports
 * IdentityModule and registers in its own `onModuleInit`.
 */
@Injectable()
export class OrgUnitSuccessions {
  private readonly participants: OrgUnitSuccessionParticipant[] = [];

  /** Registers a participant; the returned function removes it again. */
  register(participant: OrgUnitSuccessionParticipant): () => void {
    if (RESERVED_KEYS.has(participant.auditKey) || this.participants.some((p) => p.auditKey === participant.auditKey)) {
      // A programming error at boot, not a user input: two contexts must not report under one key.
      throw new Error(`org-unit succession participant key ${participant.auditKey} is already taken`);
    }
    this.participants.push(participant);
    return () => {
      const i = this.participants.indexOf(participant);
      if (i >= 0) this.participants.splice(i, 1);
    };
  }

  /**
   * Runs every participant in turn on the caller's transaction (one connection, so not in
   * parallel) and answers their counts by audit key.
   */
  async notify(manager: EntityManager, change: OrgUnitSuccessionChange): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const p of this.participants) counts[p.auditKey] = await p.onUnitsSucceeded(manager, change);
    return counts;
  }
}
