import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, Get, Headers, HttpCode, Ip, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { AssessmentErrors } from '../assessment.errors';
import { CreateExamDto, SaveResponsesDto, StartAttemptDto, UpdateExamDto } from '../dto/exam.dto';
import { SaveResponsesPipe } from '../dto/save-responses.pipe';
import { AttemptsService } from '../services/attempts.service';
import { ExamsService } from '../services/exams.service';

const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The client's own device id (kept by the browser); one device holds an attempt at a time. */
export function deviceOf(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  if (!DEVICE_ID.test(header)) throw AssessmentErrors.DEVICE_ID_INVALID();
  return header;
}

/** The save body's shape as a type only: validated by SaveResponsesPipe, not by the global pipe. */
interface SaveResponsesBody {
  responses: SaveResponsesDto['responses'];
}

const DEVICE_HEADER = { name: 'x-device-id', required: false, description: 'The client device id (8-64 of A-Z a-z 0-9 _ -); starting from another device takes the attempt over' };

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

  @Get('exams/:id')
  @RequirePermissions(Permission.ExamManage)
  settings(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.exams.settings(principal, id);
  }

  @Patch('exams/:id')
  @RequirePermissions(Permission.ExamManage)
  update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateExamDto) {
    return this.exams.update(principal, id, dto);
  }

  @Post('exams/:id/release-results')
  @HttpCode(200)
  @RequirePermissions(Permission.ExamManage)
  releaseResults(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.exams.releaseResults(principal, id);
  }

  @Get('exams/:id/results')
  @RequirePermissions(Permission.ExamManage)
  results(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.exams.results(principal, id);
  }

  @Post('exams/:id/attempts')
  @ApiHeader(DEVICE_HEADER)
  @RequirePermissions(Permission.ExamTake)
  start(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Ip() ip: string,
    @Body() dto: StartAttemptDto = {},
    @Headers('x-device-id') device?: string,
  ) {
    return this.attempts.start(principal, id, { device: deviceOf(device), ip, accessCode: dto?.accessCode });
  }

  @Put('attempts/:id/responses')
  @ApiHeader(DEVICE_HEADER)
  @ApiBody({ type: SaveResponsesDto })
  @RequirePermissions(Permission.ExamTake)
  save(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(SaveResponsesPipe) dto: SaveResponsesBody, @Headers('x-device-id') device?: string) {
    return this.attempts.save(principal, id, dto.responses, deviceOf(device));
  }

  @Post('attempts/:id/submit')
  @HttpCode(200)
  @ApiHeader(DEVICE_HEADER)
  @RequirePermissions(Permission.ExamTake)
  submit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Headers('x-device-id') device?: string) {
    return this.attempts.submit(principal, id, deviceOf(device));
  }

  @Get('attempts/:id/review')
  @RequirePermissions(Permission.ExamTake)
  review(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.attempts.review(principal, id);
  }

  @Get('attempts/:id')
  @RequirePermissions(Permission.ExamTake)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.attempts.get(principal, id);
  }
}
