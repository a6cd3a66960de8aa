import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { CARD_PHOTO_LIMITS } from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/domain-error.js';
import { readUpload } from '../common/upload.js';
import { sniffImageType } from '../storage/image-type.js';
import { StorageService } from '../storage/storage.service.js';
import { CardTokens } from './card-tokens.js';
import { CardErrors } from './card.errors.js';
import { CardRepository } from './card.repository.js';
import { CardService } from './card.service.js';

export type PhotoStream = { stream: Readable; contentType: string; sizeBytes: number };

/**
 * The member's own photo on the card (P1). Only the member sets or removes it; it is shown to the
 * member, to whoever reads members in the member's subtree (member.read — a secretary elsewhere gets
 * 403/404 like for the member record), and on the public verify page only while the scanned code
 * verifies (current or offline), through that code.
 */
@Injectable()
export class CardPhotoService {
  constructor(
    private readonly repo: CardRepository,
    private readonly cards: CardService,
    private readonly tokens: CardTokens,
    private readonly storage: StorageService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  private memberId(auth: AuthContext): string {
    if (!auth.memberId) throw CardErrors.notMember();
    return auth.memberId;
  }

  /** One image (multipart field `file`): type from its first bytes, at most CARD_PHOTO_LIMITS.maxBytes. */
  async upload(auth: AuthContext, req: FastifyRequest): Promise<{ photoUrl: string }> {
    const memberId = this.memberId(auth);
    const path = await this.access.requireMember(auth, 'member.read', memberId, true);
    const upload = await readUpload(req);
    if (upload.data.length > CARD_PHOTO_LIMITS.maxBytes) throw CardErrors.photoTooLarge(CARD_PHOTO_LIMITS.maxBytes / 1024 / 1024);
    const type = sniffImageType(upload.data);
    if (!type || !(CARD_PHOTO_LIMITS.contentTypes as readonly string[]).includes(type)) throw CardErrors.photoType();
    const fileId = await this.repo.transaction(async (tx) => {
      const file = await this.storage.store(
        { data: upload.data, contentType: type, originalName: upload.fileName, createdBy: auth.userId, prefix: 'member-photos' },
        tx,
      );
      const replaced = await this.repo.setPhoto(tx, memberId, file.id);
      await this.audit.record(
        auth,
        { action: 'card.photo.set', objectType: 'member', objectId: memberId, orgPath: path, details: { fileId: file.id, replaced } },
        tx,
      );
      return file.id;
    });
    return { photoUrl: `/api/v1/card/me/photo?v=${fileId.slice(0, 8)}` };
  }

  async remove(auth: AuthContext): Promise<void> {
    const memberId = this.memberId(auth);
    const path = await this.access.requireMember(auth, 'member.read', memberId, true);
    await this.repo.transaction(async (tx) => {
      const replaced = await this.repo.setPhoto(tx, memberId, null);
      await this.audit.record(auth, { action: 'card.photo.remove', objectType: 'member', objectId: memberId, orgPath: path, details: { replaced } }, tx);
    });
  }

  mine(auth: AuthContext): Promise<PhotoStream> {
    return this.open(this.memberId(auth));
  }

  /** A member's photo for those who read members of the member's subtree (their secretary). */
  async ofMember(auth: AuthContext, memberId: string): Promise<PhotoStream> {
    await this.access.requireMember(auth, 'member.read', memberId, true);
    return this.open(memberId);
  }

  /** Public: the photo of the card whose code was scanned, only while that code verifies (P1, P2). */
  async verified(t: string): Promise<PhotoStream> {
    const r = await this.cards.verify({ t });
    const token = r.card ? this.tokens.verify(t) : null;
    if (!token) throw notFound('照片');
    return this.open(token.memberId);
  }

  private async open(memberId: string): Promise<PhotoStream> {
    const id = await this.repo.photoFileId(memberId);
    const file = id ? await this.storage.find(id) : null;
    if (!file) throw notFound('照片');
    return { stream: await this.storage.open(file), contentType: file.contentType, sizeBytes: file.sizeBytes };
  }
}
