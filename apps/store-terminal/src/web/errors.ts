import { GatewayRequestError } from '@zhongtai/client/request';
import { ERROR } from './labels.js';

export interface Problem {
  code: string;
  /** what the clerk reads */
  title: string;
  /** the gateway's message, for the record */
  detail: string;
}

export function describe(error: unknown): Problem {
  if (error instanceof GatewayRequestError)
    return { code: error.code, title: ERROR[error.code] ?? error.code, detail: error.message };
  return { code: 'INTERNAL_SERVER_ERROR', title: ERROR.INTERNAL_SERVER_ERROR, detail: String(error) };
}

/** what the form itself refuses before any call (nothing from the gateway to show beneath) */
export const invalid = (title: string): Problem => ({ code: 'BAD_USER_INPUT', title, detail: '' });
