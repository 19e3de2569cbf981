import { CommonErrors, CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission, type ImportResult } from '@boiduong/shared-contracts';
import { Controller, Get, Header, HttpCode, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ImportModeQuery } from '../dto/import.dto';
import { IdentityErrors } from '../identity.errors';
import { CadreImportService } from '../services/cadre-import.service';
import { OrgUnitImportService } from '../services/org-unit-import.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The uploaded file of a multipart request. */
async function uploaded(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw CommonErrors.UNSUPPORTED_MEDIA_TYPE();
  const file = await req.file();
  if (!file) throw IdentityErrors.IMPORT_FILE_MISSING();
  return file.toBuffer();
}

/** Bulk imports: 200 with counts; 422 `IMPORT_INVALID` listing every bad row (nothing imported) unless `mode=valid-only`. */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly cadres: CadreImportService,
    private readonly orgUnits: OrgUnitImportService,
  ) {}

  @Post('cadres')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @RequirePermissions(Permission.UserManage)
  async importCadres(@CurrentPrincipal() principal: Principal, @Query() query: ImportModeQuery, @Req() req: FastifyRequest): Promise<ImportResult> {
    return this.cadres.import(principal, await uploaded(req), query.mode === 'valid-only');
  }

  @Get('cadres/template')
  @RequirePermissions(Permission.UserManage)
  @Header('content-type', XLSX)
  @Header('content-disposition', 'attachment; filename="mau-nhap-can-bo.xlsx"')
  async cadreTemplate(): Promise<StreamableFile> {
    return new StreamableFile(await this.cadres.template());
  }

  @Post('org-units')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @RequirePermissions(Permission.OrgUnitManage)
  async importOrgUnits(@CurrentPrincipal() principal: Principal, @Query() query: ImportModeQuery, @Req() req: FastifyRequest): Promise<ImportResult> {
    return this.orgUnits.import(principal, await uploaded(req), query.mode === 'valid-only');
  }

  @Get('org-units/template')
  @RequirePermissions(Permission.OrgUnitManage)
  @Header('content-type', XLSX)
  @Header('content-disposition', 'attachment; filename="mau-nhap-don-vi.xlsx"')
  async orgUnitTemplate(): Promise<StreamableFile> {
    return new StreamableFile(await this.orgUnits.template());
  }
}
