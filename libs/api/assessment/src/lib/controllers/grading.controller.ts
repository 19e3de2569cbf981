import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { GradeResponseDto, RegradeRequestDto } from '../dto/grading.dto';
import { GradingService } from '../services/grading.service';
import { RegradeService } from '../services/regrade.service';

/** Essay grading (course lecturers and proctors of the exam's subtree) and regrades after a key fix. */
@ApiTags('exams')
@ApiBearerAuth()
@Controller()
export class GradingController {
  constructor(
    private readonly grading: GradingService,
    private readonly regrades: RegradeService,
  ) {}

  @Get('grading/exams')
  @RequirePermissions(Permission.CourseTeach, Permission.ExamProctor)
  gradedExams(@CurrentPrincipal() principal: Principal) {
    return this.grading.exams(principal);
  }

  @Get('exams/:id/grading')
  @RequirePermissions(Permission.CourseTeach, Permission.ExamProctor)
  queue(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.grading.queue(principal, id);
  }

  @Put('attempts/:id/grades/:itemId')
  @RequirePermissions(Permission.CourseTeach, Permission.ExamProctor)
  grade(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() dto: GradeResponseDto,
  ) {
    return this.grading.grade(principal, id, itemId, dto);
  }

  @Post('exams/:id/regrades')
  @HttpCode(202)
  @RequirePermissions(Permission.ExamProctor)
  regrade(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RegradeRequestDto) {
    return this.regrades.request(principal, id, dto);
  }

  @Get('exams/:id/regrades')
  @RequirePermissions(Permission.ExamProctor)
  regradesOf(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.regrades.list(principal, id);
  }
}
