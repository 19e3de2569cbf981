import { Injectable } from '@nestjs/common';

/** The one source of "now" for exam rules, so tests can move time without waiting. */
@Injectable()
export class AssessmentClock {
  now(): Date {
    return new Date();
  }
}
