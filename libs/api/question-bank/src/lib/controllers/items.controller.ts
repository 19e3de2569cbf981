import { CommonErrors, CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission, type ImportReport, type ItemSummary, type ItemVersionView, type ItemWriteResult, type ReviewComment } from '@boiduong/shared-contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CommentDto, CreateItemDto, ExportQuery, ImportQuery, ItemFilterQuery, RejectDto, ReviewActionDto, UpdateItemDto } from '../dto/item.dto';
import { ImportService } from '../services/import.service';
import { ItemsService } from '../services/items.service';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items')
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    private readonly imports: ImportService,
  ) {}

  /**
   * Body: a multipart file, or the file itself as text/plain (text formats), or JSON
   * `{ "content": "..." }` (text formats; base64 for xlsx).
   */
  @Post('import')
  @HttpCode(200)
  @RequirePermissions(Permission.ItemAuthor)
  async import(@CurrentPrincipal() principal: Principal, @Query() query: ImportQuery, @Req() req: FastifyRequest): Promise<ImportReport> {
    let data: Buffer | string;
    if (req.isMultipart()) {
      const file = await req.file();
      if (!file) throw CommonErrors.VALIDATION_FAILED({ fields: [{ field: 'file', message: 'a file is required' }] });
      data = await file.toBuffer();
    } else if (typeof req.body === 'string') {
      data = req.body;
    } else if (req.body && typeof (req.body as { content?: unknown }).content === 'string') {
      data = (req.body as { content: string }).content;
    } else {
      throw CommonErrors.UNSUPPORTED_MEDIA_TYPE();
    }
    return this.imports.importFile(principal, query.format, data, { mode: query.mode, dryRun: query.dryRun, ownerOrgUnitId: query.ownerOrgUnitId });
  }

  @Get('export')
  @RequirePermissions(Permission.ItemAuthor, Permission.ItemReview)
  async export(@CurrentPrincipal() principal: Principal, @Query() query: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | Buffer> {
    const { format, ...filters } = query;
    const body = await this.imports.exportFile(principal, format, filters);
    const [type, ext] = format === 'gift' ? ['text/plain; charset=utf-8', 'gift.txt'] : format === 'qti' ? ['application/zip', 'qti.zip'] : ['application/xml; charset=utf-8', 'xml'];
    void reply.header('content-type', type).header('content-disposition', `attachment; filename="items.${ext}"`);
    return body;
  }

  @Post()
  @RequirePermissions(Permission.ItemAuthor)
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateItemDto): Promise<ItemWriteResult> {
    return this.items.create(principal, dto);
  }

  @Get()
  @RequirePermissions(Permission.ItemAuthor, Permission.ItemReview)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ItemFilterQuery): Promise<ItemSummary[]> {
    return this.items.search(principal, query);
  }

  @Get(':id')
  @RequirePermissions(Permission.ItemAuthor, Permission.ItemReview)
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.items.get(principal, id);
  }

  @Patch(':id')
  @RequirePermissions(Permission.ItemAuthor)
  update(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateItemDto): Promise<ItemWriteResult> {
    return this.items.update(principal, id, dto);
  }

  @Get(':id/versions')
  @RequirePermissions(Permission.ItemAuthor, Permission.ItemReview)
  versions(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ItemVersionView[]> {
    return this.items.versions(principal, id);
  }

  @Post(':id/submit-review')
  @HttpCode(200)
  @RequirePermissions(Permission.ItemAuthor)
  submit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewActionDto): Promise<ItemWriteResult> {
    return this.items.submitForReview(principal, id, dto.comment);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermissions(Permission.ItemReview)
  approve(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewActionDto): Promise<ItemWriteResult> {
    return this.items.approve(principal, id, dto.comment);
  }

  /** in_review -> draft; the comment (required) tells the author what to change. */
  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermissions(Permission.ItemReview)
  reject(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RejectDto): Promise<ItemWriteResult> {
    return this.items.reject(principal, id, dto.comment);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @RequirePermissions(Permission.ItemReview)
  retire(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReviewActionDto): Promise<ItemWriteResult> {
    return this.items.retire(principal, id, dto.comment);
  }

  @Post(':id/comments')
  @RequirePermissions(Permission.ItemAuthor, Permission.ItemReview)
  comment(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CommentDto): Promise<ReviewComment> {
    return this.items.addComment(principal, id, dto.body);
  }

  @Get(':id/comments')
  @RequirePermissions(Permission.ItemAuthor, Permission.ItemReview)
  comments(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ReviewComment[]> {
    return this.items.comments(principal, id);
  }
}
