import {
  COGNITIVE_LEVELS,
  ITEM_EXPORT_FORMATS,
  ITEM_IMPORT_FORMATS,
  ITEM_STATUSES,
  ITEM_TYPES,
  PARTIAL_CREDIT_RULES,
  type CognitiveLevel,
  type ItemExportFormat,
  type ItemImportFormat,
  type ItemStatus,
  type ItemType,
  type PartialCreditRule,
} from '@boiduong/shared-contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OffsetPageQuery } from '@boiduong/api-core';

export class OptionDto {
  @ApiPropertyOptional({ example: 'a', description: 'Chosen by the author (unique in the item) or generated' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  id?: string;

  @ApiProperty({ example: '26/3/1931' })
  @IsString()
  // Generous transport cap; the content limit (422 with the field) is checked by the service.
  @MaxLength(100_000)
  text!: string;
}

export class SourceDto {
  @ApiProperty({ example: 'Điều lệ Đoàn TNCS Hồ Chí Minh (2022)' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  document!: string;

  @ApiPropertyOptional({ example: 'Điều 1' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  article?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  url?: string;
}

export class RubricCriterionDto {
  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  criterion!: string;

  @ApiProperty()
  @IsNumber()
  @Min(0)
  points!: number;
}

export class ScoringDto {
  @ApiPropertyOptional({ enum: PARTIAL_CREDIT_RULES })
  @IsOptional()
  @IsIn(PARTIAL_CREDIT_RULES)
  partialCredit?: PartialCreditRule;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  ignoreDiacritics?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  tolerance?: number;

  @ApiPropertyOptional({ type: [RubricCriterionDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  rubric?: RubricCriterionDto[];
}

export class UpdateItemDto {
  @ApiPropertyOptional({ description: 'Rich text (sanitized)' })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  stem?: string;

  @ApiPropertyOptional({ type: [OptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OptionDto)
  options?: OptionDto[];

  @ApiPropertyOptional({ description: 'By type: option id(s), boolean, accepted strings, [optionId, match] pairs, a number' })
  @IsOptional()
  key?: unknown;

  @ApiPropertyOptional({ type: ScoringDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScoringDto)
  scoring?: ScoringDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  explanation?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({ enum: COGNITIVE_LEVELS })
  @IsOptional()
  @IsIn(COGNITIVE_LEVELS)
  level?: CognitiveLevel;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  programIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'Estimated answering time in seconds' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36_000)
  estimatedSeconds?: number;

  @ApiPropertyOptional({ type: SourceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;
}

export class CreateItemDto extends UpdateItemDto {
  @ApiProperty({ enum: ITEM_TYPES })
  @IsIn(ITEM_TYPES)
  type!: ItemType;

  @ApiProperty()
  @IsString()
  @MaxLength(200_000)
  declare stem: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  declare topic: string;

  @ApiProperty({ enum: COGNITIVE_LEVELS })
  @IsIn(COGNITIVE_LEVELS)
  declare level: CognitiveLevel;

  @ApiPropertyOptional({ format: 'uuid', description: "Defaults to the author's unit" })
  @IsOptional()
  @IsUUID()
  ownerOrgUnitId?: string;
}

export class ReviewActionDto {
  @ApiPropertyOptional({ description: 'A review comment recorded with the action' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

export class RejectDto {
  @ApiProperty({ description: 'What the author should change; recorded as a review comment' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  comment!: string;
}

export class CommentDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  body!: string;
}

const toBool = ({ value }: { value: unknown }) => value === true || value === 'true' || value === '1';

export class ItemFilterQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ description: 'Words of the stem, ignoring case and diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ITEM_TYPES })
  @IsOptional()
  @IsIn(ITEM_TYPES)
  type?: ItemType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  topic?: string;

  @ApiPropertyOptional({ enum: COGNITIVE_LEVELS })
  @IsOptional()
  @IsIn(COGNITIVE_LEVELS)
  level?: CognitiveLevel;

  @ApiPropertyOptional({ enum: ITEM_STATUSES })
  @IsOptional()
  @IsIn(ITEM_STATUSES)
  status?: ItemStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  tag?: string;

}

export class ExportQuery extends ItemFilterQuery {
  @ApiProperty({ enum: ITEM_EXPORT_FORMATS })
  @IsIn(ITEM_EXPORT_FORMATS)
  format!: ItemExportFormat;
}

export class ImportQuery {
  @ApiProperty({ enum: ITEM_IMPORT_FORMATS })
  @IsIn(ITEM_IMPORT_FORMATS)
  format!: ItemImportFormat;

  @ApiPropertyOptional({ enum: ['all', 'valid-only'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'valid-only'])
  mode?: 'all' | 'valid-only';

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: "Owner of the imported items; defaults to the importer's unit" })
  @IsOptional()
  @IsUUID()
  ownerOrgUnitId?: string;
}
