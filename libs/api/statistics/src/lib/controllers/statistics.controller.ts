import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { StatisticsService } from '../services/statistics.service';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller()
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('statistics/exams')
  @RequirePermissions(Permission.StatisticsRead)
  exams(@CurrentPrincipal() principal: Principal) {
    return this.statistics.exams(principal);
  }

  @Get('exams/:id/statistics')
  @RequirePermissions(Permission.StatisticsRead)
  exam(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.statistics.examStatistics(principal, id);
  }

  /** Queues a recomputation: 202 with the job id, 409 while one is queued or running. */
  @Post('exams/:id/statistics')
  @HttpCode(202)
  @RequirePermissions(Permission.StatisticsRead)
  compute(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.statistics.request(principal, id);
  }

  @Get('items/:id/statistics')
  @RequirePermissions(Permission.StatisticsRead)
  item(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.statistics.itemStatistics(principal, id);
  }
}
