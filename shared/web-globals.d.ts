/**
 * The web-platform globals shared/ may use, all of which Node (>= 20) and browsers both provide: Web Crypto,
 * TextEncoder/TextDecoder and URL. tsconfig.shared.json gives shared/ neither the DOM lib nor @types/node, so
 * anything not declared here (window, document, Buffer, process…) is a type error in shared/. Only that project
 * includes this file; in the renderer the same names come from the DOM lib, in the engine and the sandbox from
 * @types/node.
 *
 * Each declaration is a subset of lib.dom.d.ts with the same names and shapes, so code that type-checks against it
 * also type-checks against the full DOM and Node declarations. Add a member here when shared/ needs one.
 */

type BufferSource = ArrayBufferView<ArrayBuffer> | ArrayBuffer;
type KeyUsage = 'decrypt' | 'deriveBits' | 'deriveKey' | 'encrypt' | 'sign' | 'unwrapKey' | 'verify' | 'wrapKey';

interface Algorithm {
  name: string;
}

interface HmacImportParams extends Algorithm {
  hash: string | Algorithm;
  length?: number;
}

interface CryptoKey {
  readonly extractable: boolean;
  readonly type: 'private' | 'public' | 'secret';
  readonly usages: KeyUsage[];
}

interface SubtleCrypto {
  importKey(
    format: 'raw',
    keyData: BufferSource,
    algorithm: string | Algorithm | HmacImportParams,
    extractable: boolean,
    keyUsages: KeyUsage[],
  ): Promise<CryptoKey>;
  sign(algorithm: string | Algorithm, key: CryptoKey, data: BufferSource): Promise<ArrayBuffer>;
  verify(algorithm: string | Algorithm, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean>;
}

interface Crypto {
  readonly subtle: SubtleCrypto;
}

declare const crypto: Crypto;

interface TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare const TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};

interface TextDecoder {
  readonly encoding: string;
  decode(input?: ArrayBufferLike | ArrayBufferView<ArrayBufferLike>, options?: { stream?: boolean }): string;
}

declare const TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};

interface URL {
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  username: string;
  toString(): string;
  toJSON(): string;
}

declare const URL: {
  prototype: URL;
  new (url: string | URL, base?: string | URL): URL;
  canParse(url: string | URL, base?: string | URL): boolean;
};
