import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { enoent, type ByteRange, type FileStorage } from './file-storage.js';

export type S3Settings = {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (http://host/bucket/key): MinIO, s3rver and most self-hosted stores need it. */
  forcePathStyle: boolean;
};

const missing = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/** Objects in one bucket of an S3-compatible store (AWS S3, 阿里云 OSS, 腾讯云 COS, MinIO). */
export class S3Storage implements FileStorage {
  /** The SDK is imported on first use (issue 12: it was a sixth of the server's start; most installs store locally). */
  private readonly sdk = import('@aws-sdk/client-s3');
  private readonly client: Promise<S3Client>;

  constructor(private readonly s: S3Settings) {
    // Checksums only where S3 requires them: several S3-compatible stores reject the SDK's default
    // streaming checksum trailers (aws-chunked uploads).
    const config: S3ClientConfig = {
      region: s.region,
      forcePathStyle: s.forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (s.endpoint) config.endpoint = s.endpoint;
    if (s.accessKeyId && s.secretAccessKey) config.credentials = { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey };
    this.client = this.sdk.then((m) => new m.S3Client(config));
  }

  async put(key: string, data: Buffer): Promise<void> {
    await (await this.client).send(new (await this.sdk).PutObjectCommand({ Bucket: this.s.bucket, Key: key, Body: data, ContentLength: data.length }));
  }

  async putFile(key: string, localPath: string, size: number): Promise<void> {
    await (
      await this.client
    ).send(new (await this.sdk).PutObjectCommand({ Bucket: this.s.bucket, Key: key, Body: createReadStream(localPath), ContentLength: size }));
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const out = await (
        await this.client
      ).send(new (await this.sdk).GetObjectCommand({ Bucket: this.s.bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
      return out.Body as Readable;
    } catch (err) {
      if (missing(err)) throw enoent(key);
      throw err;
    }
  }

  async stat(key: string): Promise<{ size: number }> {
    try {
      const out = await (await this.client).send(new (await this.sdk).HeadObjectCommand({ Bucket: this.s.bucket, Key: key }));
      return { size: Number(out.ContentLength ?? 0) };
    } catch (err) {
      if (missing(err)) throw enoent(key);
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await (await this.client).send(new (await this.sdk).DeleteObjectCommand({ Bucket: this.s.bucket, Key: key }));
  }

  /** Nest calls this on shutdown (the provider is this instance): close the client's sockets. */
  async onModuleDestroy(): Promise<void> {
    (await this.client).destroy();
  }
}
