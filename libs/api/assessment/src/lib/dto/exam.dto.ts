import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class BlueprintRowDto {
  @ApiProperty({ example: 'Điều lệ Đoàn' })
  @IsString()
  @Length(1, 200)
  topic!: string;

  @ApiProperty({ enum: ['recognition', 'comprehension', 'application', 'high_application'] })
  @IsIn(['recognition', 'comprehension', 'application', 'high_application'])
  level!: 'recognition' | 'comprehension' | 'application' | 'high_application';

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(200)
  count!: number;

  @ApiProperty({ description: 'Points for each item of this row' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.25)
  @Max(100)
  points!: number;
}

export class CreateExamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 255)
  title!: string;

  @ApiProperty({ type: [BlueprintRowDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BlueprintRowDto)
  blueprint!: BlueprintRowDto[];

  @ApiPropertyOptional({ description: 'Omit for no limit other than the window' })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  timeLimitSeconds?: number;

  @ApiProperty()
  @IsDateString({ strict: true })
  opensAt!: string;

  @ApiProperty()
  @IsDateString({ strict: true })
  closesAt!: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxAttempts?: number;

  @ApiPropertyOptional({ enum: ['highest', 'last', 'first', 'average'], default: 'highest' })
  @IsOptional()
  @IsIn(['highest', 'last', 'first', 'average'])
  attemptsPolicy?: 'highest' | 'last' | 'first' | 'average';

  @ApiProperty({ description: 'Percent of the maximum score (0-100)' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  passMark!: number;

  @ApiPropertyOptional({ enum: ['autosubmit', 'graceperiod', 'autoabandon'], default: 'autosubmit' })
  @IsOptional()
  @IsIn(['autosubmit', 'graceperiod', 'autoabandon'])
  overdueHandling?: 'autosubmit' | 'graceperiod' | 'autoabandon';

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  gracePeriodSeconds?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  shuffleItems?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  shuffleOptions?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Hide learners from essay graders until grading of the closed exam is complete' })
  @IsOptional()
  @IsBoolean()
  blindGrading?: boolean;
}

export class SaveResponseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  itemId!: string;

  @ApiProperty({ description: 'By item type: option id, option ids, boolean, text, pairs, or a number' })
  @IsDefined()
  answer!: unknown;

  @ApiProperty({ description: 'Increases with every change of this item on the client' })
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  seq!: number;
}

export class SaveResponsesDto {
  @ApiProperty({ type: [SaveResponseDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SaveResponseDto)
  responses!: SaveResponseDto[];
}

export class AddAttemptTimeDto {
  @ApiProperty({ minimum: 1, maximum: 600, description: 'Minutes added to the attempt’s current deadline' })
  @IsInt()
  @Min(1)
  @Max(600)
  minutes!: number;

  @ApiPropertyOptional({ description: 'Why, kept in the audit log' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class ReopenAttemptDto {
  @ApiProperty({ description: 'The new deadline: in the future, at most 7 days ahead' })
  @IsDateString({ strict: true })
  deadline!: string;

  @ApiPropertyOptional({ description: 'Why, kept in the audit log' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class LearnerExtraTimeDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 600, default: 0, description: 'Minutes added to the time limit of every attempt the learner starts' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  minutes?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 3, default: 1, description: 'Time limit multiplier (1.5 = half as long again)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(1)
  @Max(3)
  multiplier?: number;

  @ApiPropertyOptional({ description: 'Why, kept in the audit log' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
