import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ProctorEventsDto } from '../dto/grading.dto';
import { ProctorEventsService } from '../services/proctor-events.service';
import { deviceOf } from './exams.controller';

/** The proctor event log: the player reports, proctors read. */
@ApiTags('exams')
@ApiBearerAuth()
@Controller()
export class ProctorEventsController {
  constructor(private readonly events: ProctorEventsService) {}

  @Post('attempts/:id/events')
  @HttpCode(200)
  @RequirePermissions(Permission.ExamTake)
  report(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProctorEventsDto, @Headers('x-device-id') device?: string) {
    return this.events.report(principal, id, dto.events, deviceOf(device));
  }

  @Get('attempts/:id/events')
  @RequirePermissions(Permission.ExamProctor)
  ofAttempt(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.events.forAttempt(principal, id);
  }

  @Get('exams/:id/events')
  @ApiQuery({ name: 'kind', required: false })
  @RequirePermissions(Permission.ExamProctor)
  ofExam(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Query('kind') kind?: string) {
    return this.events.forExam(principal, id, kind || undefined);
  }
}
