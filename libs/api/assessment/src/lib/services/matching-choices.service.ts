import type { Principal } from '@boiduong/api-core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssessmentErrors } from '../assessment.errors';
import { seededRandom, shuffled } from '../domain/rng';

export interface MatchingChoices {
  itemId: string;
  /** The right-hand texts the learner picks from, in an order fixed per attempt; never the pairing. */
  choices: string[];
}

/**
 * A matching item's answer is `{ optionId: matchText }`, but the attempt view lists only the
 * left-hand options: this gives the right-hand texts to choose from, so the learner picks
 * instead of typing an exact text. Only the set of texts leaves the server, shuffled by a
 * generator seeded with the attempt and item, so the order says nothing about the key.
 */
@Injectable()
export class MatchingChoicesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forAttempt(principal: Principal, attemptId: string): Promise<{ items: MatchingChoices[] }> {
    const [attempt]: Array<{ user_id: string }> = await this.db.query(`SELECT user_id FROM attempts WHERE id = $1`, [attemptId]);
    if (!attempt || attempt.user_id !== principal.userId) throw AssessmentErrors.ATTEMPT_NOT_FOUND();
    const rows: Array<{ item_id: string; answer_key: unknown }> = await this.db.query(
      `SELECT ai.item_id, v.answer_key FROM attempt_items ai JOIN qb_item_versions v ON v.id = ai.item_version_id
        WHERE ai.attempt_id = $1 AND v.type = 'matching' ORDER BY ai.position`,
      [attemptId],
    );
    return {
      items: rows.map((r) => {
        const pairs = Array.isArray(r.answer_key) ? (r.answer_key as unknown[]) : [];
        const texts = [...new Set(pairs.flatMap((p) => (Array.isArray(p) && typeof p[1] === 'string' ? [p[1]] : [])))].sort();
        return { itemId: r.item_id, choices: shuffled(texts, seededRandom(`${attemptId}/${r.item_id}`)) };
      }),
    };
  }
}
