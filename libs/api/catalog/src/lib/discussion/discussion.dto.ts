import {
  DISCUSSION_LIMITS,
  DISCUSSION_QUEUE_FILTERS,
  type AcceptAnswerRequest,
  type AnswerQuestionRequest,
  type AskQuestionRequest,
  type DiscussionQueueFilter,
  type EditDiscussionPostRequest,
  type HideDiscussionPostRequest,
  type ReportDiscussionPostRequest,
} from '@boiduong/shared-contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';

/** Raw HTML may carry markup around the text; the text limit itself is checked after sanitizing (422). */
const RAW_BODY_MAX = 50_000;

export class AskQuestionDto implements AskQuestionRequest {
  @ApiProperty({ maxLength: DISCUSSION_LIMITS.titleMax })
  @IsString()
  @Length(1, DISCUSSION_LIMITS.titleMax)
  title!: string;

  @ApiProperty({ description: 'Rich text; scripts and unknown markup are stripped, at most 10,000 characters of text' })
  @IsString()
  @MaxLength(RAW_BODY_MAX)
  bodyHtml!: string;
}

export class AnswerQuestionDto implements AnswerQuestionRequest {
  @ApiProperty({ description: 'Rich text; scripts and unknown markup are stripped, at most 10,000 characters of text' })
  @IsString()
  @MaxLength(RAW_BODY_MAX)
  bodyHtml!: string;
}

export class EditDiscussionPostDto implements EditDiscussionPostRequest {
  @ApiPropertyOptional({ description: 'Questions only', maxLength: DISCUSSION_LIMITS.titleMax })
  @IsOptional()
  @IsString()
  @Length(1, DISCUSSION_LIMITS.titleMax)
  title?: string;

  @ApiProperty()
  @IsString()
  @MaxLength(RAW_BODY_MAX)
  bodyHtml!: string;
}

export class AcceptAnswerDto implements AcceptAnswerRequest {
  @ApiProperty({ format: 'uuid', description: 'An answer of this question; replaces the one accepted before' })
  @IsUUID()
  answerId!: string;
}

export class ReportDiscussionPostDto implements ReportDiscussionPostRequest {
  @ApiPropertyOptional({ maxLength: DISCUSSION_LIMITS.reasonMax })
  @IsOptional()
  @IsString()
  @MaxLength(DISCUSSION_LIMITS.reasonMax)
  reason?: string;
}

export class HideDiscussionPostDto implements HideDiscussionPostRequest {
  @ApiProperty({ maxLength: DISCUSSION_LIMITS.reasonMax, description: 'Shown to the other moderators' })
  @IsString()
  @Length(1, DISCUSSION_LIMITS.reasonMax)
  reason!: string;
}

export class DiscussionPageQuery {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: DISCUSSION_LIMITS.pageSize, maximum: DISCUSSION_LIMITS.pageSizeMax })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(DISCUSSION_LIMITS.pageSizeMax)
  limit?: number;
}

export class ModerationQueueQuery extends DiscussionPageQuery {
  @ApiPropertyOptional({ enum: DISCUSSION_QUEUE_FILTERS, default: 'reported' })
  @IsOptional()
  @IsIn(DISCUSSION_QUEUE_FILTERS)
  filter?: DiscussionQueueFilter;
}
