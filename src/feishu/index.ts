// The Feishu client as the rest of the tool sees it. One client and one set of limiters per run.
export { FeishuClient } from './client.js';
export type { ClientOptions } from './client.js';
export { resolveClientConfig, DEFAULT_BASE_URL } from './config.js';
export type { ClientConfig } from './config.js';
export { Limiters } from './limiter.js';
export type { LimiterOptions } from './limiter.js';
export { explainCode, parseErrorRecords } from './errors.js';
export type { ErrorRecord, ErrorRecords } from './errors.js';
export type { CallRequest, CallResult, EventSink, FeishuEvent } from './types.js';
