import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AddAttemptTimeDto, LearnerExtraTimeDto, ReopenAttemptDto } from '../dto/exam.dto';
import { AttemptAdminService } from '../services/attempt-admin.service';

/** Proctors' changes to running exams; each is audited. */
@ApiTags('exams')
@ApiBearerAuth()
@Controller()
export class AttemptAdminController {
  constructor(private readonly admin: AttemptAdminService) {}

  @Post('attempts/:id/extra-time')
  @HttpCode(200)
  @RequirePermissions(Permission.ExamProctor)
  addTime(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddAttemptTimeDto) {
    return this.admin.addTime(principal, id, dto);
  }

  @Post('attempts/:id/reopen')
  @HttpCode(200)
  @RequirePermissions(Permission.ExamProctor)
  reopen(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReopenAttemptDto) {
    return this.admin.reopen(principal, id, dto);
  }

  @Put('exams/:id/extra-time/:userId')
  @RequirePermissions(Permission.ExamProctor)
  learnerExtraTime(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() dto: LearnerExtraTimeDto,
  ) {
    return this.admin.setLearnerExtraTime(principal, id, userId, dto);
  }
}
