import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ItemsController } from './controllers/items.controller';
import { QUESTION_BANK_ENTITIES } from './entities';
import { BankImportService } from './services/bank-import.service';
import { ImportService } from './services/import.service';
import { ItemsService } from './services/items.service';

@Module({
  imports: [TypeOrmModule.forFeature(QUESTION_BANK_ENTITIES)],
  controllers: [ItemsController],
  providers: [ItemsService, ImportService, BankImportService],
  exports: [ItemsService, ImportService, BankImportService],
})
export class QuestionBankModule {}
