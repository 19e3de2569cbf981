import type { CheckInRequest, OpenCheckInRequest } from '@boiduong/shared-contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_CHECK_IN_MINUTES } from '../services/check-in.service';

export class OpenCheckInDto implements OpenCheckInRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CHECK_IN_MINUTES, default: 15, description: 'How long the window stays open from now' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CHECK_IN_MINUTES)
  minutes?: number;
}

export class CheckInDto implements CheckInRequest {
  // Any text up to the bound: a mistyped or truncated code gets CHECK_IN_TOKEN_INVALID, which says what to do.
  @ApiProperty({ description: 'The code from the QR shown in the room (the `t` of its address)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  token!: string;
}
