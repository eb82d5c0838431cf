import { ErrorCode } from '@candor/shared';
import { i18n } from './index.js';

/** A refused command in the reader's language; the server's own words only fill in what was invalid. */
export function refusalMessage(ack: { code: string; message: string }): string {
  return ack.code in ErrorCode ? i18n.t(`errors.${ack.code as keyof typeof ErrorCode}` as const, { message: ack.message }) : ack.message || i18n.t('board.didNotWork');
}
