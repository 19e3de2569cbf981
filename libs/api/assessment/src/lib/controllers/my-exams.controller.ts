import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MyExamsService } from '../services/my-exams.service';

/** The learner's own exams (the exam player's list and intro screens). */
@ApiTags('exams')
@ApiBearerAuth()
@Controller('me/exams')
export class MyExamsController {
  constructor(private readonly myExams: MyExamsService) {}

  @Get()
  @RequirePermissions(Permission.ExamTake)
  list(@CurrentPrincipal() principal: Principal) {
    return this.myExams.list(principal);
  }

  @Get(':id')
  @RequirePermissions(Permission.ExamTake)
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.myExams.one(principal, id);
  }
}
