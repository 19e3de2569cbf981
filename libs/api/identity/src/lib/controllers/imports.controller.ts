import { CommonErrors, CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission, type ImportResult } from '@boiduong/shared-contracts';
import { Controller, Get, Header, HttpCode, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ImportCadresQuery } from '../dto/import.dto';
import { IdentityErrors } from '../identity.errors';
import { CadreImportService } from '../services/cadre-import.service';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports/cadres')
export class ImportsController {
  constructor(private readonly imports: CadreImportService) {}

  /** 200 with counts; 422 `IMPORT_INVALID` listing every bad row (nothing imported) unless `mode=valid-only`. */
  @Post()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @RequirePermissions(Permission.UserManage)
  async import(@CurrentPrincipal() principal: Principal, @Query() query: ImportCadresQuery, @Req() req: FastifyRequest): Promise<ImportResult> {
    if (!req.isMultipart()) throw CommonErrors.UNSUPPORTED_MEDIA_TYPE();
    const file = await req.file();
    if (!file) throw IdentityErrors.IMPORT_FILE_MISSING();
    return this.imports.import(principal, await file.toBuffer(), query.mode === 'valid-only');
  }

  @Get('template')
  @RequirePermissions(Permission.UserManage)
  @Header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('content-disposition', 'attachment; filename="mau-nhap-can-bo.xlsx"')
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await this.imports.template());
  }
}
