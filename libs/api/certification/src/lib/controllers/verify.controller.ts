import { Public } from '@boiduong/api-core';
import type { CertificateVerification } from '@boiduong/shared-contracts';
import { Controller, Get, Headers, Ip, Param, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { viDate } from '../pdf/printed-fields';
import { CertificatesService } from '../services/certificates.service';
import { VerifyRateLimit } from '../services/verify-rate-limit';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const REASON_VI: Record<string, string> = {
  fraud: 'Gian lận',
  ineligible: 'Cấp cho người không đủ điều kiện',
  outside_authority: 'Cấp không đúng thẩm quyền',
  altered: 'Bị tẩy xóa, sửa chữa',
  lent: 'Cho người khác sử dụng',
  issuer_error: 'Cơ quan cấp có sai sót',
};

/** HTML only when the client prefers it (a browser following the QR code); JSON otherwise. */
function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html >= 0 && (json < 0 || html < json);
}

function page(v: CertificateVerification): string {
  const row = (label: string, value: string | null | undefined) =>
    `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value ?? '')}</td></tr>`;
  const state = !v.signatureValid
    ? '<p class="bad">KHÔNG HỢP LỆ: dữ liệu chứng chỉ không khớp chữ ký số (có thể đã bị sửa đổi).</p>'
    : v.status === 'revoked' && v.revocation
      ? `<p class="bad">ĐÃ THU HỒI theo quyết định số ${escapeHtml(v.revocation.decisionNumber)} ngày ${viDate(v.revocation.decidedOn)}. Lý do: ${escapeHtml(REASON_VI[v.revocation.reason] ?? v.revocation.reason)}.</p>`
      : v.status === 'replaced'
        ? `<p class="bad">ĐÃ ĐƯỢC CẤP LẠI${v.replacedBy ? ` (chứng chỉ số hiệu ${escapeHtml(v.replacedBy.serialNumber)})` : ''}.</p>`
        : '<p class="ok">CHỨNG CHỈ HỢP LỆ</p>';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Xác thực chứng chỉ ${escapeHtml(v.serialNumber)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}th{text-align:left;padding-right:1rem;vertical-align:top}.ok{color:#176d2c;font-weight:700}.bad{color:#a11;font-weight:700}</style></head>
<body><h1>Xác thực chứng chỉ</h1>${state}<table>
${row('Tên chứng chỉ', v.certificateName)}${row('Cơ quan cấp', v.issuerName)}${row('Họ và tên', v.holderName)}
${row('Ngày sinh', v.holderDateOfBirth ? viDate(v.holderDateOfBirth) : '')}${row('Chương trình', v.programName)}
${row('Thời gian', `${viDate(v.courseStartsOn)} - ${viDate(v.courseEndsOn)}`)}${row('Kết quả', v.result)}
${row('Nơi, ngày cấp', `${v.issuedPlace}, ${viDate(v.issuedOn)}`)}${row('Người ký', `${v.signerName} - ${v.signerTitle}`)}
${row('Số hiệu', v.serialNumber)}${row('Số vào sổ', `${v.entryNumber}/${v.year}`)}
${v.completionNotice ? row('Giấy chứng nhận hoàn thành (thay chứng chỉ bị mất)', `${v.completionNotice.number}, ${viDate(v.completionNotice.issuedOn)}`) : ''}
${v.responsibleBody.issuerClosed ? row('Đơn vị chịu trách nhiệm hiện nay', v.responsibleBody.name) : ''}
</table></body></html>`;
}

/** The page the QR code on every certificate opens; no login. */
@ApiTags('verify')
@Controller({ path: 'verify', version: VERSION_NEUTRAL })
export class VerifyController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly rate: VerifyRateLimit,
  ) {}

  @Public()
  @Get(':code')
  async verify(
    @Param('code') code: string,
    @Headers('accept') accept: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CertificateVerification | string> {
    await this.rate.hit(ip);
    const result = await this.certificates.verify(code);
    void reply.header('cache-control', 'no-store').header('vary', 'Accept');
    if (!prefersHtml(accept)) return result;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return page(result);
  }
}

/** The same verification as JSON under the api prefix, for machines (`GET /api/v1/public/certificates/:code`). */
@ApiTags('verify')
@Controller('public/certificates')
export class PublicCertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly rate: VerifyRateLimit,
  ) {}

  @Public()
  @Get(':code')
  async verify(@Param('code') code: string, @Ip() ip: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CertificateVerification> {
    await this.rate.hit(ip);
    void reply.header('cache-control', 'no-store');
    return this.certificates.verify(code);
  }
}
