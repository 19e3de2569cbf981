import { Module } from '@nestjs/common';
import { ManagedExamsController } from './controllers/managed-exams.controller';
import { ManagedExamsService } from './services/managed-exams.service';

/**
 * The exam administration lists. Its own module so the assessment module takes it in one import;
 * the clock comes from the (global) assessment module, so tests that move time move it here too.
 */
@Module({ controllers: [ManagedExamsController], providers: [ManagedExamsService] })
export class ManagedExamsModule {}
