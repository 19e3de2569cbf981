import {
  EMPLOYMENTS,
  GENDERS,
  ROLES,
  THEORY_LEVELS,
  ASSIGNABLE_TITLES,
  type Employment,
  type Gender,
  type Role,
  type TheoryLevel,
  type CadreTitle,
} from '@boiduong/shared-contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class RoleGrantDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgUnitId!: string;
}

const TITLE_MESSAGE = `title must be one of ${ASSIGNABLE_TITLES.join(', ')} (district titles are historical and cannot be assigned)`;

export class CadreProfileDto {
  @ApiProperty({ enum: ASSIGNABLE_TITLES, description: 'Current title (chức danh); historical district titles are refused' })
  @IsIn(ASSIGNABLE_TITLES, { message: TITLE_MESSAGE })
  title!: CadreTitle;

  @ApiPropertyOptional({ example: '2026-01-15', description: 'Since when the title is held (starts the grace window for its certificate)' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'titleSince must be a date YYYY-MM-DD' })
  titleSince?: string;

  @ApiProperty({ enum: ASSIGNABLE_TITLES, isArray: true, description: 'Titles the cadre is planned for (quy hoạch)' })
  @IsArray()
  @ArrayMaxSize(ASSIGNABLE_TITLES.length)
  @IsIn(ASSIGNABLE_TITLES, { each: true, message: TITLE_MESSAGE })
  plannedTitles!: CadreTitle[];

  @ApiProperty({ enum: EMPLOYMENTS })
  @IsIn(EMPLOYMENTS)
  employment!: Employment;

  @ApiPropertyOptional({ enum: THEORY_LEVELS })
  @IsOptional()
  @IsIn(THEORY_LEVELS)
  theoryLevel?: TheoryLevel;

  @ApiPropertyOptional({ example: 'Cử nhân Luật' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  education?: string;
}

export class LecturerProfileDto {
  @ApiProperty({ type: [String], example: ['propaganda', 'organisation'] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  specialties!: string[];

  @ApiProperty({ type: [String], example: ['BT-XA'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 255, { each: true })
  programsTaught!: string[];
}

export class CreateUserDto {
  @ApiProperty({ example: 'nguyenvana' })
  @Matches(/^[a-zA-Z0-9._@-]{3,64}$/, { message: 'username must be 3-64 letters, digits or ._@-' })
  username!: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsString()
  @Length(1, 255)
  fullName!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(255)
  email?: string;

  @ApiPropertyOptional({ example: '1995-04-30' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date as YYYY-MM-DD' })
  dateOfBirth?: string;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @Matches(/^\+?[0-9 .-]{8,20}$/, { message: 'phone must be 8-20 digits, optionally with +, spaces, dots or dashes' })
  phone?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgUnitId!: string;

  @ApiPropertyOptional({ type: CadreProfileDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CadreProfileDto)
  cadre?: CadreProfileDto;

  @ApiPropertyOptional({ type: LecturerProfileDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LecturerProfileDto)
  lecturer?: LecturerProfileDto;

  @ApiProperty({ type: [RoleGrantDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles!: RoleGrantDto[];
}

export class ListUsersQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}

export class MoveUserDto {
  @ApiProperty({ format: 'uuid', description: 'The open unit the person now belongs to' })
  @IsUUID()
  orgUnitId!: string;
}
