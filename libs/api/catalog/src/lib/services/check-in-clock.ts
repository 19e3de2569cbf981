import { Injectable } from '@nestjs/common';

/** The one source of "now" for check-in codes and windows, so tests can move time without waiting. */
@Injectable()
export class CheckInClock {
  now(): Date {
    return new Date();
  }
}
