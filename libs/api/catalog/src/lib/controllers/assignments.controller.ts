import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CreateAssignmentDto, GradeSubmissionDto, SubmissionListQuery, SubmitAssignmentDto } from '../dto/assignment.dto';
import { AssignmentsService } from '../services/assignments.service';
import { FileStorage } from '../storage/file-storage';
import { sendStoredFile } from '../storage/send-file';

/** Field-survey and essay assignments (bài thu hoạch): set and graded by the course's teachers, handed in by its learners. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly storage: FileStorage,
  ) {}

  @Post('courses/:id/assignments')
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  create(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateAssignmentDto) {
    return this.assignments.create(principal, id, dto);
  }

  @Get('courses/:id/assignments')
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  list(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.assignments.listForCourse(principal, id);
  }

  @Get('assignments/:id/submissions')
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  submissions(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Query() query: SubmissionListQuery) {
    return this.assignments.submissions(principal, id, query.filter ?? 'all');
  }

  /** A file the learner will hand in (multipart, field `file`); PDF, DOCX or an image. */
  @Post('assignments/:id/files')
  @ApiConsumes('multipart/form-data')
  @RequirePermissions(Permission.CourseStudy)
  async upload(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest) {
    return this.assignments.upload(principal, id, await req.file());
  }

  @Put('assignments/:id/submission')
  @RequirePermissions(Permission.CourseStudy)
  submit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SubmitAssignmentDto) {
    return this.assignments.submit(principal, id, dto);
  }

  @Get('submissions/:id')
  submission(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.assignments.submission(principal, id);
  }

  @Get('submissions/:id/file')
  @HttpCode(200)
  async file(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('range') range: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.assignments.submissionFile(principal, id);
    reply.header('cache-control', 'private, no-store');
    await sendStoredFile(reply, this.storage, file, range);
  }

  @Post('submissions/:id/grade')
  @HttpCode(200)
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  grade(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: GradeSubmissionDto) {
    return this.assignments.grade(principal, id, dto);
  }
}
