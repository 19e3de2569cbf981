import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, DefaultValuePipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AttendanceDto, CreateCourseDto, CreateSessionDto, LessonProgressDto, SetCourseStatusDto, UserIdsDto } from '../dto/course.dto';
import { CoursesService } from '../services/courses.service';
import { LearningService } from '../services/learning.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly learning: LearningService,
  ) {}

  @Post('courses')
  @RequirePermissions(Permission.CourseManage)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateCourseDto) {
    return this.courses.create(principal, dto);
  }

  @Get('courses/:id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.courses.get(principal, id);
  }

  @Post('courses/:id/status')
  @HttpCode(200)
  @RequirePermissions(Permission.CourseManage)
  setStatus(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetCourseStatusDto) {
    return this.courses.setStatus(principal, id, dto.status);
  }

  @Post('courses/:id/sessions')
  @RequirePermissions(Permission.CourseManage)
  addSession(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateSessionDto) {
    return this.courses.addSession(principal, id, dto);
  }

  @Post('courses/:id/lecturers')
  @RequirePermissions(Permission.CourseManage)
  addLecturers(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UserIdsDto) {
    return this.courses.addLecturers(principal, id, dto.userIds);
  }

  @Post('courses/:id/enrollments')
  @RequirePermissions(Permission.CourseManage)
  enroll(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UserIdsDto) {
    return this.courses.enroll(principal, id, dto.userIds);
  }

  @Post('courses/:id/self-enrollment')
  @RequirePermissions(Permission.CourseStudy)
  selfEnroll(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.courses.selfEnroll(principal, id);
  }

  @Delete('courses/:id/enrollments/:userId')
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('userId', ParseUUIDPipe) userId: string) {
    return this.courses.withdraw(principal, id, userId);
  }

  @Get('courses/:id/progress')
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  progress(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
    @Query('offset', new DefaultValuePipe(0), ParseIntPipe) offset: number,
  ) {
    return this.learning.courseProgress(principal, id, Math.min(Math.max(limit, 1), 1000), Math.max(offset, 0));
  }

  @Post('sessions/:id/attendance')
  @HttpCode(200)
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  attendance(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AttendanceDto) {
    return this.learning.attendance(principal, id, dto.present);
  }

  @Post('lessons/:id/complete')
  @HttpCode(200)
  @RequirePermissions(Permission.CourseStudy)
  complete(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.learning.complete(principal, id);
  }

  @Post('lessons/:id/progress')
  @HttpCode(200)
  @RequirePermissions(Permission.CourseStudy)
  lessonProgress(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: LessonProgressDto) {
    return this.learning.progress(principal, id, dto.videoWatchedShare);
  }

  @Get('me/courses')
  myCourses(@CurrentPrincipal() principal: Principal) {
    return this.learning.myCourses(principal);
  }

  @Get('me/courses/:id')
  myCourse(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.learning.myCourse(principal, id);
  }
}
