import { COURSE_MODES, COURSE_STATUSES, type CourseMode, type CourseStatus } from '@boiduong/shared-contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

export class CreateCourseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  programId!: string;

  @ApiProperty({ format: 'uuid', description: 'The organising unit' })
  @IsUUID()
  orgUnitId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiProperty({ enum: COURSE_MODES })
  @IsIn(COURSE_MODES)
  mode!: CourseMode;

  @ApiProperty({ format: 'date' })
  @IsDateString({ strict: true })
  startsOn!: string;

  @ApiProperty({ format: 'date' })
  @IsDateString({ strict: true })
  endsOn!: string;

  @ApiProperty({ nullable: true, description: 'null = no limit' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  capacity!: number | null;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  openFrom?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  openUntil?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  selfEnrollment?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Open to learners outside the organiser subtree' })
  @IsOptional()
  @IsBoolean()
  openToAll?: boolean;

  @ApiPropertyOptional({ enum: COURSE_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(COURSE_STATUSES)
  status?: CourseStatus;
}

export class SetCourseStatusDto {
  @ApiProperty({ enum: COURSE_STATUSES })
  @IsIn(COURSE_STATUSES)
  status!: CourseStatus;
}

export class CreateSessionDto {
  @ApiProperty()
  @IsString()
  @Length(1, 255)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  place?: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  endsAt!: string;
}

export class UserIdsDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  userIds!: string[];
}

export class AttendanceDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  present!: string[];
}

export class LessonProgressDto {
  @ApiPropertyOptional({ description: 'Share of the video watched, 0..1 (only ever raised)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  videoWatchedShare?: number;
}
