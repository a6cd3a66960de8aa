import { HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** Stable codes of the five indexes (K5); clients switch on them. */
export const IndexErrorCode = {
  NOT_A_COMMITTEE: 'INDEX_NOT_A_COMMITTEE',
  UNKNOWN_METRIC: 'INDEX_UNKNOWN_METRIC',
  PAST_MONTH: 'INDEX_PAST_MONTH',
  FUTURE_MONTH: 'INDEX_FUTURE_MONTH',
  VERSION_CONFLICT: 'INDEX_VERSION_CONFLICT',
} as const;
export type IndexErrorCode = (typeof IndexErrorCode)[keyof typeof IndexErrorCode];

export function indexErrorStatus(code: IndexErrorCode): HttpStatus {
  switch (code) {
    case IndexErrorCode.NOT_A_COMMITTEE:
    case IndexErrorCode.UNKNOWN_METRIC:
    case IndexErrorCode.PAST_MONTH:
    case IndexErrorCode.FUTURE_MONTH:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case IndexErrorCode.VERSION_CONFLICT:
      return HttpStatus.CONFLICT;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(indexErrorStatus);

export const IndexErrors = {
  notACommittee: () => err(IndexErrorCode.NOT_A_COMMITTEE, '指数口径由党委制定，请选择党委'),
  unknownMetric: (key: string) => err(IndexErrorCode.UNKNOWN_METRIC, `没有名为“${key}”的指标`),
  pastMonth: (month: string) => err(IndexErrorCode.PAST_MONTH, `新口径只能从本月或以后生效（${month} 已过去，往月得分保持原口径）`),
  futureMonth: (month: string) => err(IndexErrorCode.FUTURE_MONTH, `${month} 尚未开始，不能计算`),
  versionConflict: () => err(IndexErrorCode.VERSION_CONFLICT, '同时有人发布了新版本，请刷新后重试'),
};
