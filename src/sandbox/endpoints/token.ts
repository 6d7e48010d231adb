// POST /open-apis/auth/v3/tenant_access_token/internal
import { ApiError } from '../reply.js';
import type { RequestContext } from '../state.js';
import { Checker } from '../validate.js';

const check: Checker = new Checker('token');

export function handleToken({ state, body }: RequestContext): unknown {
  const appId = check.requiredString(body.app_id, 'app_id');
  const appSecret = check.requiredString(body.app_secret, 'app_secret');
  // Feishu answers an unknown app and a wrong secret alike, so a probe cannot tell which one was wrong.
  if (appId !== state.appId || appSecret !== state.appSecret) throw new ApiError(400, 10014, 'app secret invalid');
  const { token, expire } = state.tokens.grant();
  return { code: 0, msg: 'ok', tenant_access_token: token, expire };
}
