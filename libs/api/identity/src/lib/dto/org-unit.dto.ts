import { ORG_UNIT_TYPES, type OrgUnitType } from '@boiduong/shared-contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class CreateOrgUnitDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Parent unit; omitted only for the root (central) unit' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiProperty({ example: 'HNI-BD' })
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'code may hold letters, digits, ".", "_" and "-" (1-64)' })
  code!: string;

  @ApiProperty({ example: 'Đoàn phường Ba Đình' })
  @IsString()
  @Length(1, 255)
  name!: string;

  @ApiProperty({ enum: ORG_UNIT_TYPES })
  @IsIn(ORG_UNIT_TYPES)
  type!: OrgUnitType;

  @ApiPropertyOptional({ example: '2025-07-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  validFrom?: string;
}

export class ListOrgUnitsQuery {
  @ApiPropertyOptional({ description: 'Code or name, ignoring case and diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  includeClosed?: boolean;
}

/** Either an existing open unit (`id`) or a new one (`parentId`, `code`, `name`, `type`). */
export class SuccessorDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing open unit; omit to create one' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: SuccessorDto) => !o.id)
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ example: 'HNI-PHUONG-MOI' })
  @ValidateIf((o: SuccessorDto) => !o.id)
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'code may hold letters, digits, ".", "_" and "-" (1-64)' })
  code?: string;

  @ApiPropertyOptional({ example: 'Đoàn phường Mới' })
  @ValidateIf((o: SuccessorDto) => !o.id)
  @IsString()
  @Length(1, 255)
  name?: string;

  @ApiPropertyOptional({ enum: ORG_UNIT_TYPES })
  @ValidateIf((o: SuccessorDto) => !o.id)
  @IsIn(ORG_UNIT_TYPES)
  type?: OrgUnitType;
}

export class MergeOrgUnitsDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  sourceIds!: string[];

  @ApiProperty({ type: SuccessorDto })
  @ValidateNested()
  @Type(() => SuccessorDto)
  successor!: SuccessorDto;

  @ApiProperty({ example: '2025-07-01', description: 'The day the sources close and the successor takes over' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveOn must be a date as YYYY-MM-DD' })
  @IsDateString({ strict: true })
  effectiveOn!: string;
}

export class SplitSuccessorDto extends SuccessorDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'People of the split unit who move here' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  userIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Open child units that move here' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  childUnitIds?: string[];
}

export class SplitOrgUnitDto {
  @ApiProperty({ type: [SplitSuccessorDto], minItems: 2, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SplitSuccessorDto)
  successors!: SplitSuccessorDto[];

  @ApiProperty({ example: '2025-07-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveOn must be a date as YYYY-MM-DD' })
  @IsDateString({ strict: true })
  effectiveOn!: string;
}

export class MoveOrgUnitDto {
  @ApiProperty({ format: 'uuid', description: 'The new parent (open, outside the moved subtree)' })
  @IsUUID()
  parentId!: string;
}
