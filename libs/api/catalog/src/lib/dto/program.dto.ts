import { CONTENT_GROUPS, LESSON_KINDS, PROGRAM_FAMILIES, TITLES, type ContentGroup, type LessonKind, type ProgramFamily, type TitleCode } from '@boiduong/shared-contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class CertificatePolicyDto {
  @ApiPropertyOptional({ description: 'Share of in-person sessions to attend, 0..1', default: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minAttendanceShare?: number;

  @ApiPropertyOptional({ description: 'Share of lessons to complete, 0..1', default: 1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minLessonShare?: number;

  @ApiPropertyOptional({ description: 'Pass mark per required assessment, percent', default: 50 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  passMark?: number;
}

export class CreateProgramDto {
  @ApiProperty({ example: 'BD-BTX-2025' })
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'code must be 2-64 letters, digits or ._-' })
  code!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiProperty({ enum: PROGRAM_FAMILIES })
  @IsIn(PROGRAM_FAMILIES)
  family!: ProgramFamily;

  @ApiPropertyOptional({ enum: CONTENT_GROUPS, default: 'job_skills' })
  @IsOptional()
  @IsIn(CONTENT_GROUPS)
  contentGroup?: ContentGroup;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ownerOrgUnitId!: string;

  @ApiProperty({ enum: TITLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(TITLES, { each: true })
  targetTitles!: TitleCode[];

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10000)
  requiredHours!: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  learningOutcomes?: string[];

  @ApiPropertyOptional({ type: CertificatePolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CertificatePolicyDto)
  certificatePolicy?: CertificatePolicyDto;
}

export class ListProgramsQuery {
  @ApiPropertyOptional({ enum: PROGRAM_FAMILIES })
  @IsOptional()
  @IsIn(PROGRAM_FAMILIES)
  family?: ProgramFamily;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateModuleDto {
  @ApiProperty()
  @IsString()
  @Length(1, 255)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

export class CreateLessonDto {
  @ApiProperty()
  @IsString()
  @Length(1, 255)
  title!: string;

  @ApiProperty({ enum: LESSON_KINDS })
  @IsIn(LESSON_KINDS)
  kind!: LessonKind;

  @ApiPropertyOptional({ description: 'Rich text (kind text); sanitized on save' })
  @IsOptional()
  @IsString()
  @MaxLength(500_000)
  bodyHtml?: string;

  @ApiPropertyOptional({ description: 'External video link (kind video_link)' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(1024)
  videoUrl?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An uploaded file (kind file)' })
  @IsOptional()
  @IsUUID()
  fileId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  durationMinutes?: number;
}

export class UploadFileQuery {
  @ApiProperty({ format: 'uuid', description: 'The unit owning the file (as for programs)' })
  @IsUUID()
  ownerOrgUnitId!: string;
}
