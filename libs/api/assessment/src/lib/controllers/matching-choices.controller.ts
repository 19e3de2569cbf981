import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MatchingChoicesService } from '../services/matching-choices.service';

@ApiTags('exams')
@ApiBearerAuth()
@Controller()
export class MatchingChoicesController {
  constructor(private readonly matching: MatchingChoicesService) {}

  /** The right-hand texts of the attempt's matching items (never the pairing). */
  @Get('attempts/:id/matching-choices')
  @RequirePermissions(Permission.ExamTake)
  choices(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.matching.forAttempt(principal, id);
  }
}
