import { AssessmentModule } from '@boiduong/api-assessment';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StatisticsController } from './controllers/statistics.controller';
import { STATISTICS_ENTITIES } from './entities';
import { StatisticsService } from './services/statistics.service';

/** Item and test statistics over graded exam responses (CTT, 2PL IRT), computed by a worker job. */
@Module({
  imports: [AssessmentModule, TypeOrmModule.forFeature(STATISTICS_ENTITIES)],
  controllers: [StatisticsController],
  providers: [StatisticsService],
  exports: [StatisticsService],
})
export class StatisticsModule {}
