import { ASSIGNMENT_SUBMISSION_KINDS, type AssignmentSubmissionKind } from '@boiduong/shared-contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class CreateAssignmentDto {
  @ApiProperty()
  @IsString()
  @Length(1, 255)
  title!: string;

  @ApiPropertyOptional({ description: 'Rich text; scripts and unknown markup are stripped' })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  instructionsHtml?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A module of the course program version' })
  @IsOptional()
  @IsUUID()
  moduleId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Nothing is accepted after it; submissions after dueAt are marked late' })
  @IsOptional()
  @IsISO8601({ strict: true })
  cutoffAt?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null or absent = graded pass/fail' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  maxPoints?: number | null;

  @ApiProperty({ enum: ASSIGNMENT_SUBMISSION_KINDS, description: '`both`: text, a file, or both' })
  @IsIn(ASSIGNMENT_SUBMISSION_KINDS)
  submissionKind!: AssignmentSubmissionKind;

  @ApiPropertyOptional({ default: false, description: 'Must be passed to complete the course' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;
}

export class SubmitAssignmentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  textBody?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A file uploaded through POST assignments/:id/files' })
  @IsOptional()
  @IsUUID()
  fileId?: string;
}

export class GradeSubmissionDto {
  @ApiProperty({ description: 'The submission version that was read' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ enum: ['graded', 'returned'], description: '`returned` sends the work back for revision' })
  @IsIn(['graded', 'returned'])
  decision!: 'graded' | 'returned';

  @ApiPropertyOptional({ description: 'For assignments with points: 0..maxPoints' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  score?: number;

  @ApiPropertyOptional({ description: 'For pass/fail assignments' })
  @IsOptional()
  @IsBoolean()
  passed?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  comment?: string;
}

export class SubmissionListQuery {
  @ApiPropertyOptional({ enum: ['all', 'ungraded'], default: 'all', description: '`ungraded`: submitted and not yet graded' })
  @IsOptional()
  @IsIn(['all', 'ungraded'])
  filter?: 'all' | 'ungraded';
}
