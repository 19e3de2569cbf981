import {
  ARTWORK_KINDS,
  CANDIDATE_STATUSES,
  ELIGIBILITY_BATCH_MAX,
  ISSUANCE_MODES,
  REVOCATION_REASONS,
  TITLES,
  type ArtworkKind,
  type CandidateStatus,
  type IssuanceMode,
  type RevocationReason,
  type TitleCode,
} from '@boiduong/shared-contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { IssueCertificateInput } from '../services/issuance';

// Calendar dates only (no time): what certificates print.
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = (field: string) => `${field} must be a date YYYY-MM-DD`;

export class LearnerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ example: 'Nguyễn Thị Ánh Tuyết' })
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  fullName!: string;

  @ApiProperty({ nullable: true, example: '1998-03-07' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE('dateOfBirth') })
  @IsDateString({ strict: true })
  dateOfBirth!: string | null;
}

export class ProgramDto {
  @ApiProperty({ example: 'BT-XA' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code!: string;

  @ApiProperty({ example: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  name!: string;

  @ApiPropertyOptional({ example: 'CHỨNG CHỈ BỒI DƯỠNG' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  certificateName?: string;

  @ApiPropertyOptional({ enum: TITLES, isArray: true, description: 'Titles (chức danh) the program qualifies its holder for' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TITLES.length)
  @IsIn(TITLES, { each: true })
  titles?: TitleCode[];
}

export class CourseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;

  @ApiProperty({ example: '2026-03-02' })
  @Matches(DATE, { message: DATE_MESSAGE('startsOn') })
  @IsDateString({ strict: true })
  startsOn!: string;

  @ApiProperty({ example: '2026-03-11' })
  @Matches(DATE, { message: DATE_MESSAGE('endsOn') })
  @IsDateString({ strict: true })
  endsOn!: string;
}

export class AssessmentResultDto {
  @ApiProperty({ example: 'final' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  code!: string;

  @ApiProperty()
  @IsBoolean()
  required!: boolean;

  @ApiProperty({ nullable: true, minimum: 0, maximum: 100, description: 'Score in percent; null when not taken' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  scorePercent!: number | null;
}

export class CompletionDto {
  @ApiProperty({ nullable: true, minimum: 0, maximum: 1, description: 'Attended share of the program; null when not recorded' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  attendanceShare!: number | null;

  @ApiProperty({ type: [AssessmentResultDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AssessmentResultDto)
  assessments!: AssessmentResultDto[];

  @ApiProperty({ description: 'False when the learner has an open misconduct record' })
  @IsBoolean()
  rulesKept!: boolean;
}

export class SignerDto {
  @ApiProperty({ example: 'Trần Quốc Việt' })
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  name!: string;

  @ApiProperty({ example: 'PHÓ BÍ THƯ THÀNH ĐOÀN' })
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  title!: string;
}

export class ReissueDto {
  @ApiProperty({ format: 'uuid', description: 'The live certificate this one replaces' })
  @IsUUID()
  ofCertificateId!: string;

  @ApiProperty({ description: "The issuer's error being corrected" })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note!: string;
}

export class IssueCertificateDto implements IssueCertificateInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  issuerUnitId!: string;

  @ApiProperty({ type: LearnerDto })
  @ValidateNested()
  @Type(() => LearnerDto)
  learner!: LearnerDto;

  @ApiProperty({ type: ProgramDto })
  @ValidateNested()
  @Type(() => ProgramDto)
  program!: ProgramDto;

  @ApiProperty({ type: CourseDto })
  @ValidateNested()
  @Type(() => CourseDto)
  course!: CourseDto;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  enrollmentId?: string | null;

  @ApiPropertyOptional({ example: 'Đạt (8,5 điểm)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  result?: string | null;

  @ApiProperty({ type: CompletionDto })
  @ValidateNested()
  @Type(() => CompletionDto)
  completion!: CompletionDto;

  @ApiProperty({ type: SignerDto })
  @ValidateNested()
  @Type(() => SignerDto)
  signer!: SignerDto;

  @ApiProperty({ example: 'Hà Nội' })
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  issuedPlace!: string;

  @ApiPropertyOptional({ example: '2026-03-20', description: 'Defaults to today (Vietnam)' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE('issuedOn') })
  @IsDateString({ strict: true })
  issuedOn?: string;

  @ApiPropertyOptional({ type: ReissueDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReissueDto)
  reissue?: ReissueDto;
}

export class ListBookQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  issuerId!: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2999)
  year!: number;
}

export class RevokeCertificateDto {
  @ApiProperty({ enum: REVOCATION_REASONS })
  @IsIn(REVOCATION_REASONS)
  reason!: RevocationReason;

  /** Optional in the schema so that a missing number is the domain's 422, as the circular requires it. */
  @ApiProperty({ example: '125/QĐ-TĐTN' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  decisionNumber?: string;

  @ApiProperty({ example: '2026-04-01' })
  @Matches(DATE, { message: DATE_MESSAGE('decidedOn') })
  @IsDateString({ strict: true })
  decidedOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CompletionNoticeDto {
  @ApiProperty({ example: '17/GCN-TĐTN' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  noticeNumber!: string;

  @ApiProperty({ example: '2026-05-01' })
  @Matches(DATE, { message: DATE_MESSAGE('issuedOn') })
  @IsDateString({ strict: true })
  issuedOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class EligibilityQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId!: string;

  @ApiProperty({ enum: TITLES })
  @IsIn(TITLES)
  title!: TitleCode;

  @ApiPropertyOptional({ example: '2026-06-01', description: 'Date of the nomination; defaults to today (Vietnam)' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE('on') })
  @IsDateString({ strict: true })
  on?: string;
}

export class VerifyCredentialDto {
  @ApiProperty({ description: 'The credential as a compact JWT (vc+jwt)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100_000)
  credential!: string;
}

export class ListCandidatesQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  courseId?: string;

  @ApiPropertyOptional({ enum: CANDIDATE_STATUSES })
  @IsOptional()
  @IsIn(CANDIDATE_STATUSES)
  status?: CandidateStatus;
}

export class EligibilityCheckDto {
  @ApiProperty({ enum: TITLES })
  @IsIn(TITLES)
  title!: TitleCode;

  @ApiPropertyOptional({ example: '2026-06-01', description: 'Date of the nomination; defaults to today (Vietnam)' })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE('on') })
  @IsDateString({ strict: true })
  on?: string;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: ELIGIBILITY_BATCH_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ELIGIBILITY_BATCH_MAX)
  @IsUUID('all', { each: true })
  userIds!: string[];
}

export class ApproveCandidatesDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids!: string[];
}

export class RefuseCandidatesDto extends ApproveCandidatesDto {
  @ApiProperty({ example: 'Chưa nộp thu hoạch cuối khóa' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason!: string;
}

export class IssuerSettingsDto {
  @ApiProperty({ example: 'Trần Quốc Việt' })
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  signerName!: string;

  @ApiProperty({ example: 'PHÓ BÍ THƯ THÀNH ĐOÀN' })
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  signerTitle!: string;

  @ApiProperty({ example: 'Hà Nội' })
  @IsString()
  @MinLength(2)
  @MaxLength(255)
  issuedPlace!: string;
}

/** `/certificates/issuers/:unitId/artwork/:kind`. */
export class ArtworkParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  unitId!: string;

  @ApiProperty({ enum: ARTWORK_KINDS })
  @IsIn(ARTWORK_KINDS)
  kind!: ArtworkKind;
}

export class ProgramPolicyDto {
  @ApiProperty({ enum: ISSUANCE_MODES })
  @IsIn(ISSUANCE_MODES)
  issuanceMode!: IssuanceMode;
}
