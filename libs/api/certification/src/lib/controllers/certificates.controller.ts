import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission, type CertificateEntry } from '@boiduong/shared-contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CompletionNoticeDto, IssueCertificateDto, ListBookQuery, RevokeCertificateDto } from '../dto/certificate.dto';
import { bookPdf, bookWorkbook } from '../services/book-export';
import { CertificatesService } from '../services/certificates.service';
import { CredentialsService, type SignedCredential } from '../services/credentials.service';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly credentials: CredentialsService,
  ) {}

  @Post()
  @RequirePermissions(Permission.CertificateIssue)
  async issue(@CurrentPrincipal() principal: Principal, @Body() dto: IssueCertificateDto): Promise<CertificateEntry> {
    const issued = await this.certificates.issue(principal, dto);
    await this.certificates.pdf(issued);
    return this.certificates.toEntry(issued);
  }

  @Get()
  @RequirePermissions(Permission.CertificateIssue)
  async book(@CurrentPrincipal() principal: Principal, @Query() query: ListBookQuery): Promise<CertificateEntry[]> {
    return (await this.certificates.book(principal, query.issuerId, query.year)).map((c) => this.certificates.toEntry(c));
  }

  @Get('book.xlsx')
  @RequirePermissions(Permission.CertificateIssue)
  async bookXlsx(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListBookQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { issuerName, entries } = await this.certificates.bookWithIssuer(principal, query.issuerId, query.year);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="so-cap-chung-chi-${query.year}.xlsx"`);
    return bookWorkbook(issuerName, query.year, entries);
  }

  @Get('book.pdf')
  @RequirePermissions(Permission.CertificateIssue)
  async bookPdf(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListBookQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { issuerName, entries } = await this.certificates.bookWithIssuer(principal, query.issuerId, query.year);
    void reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="so-cap-chung-chi-${query.year}.pdf"`);
    return bookPdf(issuerName, query.year, entries);
  }

  /** Issuer admins and the holder; anyone else gets a 404. */
  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<CertificateEntry> {
    return this.certificates.toEntry(await this.certificates.getVisible(principal, id));
  }

  @Get(':id/pdf')
  async pdf(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const c = await this.certificates.getVisible(principal, id);
    const pdf = await this.certificates.pdf(c);
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${c.serialNumber}.pdf"`);
    return pdf;
  }

  /** The Open Badges 3.0 verifiable credential, `{ jwt, credential }`, as a download. */
  @Get(':id/credential')
  async credential(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignedCredential> {
    const c = await this.certificates.getVisible(principal, id);
    void reply.header('content-disposition', `attachment; filename="${c.serialNumber}.credential.json"`);
    return this.credentials.credentialOf(c);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermissions(Permission.CertificateIssue)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RevokeCertificateDto,
  ): Promise<CertificateEntry> {
    return this.certificates.toEntry(await this.certificates.revoke(principal, id, dto));
  }

  @Post(':id/completion-notice')
  @HttpCode(200)
  @RequirePermissions(Permission.CertificateIssue)
  async completionNotice(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CompletionNoticeDto,
  ): Promise<CertificateEntry> {
    return this.certificates.toEntry(await this.certificates.recordCompletionNotice(principal, id, dto));
  }
}
