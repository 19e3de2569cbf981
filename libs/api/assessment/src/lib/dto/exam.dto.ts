import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
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
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { parseNetwork } from '../domain/delivery';

/** Each element is a CIDR range or a single IP address. */
function IsNetwork(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNetwork',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseNetwork(value) !== null,
        defaultMessage: () => 'each value must be a CIDR range such as 10.1.2.0/24 or an IP address',
      },
    },
    options,
  );
}

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

  @ApiPropertyOptional({ enum: ['immediate', 'after_close', 'manual'], default: 'immediate', description: 'When learners see their scores' })
  @IsOptional()
  @IsIn(['immediate', 'after_close', 'manual'])
  resultRelease?: 'immediate' | 'after_close' | 'manual';

  @ApiPropertyOptional({
    enum: ['none', 'responses', 'full'],
    default: 'responses',
    description: 'Once results are released: none (score only), responses (own answers and credit), full (also keys and explanations)',
  })
  @IsOptional()
  @IsIn(['none', 'responses', 'full'])
  reviewPolicy?: 'none' | 'responses' | 'full';

  @ApiPropertyOptional({ nullable: true, description: 'Supervised room: the code the proctor reads out; null or omitted for none' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(4, 64)
  accessCode?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Supervised room: CIDR ranges a new attempt may start from; empty for anywhere' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsNetwork({ each: true })
  allowedNetworks?: string[];
}

/** Any setting but the course, before the exam opens. */
export class UpdateExamDto extends PartialType(OmitType(CreateExamDto, ['courseId'] as const)) {}

export class StartAttemptDto {
  @ApiPropertyOptional({ description: "The supervised room's access code, when the exam has one" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  accessCode?: string;
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
