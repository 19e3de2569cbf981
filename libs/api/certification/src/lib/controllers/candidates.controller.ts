import { CurrentPrincipal, RequirePermissions, type Principal } from '@boiduong/api-core';
import { Permission, type CandidateDecisionResult, type CertificateCandidateView, type CertificateIssuerSettings, type IssuanceMode } from '@boiduong/shared-contracts';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApproveCandidatesDto, IssuerSettingsDto, ListCandidatesQuery, ProgramPolicyDto, RefuseCandidatesDto } from '../dto/certificate.dto';
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

/** What automatic issuance needs: each program's issuance mode and each issuing unit's signer. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class IssuanceSettingsController {
  constructor(private readonly auto: AutoIssuance) {}

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
