import type { Provider } from '@angular/core';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { AnswerJournal } from './lib/journal/answer-journal';
import { EXAM_JOURNAL } from './lib/journal/journal.token';

let journals = 0;

/** A fresh answer journal in memory (real IndexedDB semantics); for specs only, not exported from the public API. */
export function memoryJournal(): AnswerJournal {
  return new AnswerJournal(`exam-spec-${Date.now()}-${++journals}`, { indexedDB, IDBKeyRange });
}

/** The exam screens' journal, a fresh one in memory unless given. */
export function provideJournal(journal: AnswerJournal = memoryJournal()): Provider {
  return { provide: EXAM_JOURNAL, useValue: journal };
}
