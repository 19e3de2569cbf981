import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BankAvailabilityQuery, ListManagedExamsQuery, ManagedCoursesQuery } from '../dto/managed-exams.dto';
import { ManagedExamsService, type BankCell, type ManagedCourse, type ManagedExamSummary } from '../services/managed-exams.service';

/** The exam administration screens' lists: exams, courses and the bank's cells in the caller's subtree. */
@ApiTags('exams')
@ApiBearerAuth()
@Controller('exams')
export class ManagedExamsController {
  constructor(private readonly managed: ManagedExamsService) {}

  @Get()
  @RequirePermissions(Permission.ExamManage)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListManagedExamsQuery): Promise<ManagedExamSummary[]> {
    return this.managed.list(principal, query);
  }

  @Get('courses')
  @RequirePermissions(Permission.ExamManage)
  courses(@CurrentPrincipal() principal: Principal, @Query() query: ManagedCoursesQuery): Promise<ManagedCourse[]> {
    return this.managed.courses(principal, query.q);
  }

  @Get('bank-availability')
  @RequirePermissions(Permission.ExamManage)
  bankAvailability(@CurrentPrincipal() principal: Principal, @Query() query: BankAvailabilityQuery): Promise<BankCell[]> {
    return this.managed.bankAvailability(principal, query.courseId);
  }
}
