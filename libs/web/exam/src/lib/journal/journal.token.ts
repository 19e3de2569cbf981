import { InjectionToken } from '@angular/core';
import { AnswerJournal } from './answer-journal';

/** The device's answer journal; one per app, opened lazily with the exam screens. */
export const EXAM_JOURNAL = new InjectionToken<AnswerJournal>('EXAM_JOURNAL', { providedIn: 'root', factory: () => new AnswerJournal() });
