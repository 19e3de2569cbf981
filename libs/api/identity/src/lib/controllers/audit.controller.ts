import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission, type AuditEntry } from '@boiduong/shared-contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListAuditQuery } from '../dto/audit.dto';
import { AuditService } from '../services/audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermissions(Permission.AuditRead)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAuditQuery): Promise<AuditEntry[]> {
    return this.audit.list(principal, query);
  }
}
