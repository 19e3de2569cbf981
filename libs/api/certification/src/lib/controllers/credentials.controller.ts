import { CurrentPrincipal, Public, type Principal } from '@boiduong/api-core';
import { type CertificateEntry, type CredentialVerification, type TitleEligibility, type TitleEligibilityBatch } from '@boiduong/shared-contracts';
import { Body, Controller, Get, Headers, HttpCode, Ip, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EligibilityCheckDto, EligibilityQuery, VerifyCredentialDto } from '../dto/certificate.dto';
import { CertificatesService } from '../services/certificates.service';
import { CredentialsService, type SignedCredential } from '../services/credentials.service';
import { EligibilityService } from '../services/eligibility.service';
import { VerifyRateLimit } from '../services/verify-rate-limit';

/** The compact JWT when the client asks for it (`Accept: application/vc+jwt`), else `{ jwt, credential }`. */
function wantsJwt(accept: string | undefined): boolean {
  return !!accept && /application\/(vc\+jwt|jwt)/.test(accept);
}

/**
 * Verifiable credentials without login: the credential by its certificate code, the status lists,
 * the issuer profiles, the public keys, and verification of a presented credential.
 */
@ApiTags('credentials')
@Controller('public/credentials')
export class PublicCredentialsController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly rate: VerifyRateLimit,
  ) {}

  @Public()
  @Get('keys')
  keys() {
    return this.credentials.publishedKeys();
  }

  @Public()
  @Get('issuers/:id')
  issuer(@Param('id', ParseUUIDPipe) id: string) {
    return this.credentials.issuerProfile(id);
  }

  /** The Bitstring Status List; never cached, so a revocation is visible at once. */
  @Public()
  @Get('status/:list')
  async statusList(
    @Param('list', ParseIntPipe) list: number,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignedCredential | string> {
    const signed = await this.credentials.statusList(list);
    void reply.header('cache-control', 'no-store').header('vary', 'Accept');
    if (!wantsJwt(accept)) return signed;
    void reply.header('content-type', 'application/vc+jwt');
    return signed.jwt;
  }

  @Public()
  @Post('verify')
  @HttpCode(200)
  verify(@Body() dto: VerifyCredentialDto): Promise<CredentialVerification> {
    return this.credentials.verify(dto.credential.trim());
  }

  @Public()
  @Get(':code')
  async credential(
    @Param('code') code: string,
    @Headers('accept') accept: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SignedCredential | string> {
    // Looked up by code like the verify page: counted with it.
    await this.rate.hit(ip);
    const signed = await this.credentials.byCode(code);
    void reply.header('vary', 'Accept');
    if (!wantsJwt(accept)) return signed;
    void reply.header('content-type', 'application/vc+jwt');
    return signed.jwt;
  }
}

/** The signed-in holder's own certificates, for "my certificates". */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('me/certificates')
export class MyCertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get()
  async mine(@CurrentPrincipal() principal: Principal): Promise<CertificateEntry[]> {
    return (await this.certificates.ofHolder(principal.userId)).map((c) => this.certificates.toEntry(c));
  }
}

/** "May this cadre be nominated for title T on date D?" */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('eligibility')
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  @Get()
  check(@CurrentPrincipal() principal: Principal, @Query() query: EligibilityQuery): Promise<TitleEligibility> {
    return this.eligibility.forCadre(principal, query.userId, query.title, query.on);
  }

  /** A nomination list at once; cadres out of the caller's reach are listed as not found, never an error. */
  @Post('check')
  @HttpCode(200)
  checkMany(@CurrentPrincipal() principal: Principal, @Body() body: EligibilityCheckDto): Promise<TitleEligibilityBatch> {
    return this.eligibility.forCadres(principal, body.userIds, body.title, body.on);
  }
}
