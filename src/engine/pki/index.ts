// The simulated PKI: real X.509/PKCS#10/PKCS#1 in DER and PEM, RSA-2048 with SHA-256, all
// synchronous. kubeadm's files, the CSR signer, the API server's authenticator, the openssl and
// kubeadm tools use this module rather than its parts.

export { sha256, toHex } from './sha256';
export { pemEncode, pemDecode, pemBlocks, bytesToBase64, base64ToBytes, base64Text, base64url, base64urlDecode, type PemBlock } from './pem';
export {
  parsePrivateKeyPem, parsePublicKeyPem, privateKeyPem, publicKeyPem, signPkcs1Sha256, verifyPkcs1Sha256, sameKey,
  type RsaPrivateKey, type RsaPublicKey,
} from './rsa';
export { formatName, buildNameFor, type DistinguishedName } from './names';
export {
  issueCertificate, parseCertificateDer, parseCertificatePem, verifySignedBy, verifyCertificate,
  type CertificateInfo, type CertificateSpec, type Signer, type KeyUsageName, type ExtKeyUsageName, type VerifyError,
} from './x509';
export { createCsr, parseCsrPem, parseCsrDer, signCsr, type CsrInfo, type SignOptions } from './csr';
export { signJwt, verifyJwt, keyIdOf, type JwtClaims } from './jwt';
export { keyFor, serialFor, poolKey } from './keys';
