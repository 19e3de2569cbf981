import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateExamDto, SaveResponsesDto } from '../dto/exam.dto';
import { AttemptsService } from '../services/attempts.service';
import { ExamsService } from '../services/exams.service';

@ApiTags('exams')
@ApiBearerAuth()
@Controller()
export class ExamsController {
  constructor(
    private readonly exams: ExamsService,
    private readonly attempts: AttemptsService,
  ) {}

  @Post('exams')
  @RequirePermissions(Permission.ExamManage)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateExamDto) {
    return this.exams.create(principal, dto);
  }

  @Get('exams/:id/results')
  @RequirePermissions(Permission.ExamManage)
  results(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.exams.results(principal, id);
  }

  @Post('exams/:id/attempts')
  @RequirePermissions(Permission.ExamTake)
  start(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.attempts.start(principal, id);
  }

  @Put('attempts/:id/responses')
  @RequirePermissions(Permission.ExamTake)
  save(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SaveResponsesDto) {
    return this.attempts.save(principal, id, dto.responses);
  }

  @Post('attempts/:id/submit')
  @HttpCode(200)
  @RequirePermissions(Permission.ExamTake)
  submit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.attempts.submit(principal, id);
  }

  @Get('attempts/:id')
  @RequirePermissions(Permission.ExamTake)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.attempts.get(principal, id);
  }
}
