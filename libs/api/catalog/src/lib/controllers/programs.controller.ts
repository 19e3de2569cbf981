import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CreateLessonDto, CreateModuleDto, CreateProgramDto, ListProgramsQuery, UploadFileQuery } from '../dto/program.dto';
import { ProgramsService } from '../services/programs.service';
import { FileStorage } from '../storage/file-storage';
import { sendStoredFile } from '../storage/send-file';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly storage: FileStorage,
  ) {}

  @Post('programs')
  @RequirePermissions(Permission.ProgramManage)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateProgramDto) {
    return this.programs.create(principal, dto);
  }

  /** Every signed-in user: central programs, and those of the units around their grants. */
  @Get('programs')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListProgramsQuery) {
    return this.programs.list(principal, query);
  }

  @Get('programs/:id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.programs.get(principal, id);
  }

  @Post('programs/:id/modules')
  @RequirePermissions(Permission.ProgramManage)
  addModule(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateModuleDto) {
    return this.programs.addModule(principal, id, dto);
  }

  @Post('modules/:id/lessons')
  @RequirePermissions(Permission.ProgramManage)
  addLesson(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateLessonDto) {
    return this.programs.addLesson(principal, id, dto);
  }

  @Post('files')
  @ApiConsumes('multipart/form-data')
  @RequirePermissions(Permission.ProgramManage)
  async upload(@CurrentPrincipal() principal: Principal, @Query() query: UploadFileQuery, @Req() req: FastifyRequest) {
    return this.programs.upload(principal, query.ownerOrgUnitId, await req.file());
  }

  /** Downloads a file; honours a single `Range` so videos can seek. */
  @Get('files/:id')
  @HttpCode(200)
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('range') range: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendStoredFile(reply, this.storage, await this.programs.visibleFile(principal, id), range);
  }
}
