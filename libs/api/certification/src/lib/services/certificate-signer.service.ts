import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as signBytes, type KeyObject } from 'node:crypto';
import { AppConfig } from '@boiduong/api-core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { CompactSign, compactVerify, exportJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { DataSource } from 'typeorm';
import { pdfSignatureMessage } from '../pdf/pdf-signature';
import { BoundedCache } from './bounded-cache';
import { canonicalJson } from './canonical';

const encoder = new TextEncoder();

type Check = { valid: boolean; reason?: 'unknown_key' | 'bad_signature' | 'fields_altered' };

/** Outcomes of signature checks kept at once: about 10,000 certificates' worth of SHA-256 keys. */
export const SIGNATURE_CHECK_CACHE_SIZE = 10_000;

/** Key id: the first 32 hex digits of the SHA-256 of the public key (SPKI DER). */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);
}

/**
 * Signs certificates with Ed25519 (JWS, alg EdDSA) and verifies them against every key that
 * ever signed, found by key id. In production the private key comes from CERT_SIGNING_KEY; in
 * development and tests one is generated once and kept in the database so restarts keep verifying.
 */
@Injectable()
export class CertificateSigner implements OnModuleInit {
  private privateKey?: KeyObject;
  private kid?: string;
  private readonly publicKeys = new Map<string, KeyObject>();
  /** Outcomes of checks already made, by the SHA-256 of the JWS and the canonical claims checked. */
  private readonly checks = new BoundedCache<string, Check>(SIGNATURE_CHECK_CACHE_SIZE);

  constructor(
    private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    // One-line values (`\n` for line breaks) are what .env files and compose pass through.
    const pem = this.config.env.CERT_SIGNING_KEY?.replace(/\\n/g, '\n');
    if (pem) {
      const privateKey = createPrivateKey(pem);
      if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('CERT_SIGNING_KEY must be an Ed25519 key');
      const publicKey = createPublicKey(privateKey);
      this.use(privateKey, publicKey);
      // The public half is recorded so certificates signed now still verify after the key rotates.
      await this.db.query(
        `INSERT INTO certificate_signing_keys (kid, public_key_pem, private_key_pem) VALUES ($1, $2, NULL) ON CONFLICT (kid) DO NOTHING`,
        [this.kid, publicKey.export({ type: 'spki', format: 'pem' }).toString()],
      );
      return;
    }
    if (this.config.env.NODE_ENV === 'production') throw new Error('CERT_SIGNING_KEY is required in production');
    await this.db.transaction(async (m) => {
      // One generated key however many processes boot at once.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('certificate_signing_keys.development'))`);
      const [row] = await m.query(
        `SELECT private_key_pem FROM certificate_signing_keys WHERE private_key_pem IS NOT NULL ORDER BY created_at LIMIT 1`,
      );
      if (row) {
        const privateKey = createPrivateKey(row.private_key_pem);
        this.use(privateKey, createPublicKey(privateKey));
        return;
      }
      const pair = generateKeyPairSync('ed25519');
      this.use(pair.privateKey, pair.publicKey);
      await m.query(`INSERT INTO certificate_signing_keys (kid, public_key_pem, private_key_pem) VALUES ($1, $2, $3)`, [
        this.kid,
        pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ]);
    });
  }

  private use(privateKey: KeyObject, publicKey: KeyObject): void {
    this.privateKey = privateKey;
    this.kid = keyId(publicKey);
    this.publicKeys.set(this.kid, publicKey);
  }

  /** Compact JWS over the canonical JSON of `claims`. */
  async sign(claims: object): Promise<{ kid: string; jws: string }> {
    if (!this.privateKey || !this.kid) throw new Error('Certificate signing key not loaded');
    const jws = await new CompactSign(encoder.encode(canonicalJson(claims)))
      .setProtectedHeader({ alg: 'EdDSA', kid: this.kid, typ: 'certificate+jws' })
      .sign(this.privateKey);
    return { kid: this.kid, jws };
  }

  /**
   * True when the signature is valid under the key it names and its payload equals the canonical
   * JSON of `claims`, i.e. none of the signed fields changed since issuance.
   */
  async verify(jws: string, claims: object): Promise<Check> {
    // The outcome depends only on these exact bytes and the key the JWS names (a key id is the hash
    // of its key, so it never means another key): the same bytes give the same answer, and any
    // change to a signed field or to the signature is a new key here, checked afresh.
    const expected = canonicalJson(claims);
    const cacheKey = createHash('sha256').update(jws).update('\n').update(expected).digest('base64url');
    const known = this.checks.get(cacheKey);
    if (known) return known;
    const check = await this.check(jws, expected);
    // An unknown key may be published later (another process's new key), so that answer is not kept.
    if (check.reason !== 'unknown_key') this.checks.set(cacheKey, check);
    return check;
  }

  private async check(jws: string, expected: string): Promise<Check> {
    let kid: unknown;
    try {
      kid = JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString('utf8')).kid;
    } catch {
      return { valid: false, reason: 'bad_signature' };
    }
    const key = typeof kid === 'string' ? await this.publicKey(kid) : undefined;
    if (!key) return { valid: false, reason: 'unknown_key' };
    try {
      const { payload } = await compactVerify(jws, key, { algorithms: ['EdDSA'] });
      return Buffer.from(payload).toString('utf8') === expected ? { valid: true } : { valid: false, reason: 'fields_altered' };
    } catch {
      return { valid: false, reason: 'bad_signature' };
    }
  }

  /** `<kid>.<signature>` over an unsigned certificate PDF (see pdf-signature.ts), for `applyPdfSignature`. */
  signPdf(unsigned: Buffer): string {
    if (!this.privateKey || !this.kid) throw new Error('Certificate signing key not loaded');
    return `${this.kid}.${signBytes(null, pdfSignatureMessage(unsigned), this.privateKey).toString('base64url')}`;
  }

  /** A JWT (EdDSA) over `payload`, with the given media type in `typ`: verifiable credentials and status lists. */
  async signJwt(payload: JWTPayload, typ: string): Promise<string> {
    if (!this.privateKey || !this.kid) throw new Error('Certificate signing key not loaded');
    return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: this.kid, typ }).sign(this.privateKey);
  }

  /** Every public key that ever signed, as a JWK set, so anyone can verify credentials offline. */
  async publishedKeys(): Promise<{ keys: JWK[] }> {
    const rows: Array<{ kid: string; public_key_pem: string }> = await this.db.query(
      `SELECT kid, public_key_pem FROM certificate_signing_keys ORDER BY created_at, kid`,
    );
    const keys = await Promise.all(rows.map(async (r) => ({ ...(await exportJWK(createPublicKey(r.public_key_pem))), kid: r.kid, alg: 'EdDSA', use: 'sig' })));
    return { keys };
  }

  /** The public key with this key id (current or rotated out), or undefined. */
  async publicKey(kid: string): Promise<KeyObject | undefined> {
    const cached = this.publicKeys.get(kid);
    if (cached) return cached;
    const [row] = await this.db.query(`SELECT public_key_pem FROM certificate_signing_keys WHERE kid = $1`, [kid]);
    if (!row) return undefined;
    const key = createPublicKey(row.public_key_pem);
    this.publicKeys.set(kid, key);
    return key;
  }
}
