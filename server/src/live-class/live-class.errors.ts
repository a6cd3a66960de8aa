import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of 红色直播间; clients switch on them. */
export const LiveClassErrorCode = {
  NO_HOST: 'LIVE_NO_HOST',
  HOST_NOT_IN_ORG: 'LIVE_HOST_NOT_IN_ORG',
  NOT_LIVE: 'LIVE_NOT_LIVE',
  NOT_ENDED: 'LIVE_NOT_ENDED',
  RECORDING_EXISTS: 'LIVE_RECORDING_EXISTS',
  NOT_A_MEMBER: 'LIVE_NOT_A_MEMBER',
} as const;
export type LiveClassErrorCode = (typeof LiveClassErrorCode)[keyof typeof LiveClassErrorCode];

export function liveClassErrorStatus(code: LiveClassErrorCode): HttpStatus {
  switch (code) {
    case LiveClassErrorCode.NO_HOST:
    case LiveClassErrorCode.HOST_NOT_IN_ORG:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case LiveClassErrorCode.NOT_LIVE:
    case LiveClassErrorCode.NOT_ENDED:
    case LiveClassErrorCode.RECORDING_EXISTS:
      return HttpStatus.CONFLICT;
    case LiveClassErrorCode.NOT_A_MEMBER:
      return HttpStatus.FORBIDDEN;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(liveClassErrorStatus);

export const LiveClassErrors = {
  noHost: () => err(LiveClassErrorCode.NO_HOST, '请先排好红色主播轮值表，或为本场指定主播'),
  hostNotInOrg: () => err(LiveClassErrorCode.HOST_NOT_IN_ORG, '主播须是本组织的党员'),
  notLive: () => err(LiveClassErrorCode.NOT_LIVE, '直播尚未开始或已经结束，本次学习不计入学时'),
  notEnded: () => err(LiveClassErrorCode.NOT_ENDED, '直播结束后才能保存回放'),
  recordingExists: () => err(LiveClassErrorCode.RECORDING_EXISTS, '本场已保存回放'),
  notAMember: () => err(LiveClassErrorCode.NOT_A_MEMBER, '当前账号未关联党员档案'),
};
