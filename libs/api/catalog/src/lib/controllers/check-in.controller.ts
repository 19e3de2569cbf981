import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CheckInDto, OpenCheckInDto } from '../dto/check-in.dto';
import { CheckInService } from '../services/check-in.service';

/** QR check-in: the lecturer's window and rotating code, and the learner's scan. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class CheckInController {
  constructor(private readonly checkIns: CheckInService) {}

  @Get('sessions/:id/check-in')
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  sheet(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.checkIns.sheet(principal, id);
  }

  @Post('sessions/:id/check-in/open')
  @HttpCode(200)
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  open(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: OpenCheckInDto) {
    return this.checkIns.open(principal, id, dto.minutes);
  }

  @Post('sessions/:id/check-in/close')
  @HttpCode(200)
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  close(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.checkIns.close(principal, id);
  }

  @Get('sessions/:id/check-in/code')
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  code(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.checkIns.code(principal, id);
  }

  @Post('check-in')
  @HttpCode(200)
  @RequirePermissions(Permission.CourseStudy)
  checkIn(@CurrentPrincipal() principal: Principal, @Body() dto: CheckInDto) {
    return this.checkIns.checkIn(principal, dto.token);
  }
}
