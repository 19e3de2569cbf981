import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

import { EXAM_STATUSES, type ExamStatus } from '@boiduong/shared-contracts';
import { OffsetPageQuery } from '@boiduong/api-core';

export const MANAGED_EXAM_STATUSES = EXAM_STATUSES;
export type ManagedExamStatus = ExamStatus;

/** Paged like the other lists (limit 1-500, default 100; offset). */
export class ListManagedExamsQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the exams of this course (404 outside the caller’s subtree)' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({ description: 'Part of the title, without regard to case' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: MANAGED_EXAM_STATUSES, description: 'By the server clock' })
  @IsOptional()
  @IsIn(MANAGED_EXAM_STATUSES)
  status?: ManagedExamStatus;

}

export class ManagedCoursesQuery {
  @ApiPropertyOptional({ description: 'Part of the course name, without regard to case' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class BankAvailabilityQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId!: string;
}
