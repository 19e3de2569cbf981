import { CurrentPrincipal, Public, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission } from '@boiduong/shared-contracts';
import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { CatalogErrors } from '../catalog.errors';
import { ManagedCoursesQuery, SignedFileQuery } from '../dto/directory.dto';
import { StoredFile } from '../entities';
import { CourseDirectoryService } from '../services/course-directory.service';
import { FileLinks } from '../services/file-links';
import { ProgramsService } from '../services/programs.service';
import { FileStorage } from '../storage/file-storage';
import { sendStoredFile } from '../storage/send-file';

/** What the learner and organiser screens browse, and signed file addresses for media elements. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller()
export class DirectoryController {
  constructor(
    private readonly directory: CourseDirectoryService,
    private readonly programs: ProgramsService,
    private readonly links: FileLinks,
    private readonly storage: FileStorage,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Courses the caller may join by themselves, with their own enrollment status. */
  @Get('catalog/courses')
  @RequirePermissions(Permission.CourseStudy)
  catalog(@CurrentPrincipal() principal: Principal) {
    return this.directory.catalog(principal);
  }

  /** Courses the caller organises or teaches. */
  @Get('courses')
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  managed(@CurrentPrincipal() principal: Principal, @Query() query: ManagedCoursesQuery) {
    return this.directory.managed(principal, query.programId);
  }

  @Get('courses/:id/lecturers')
  lecturers(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.directory.lecturers(principal, id);
  }

  @Get('sessions/:id/attendance')
  @RequirePermissions(Permission.CourseManage, Permission.CourseTeach)
  attendance(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.directory.attendance(principal, id);
  }

  /** A signed address of a file the caller may read, for `<video>`, `<img>` and document links. */
  @Post('files/:id/link')
  @HttpCode(200)
  async link(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const file = await this.programs.visibleFile(principal, id);
    const { expires, signature } = this.links.sign(file.id);
    return {
      fileId: file.id,
      path: `/files/${file.id}/content?expires=${expires}&signature=${signature}`,
      expiresAt: new Date(expires * 1000).toISOString(),
      contentType: file.contentType,
      originalName: file.originalName,
      sizeBytes: Number(file.sizeBytes),
    };
  }

  /** Serves a file by its signed address (no token: media elements cannot send one); honours `Range`. */
  @Public()
  @Get('files/:id/content')
  @HttpCode(200)
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: SignedFileQuery,
    @Headers('range') range: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!this.links.verify(id, query.expires, query.signature)) throw CatalogErrors.FILE_NOT_FOUND();
    const file = await this.db.getRepository(StoredFile).findOneBy({ id });
    if (!file) throw CatalogErrors.FILE_NOT_FOUND();
    reply.header('cache-control', 'private, max-age=3600');
    await sendStoredFile(reply, this.storage, file, range);
  }
}
