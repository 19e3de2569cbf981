import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AcceptAnswerDto,
  AnswerQuestionDto,
  AskQuestionDto,
  DiscussionPageQuery,
  EditDiscussionPostDto,
  HideDiscussionPostDto,
  ModerationQueueQuery,
  ReportDiscussionPostDto,
} from './discussion.dto';
import { DiscussionService } from './discussion.service';

/** Whoever may take part in a course: its learners, its lecturers, its organisers (the service checks which). */
const PARTICIPANTS = [Permission.CourseStudy, Permission.CourseTeach, Permission.CourseManage] as const;
/** Whoever may moderate a course: its lecturers and its organisers. */
const MODERATORS = [Permission.CourseTeach, Permission.CourseManage] as const;

/** Questions and answers per lesson of a course (hỏi đáp theo bài giảng), with accepted answers and moderation. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class DiscussionController {
  constructor(private readonly discussion: DiscussionService) {}

  @Get('courses/:id/lessons/:lessonId/questions')
  @RequirePermissions(...PARTICIPANTS)
  questions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) courseId: string,
    @Param('lessonId', ParseUUIDPipe) lessonId: string,
    @Query() query: DiscussionPageQuery,
  ) {
    return this.discussion.questions(principal, courseId, lessonId, query);
  }

  @Post('courses/:id/lessons/:lessonId/questions')
  @RequirePermissions(...PARTICIPANTS)
  ask(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) courseId: string,
    @Param('lessonId', ParseUUIDPipe) lessonId: string,
    @Body() dto: AskQuestionDto,
  ) {
    return this.discussion.ask(principal, courseId, lessonId, dto);
  }

  @Get('discussion/questions/:id')
  @RequirePermissions(...PARTICIPANTS)
  thread(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Query() query: DiscussionPageQuery) {
    return this.discussion.thread(principal, id, query);
  }

  @Post('discussion/questions/:id/answers')
  @RequirePermissions(...PARTICIPANTS)
  answer(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AnswerQuestionDto) {
    return this.discussion.answer(principal, id, dto.bodyHtml);
  }

  /** Marks the accepted answer; a new mark replaces the old one. */
  @Put('discussion/questions/:id/accepted-answer')
  @RequirePermissions(...MODERATORS)
  accept(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcceptAnswerDto) {
    return this.discussion.accept(principal, id, dto.answerId);
  }

  @Delete('discussion/questions/:id/accepted-answer')
  @RequirePermissions(...MODERATORS)
  unaccept(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.discussion.accept(principal, id, null);
  }

  @Patch('discussion/posts/:id')
  @RequirePermissions(...PARTICIPANTS)
  edit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EditDiscussionPostDto) {
    return this.discussion.edit(principal, id, dto);
  }

  @Delete('discussion/posts/:id')
  @RequirePermissions(...PARTICIPANTS)
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.discussion.remove(principal, id);
  }

  @Post('discussion/posts/:id/reports')
  @RequirePermissions(...PARTICIPANTS)
  report(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReportDiscussionPostDto) {
    return this.discussion.report(principal, id, dto.reason);
  }

  @Post('discussion/posts/:id/hide')
  @HttpCode(200)
  @RequirePermissions(...MODERATORS)
  hide(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: HideDiscussionPostDto) {
    return this.discussion.hide(principal, id, dto.reason);
  }

  /** Shows a hidden post again, or keeps a reported one; either way its open reports are closed. */
  @Post('discussion/posts/:id/restore')
  @HttpCode(200)
  @RequirePermissions(...MODERATORS)
  restore(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.discussion.restore(principal, id);
  }

  @Get('courses/:id/discussion/moderation')
  @RequirePermissions(...MODERATORS)
  queue(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) courseId: string, @Query() query: ModerationQueueQuery) {
    return this.discussion.queue(principal, courseId, query);
  }

  @Get('courses/:id/discussion/lessons')
  @RequirePermissions(...MODERATORS)
  lessons(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) courseId: string) {
    return this.discussion.lessons(principal, courseId);
  }
}
