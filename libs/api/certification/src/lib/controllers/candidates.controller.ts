import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import {
  Permission,
  type CandidateDecisionResult,
  type CertificateCandidateView,
  type CertificateIssuerSettings,
  type IssuanceMode,
  type IssuerArtworkView,
} from '@boiduong/shared-contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApproveCandidatesDto, ArtworkParams, IssuerSettingsDto, ListCandidatesQuery, ProgramPolicyDto, RefuseCandidatesDto } from '../dto/certificate.dto';
import { ArtworkService } from '../services/artwork.service';
import { AutoIssuance } from '../services/auto-issuance.service';

/** The approval list: completed learners on their way to a certificate, decided in bulk. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates/candidates')
export class CandidatesController {
  constructor(private readonly auto: AutoIssuance) {}

  @Get()
  @RequirePermissions(Permission.CertificateIssue)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListCandidatesQuery): Promise<CertificateCandidateView[]> {
    return this.auto.list(principal, query);
  }

  @Post('approve')
  @HttpCode(200)
  @RequirePermissions(Permission.CertificateIssue)
  approve(@CurrentPrincipal() principal: Principal, @Body() dto: ApproveCandidatesDto): Promise<CandidateDecisionResult> {
    return this.auto.approve(principal, dto.ids);
  }

  @Post('refuse')
  @HttpCode(200)
  @RequirePermissions(Permission.CertificateIssue)
  refuse(@CurrentPrincipal() principal: Principal, @Body() dto: RefuseCandidatesDto): Promise<CandidateDecisionResult> {
    return this.auto.refuse(principal, dto.ids, dto.reason);
  }
}

/**
 * What issuing needs: each program's issuance mode, each issuing unit's signer, and the unit's
 * artwork (logo, signature, seal) printed on its next certificates.
 */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class IssuanceSettingsController {
  constructor(
    private readonly auto: AutoIssuance,
    private readonly artwork: ArtworkService,
  ) {}

  @Get('issuers/:unitId/artwork')
  @RequirePermissions(Permission.CertificateIssue)
  artworkOf(@CurrentPrincipal() principal: Principal, @Param('unitId', ParseUUIDPipe) unitId: string): Promise<IssuerArtworkView> {
    return this.artwork.view(principal, unitId);
  }

  /** Uploads (or replaces) one image, multipart field `file`: PNG or JPEG, at most 1 MiB. */
  @Put('issuers/:unitId/artwork/:kind')
  @ApiConsumes('multipart/form-data')
  @RequirePermissions(Permission.CertificateIssue)
  async uploadArtwork(@CurrentPrincipal() principal: Principal, @Param() params: ArtworkParams, @Req() req: FastifyRequest): Promise<IssuerArtworkView> {
    return this.artwork.upload(principal, params.unitId, params.kind, await req.file());
  }

  @Delete('issuers/:unitId/artwork/:kind')
  @RequirePermissions(Permission.CertificateIssue)
  removeArtwork(@CurrentPrincipal() principal: Principal, @Param() params: ArtworkParams): Promise<IssuerArtworkView> {
    return this.artwork.remove(principal, params.unitId, params.kind);
  }

  /** The current image itself, for the preview; revalidated by its content hash. */
  @Get('issuers/:unitId/artwork/:kind')
  @RequirePermissions(Permission.CertificateIssue)
  async artworkImage(
    @CurrentPrincipal() principal: Principal,
    @Param() params: ArtworkParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { view, bytes } = await this.artwork.image(principal, params.unitId, params.kind);
    void reply
      .header('content-type', view.contentType)
      .header('cache-control', 'private, no-cache')
      .header('etag', `"${view.sha256}"`)
      .header('x-content-type-options', 'nosniff');
    return bytes;
  }

  @Get('issuers/:unitId')
  @RequirePermissions(Permission.CertificateIssue)
  async issuer(@CurrentPrincipal() principal: Principal, @Param('unitId', ParseUUIDPipe) unitId: string): Promise<CertificateIssuerSettings | { unitId: string; signerName: null }> {
    return (await this.auto.issuerSettings(principal, unitId)) ?? { unitId, signerName: null };
  }

  @Put('issuers/:unitId')
  @RequirePermissions(Permission.CertificateIssue)
  setIssuer(@CurrentPrincipal() principal: Principal, @Param('unitId', ParseUUIDPipe) unitId: string, @Body() dto: IssuerSettingsDto): Promise<CertificateIssuerSettings> {
    return this.auto.setIssuerSettings(principal, unitId, dto);
  }

  @Get('programs/:programId/policy')
  @RequirePermissions(Permission.CertificateIssue)
  policy(@CurrentPrincipal() principal: Principal, @Param('programId', ParseUUIDPipe) programId: string): Promise<{ programId: string; issuanceMode: IssuanceMode }> {
    return this.auto.programPolicy(principal, programId);
  }

  @Put('programs/:programId/policy')
  @RequirePermissions(Permission.CertificateIssue)
  setPolicy(
    @CurrentPrincipal() principal: Principal,
    @Param('programId', ParseUUIDPipe) programId: string,
    @Body() dto: ProgramPolicyDto,
  ): Promise<{ programId: string; issuanceMode: IssuanceMode }> {
    return this.auto.setProgramPolicy(principal, programId, dto.issuanceMode);
  }
}
