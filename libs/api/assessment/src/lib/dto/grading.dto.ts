import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

export class GradeResponseDto {
  @ApiProperty({ type: [Number], description: 'One score per rubric criterion, in rubric order (0 to the criterion points)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  scores!: number[];

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;

  @ApiProperty({ description: 'The revision the grader saw (0 when ungraded); a newer one on the server is a 409' })
  @IsInt()
  @Min(0)
  revision!: number;
}

/** What the player reports; a takeover is recorded by the server itself. */
export const CLIENT_PROCTOR_EVENTS = ['focus_lost', 'focus_regained', 'hidden', 'visible', 'fullscreen_exit', 'offline', 'reconnected'] as const;
export type ClientProctorEvent = (typeof CLIENT_PROCTOR_EVENTS)[number];
/** At most this many events per request. */
export const PROCTOR_BATCH_MAX = 50;

export class ProctorEventDto {
  @ApiProperty({ description: 'The client’s own id of the event (8-64 of A-Z a-z 0-9 _ -): a resend is recorded once' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  id!: string;

  @ApiProperty({ enum: CLIENT_PROCTOR_EVENTS })
  @IsIn(CLIENT_PROCTOR_EVENTS)
  kind!: ClientProctorEvent;

  @ApiProperty({ description: 'When it happened on the device (ISO 8601)' })
  @IsISO8601({ strict: true })
  at!: string;

  @ApiPropertyOptional({ description: 'A small object (at most 1 KiB as JSON)' })
  @IsOptional()
  @IsObject()
  details?: Record<string, unknown>;
}

export class ProctorEventsDto {
  @ApiProperty({ type: [ProctorEventDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROCTOR_BATCH_MAX)
  @ValidateNested({ each: true })
  @Type(() => ProctorEventDto)
  events!: ProctorEventDto[];
}

export class RegradeRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The item whose key was corrected; its approved version is the new key' })
  @IsUUID()
  itemId!: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}
