import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ImportModeQuery {
  @ApiPropertyOptional({ enum: ['all-or-nothing', 'valid-only'], default: 'all-or-nothing' })
  @IsOptional()
  @IsIn(['all-or-nothing', 'valid-only'])
  mode?: 'all-or-nothing' | 'valid-only';
}
