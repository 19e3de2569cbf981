import { toFailure, type Failure } from '@boiduong/web-core';

export type { Failure };

/** Failures of this feature, worded under the `discussion.errors` keys. */
export const failureOf = (error: unknown): Failure => toFailure(error, 'discussion');
