import { describe, expect, it } from 'vitest';
import { createRequest, parseRequest, requestPem, requestSignatureOk } from './cert';
import { generateRsaKey, keyBits, parsePrivateKey, privateKeyPem, publicKeyInfo } from './keys';
import { formatName, parseSubject } from './name';

describe('openssl keys and requests', () => {
  it('generates a 2048-bit key quickly and reads its PEM back', async () => {
    const t0 = performance.now();
    const key = await generateRsaKey(2048);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(3000);
    const pem = privateKeyPem(key);
    expect(pem.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
    expect(keyBits(parsePrivateKey(pem)?.rsa.modulus ?? new ArrayBuffer(0))).toBe(2048);
  });

  it('makes a CSR whose self-signature verifies, and detects tampering', async () => {
    const key = await generateRsaKey(2048);
    const csr = await createRequest(parseSubject('/CN=alice/O=dev'), publicKeyInfo(key), key);
    const back = parseRequest(requestPem(csr));
    expect(back && formatName(back.certificationRequestInfo.subject)).toBe('CN = alice, O = dev');
    expect(back && (await requestSignatureOk(back))).toBe(true);
    const other = await generateRsaKey(2048);
    const forged = await createRequest(parseSubject('/CN=mallory'), publicKeyInfo(other), key);
    expect(await requestSignatureOk(forged)).toBe(false);
  });
});
