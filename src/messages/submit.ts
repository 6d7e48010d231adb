// Messages of the submit stage. Keys are stable ids; {name} placeholders are filled by t().
// `submit.code.<code>` entries explain Feishu error codes in words, from the 排查建议 column of the API pages;
// the client attaches them to failed rows (see explainCode in src/feishu/errors.ts).
import type { Catalog } from './catalog.js';

export const submitMessages = {
  // Configuration of the client.
  'submit.config.missingAppId': {
    en: 'FEISHU_APP_ID is not set: export the app ID of your Feishu app (or use --sandbox)',
    zh: '未设置 FEISHU_APP_ID：请设置飞书应用的 App ID（或使用 --sandbox）',
  },
  'submit.config.missingAppSecret': {
    en: 'FEISHU_APP_SECRET is not set: export the app secret of your Feishu app (or use --sandbox)',
    zh: '未设置 FEISHU_APP_SECRET：请设置飞书应用的 App Secret（或使用 --sandbox）',
  },
  'submit.config.badBaseUrl': {
    en: 'base URL "{url}" is not a valid http(s) URL',
    zh: '基础地址 "{url}" 不是有效的 http(s) 地址',
  },
  'submit.config.insecureBaseUrl': {
    en: 'base URL "{url}" uses plain http:// on a non-loopback host: use https:// (plain http is allowed only for 127.0.0.1, ::1 and localhost)',
    zh: '基础地址 "{url}" 对非本机地址使用了明文 http://：请改用 https://（明文 http 仅允许 127.0.0.1、::1 和 localhost）',
  },

  // Failures the client produces itself (no Feishu code).
  'submit.http.network': {
    en: 'network error ({error}) before the request was sent',
    zh: '请求发出前网络错误（{error}）',
  },
  'submit.http.networkAfterSend': {
    en: 'network error ({error}) after the request was sent: Feishu may or may not have written it',
    zh: '请求发出后网络错误（{error}）：飞书可能已写入，也可能未写入',
  },
  'submit.http.timeout': {
    en: 'no answer within {seconds} s after the request was sent: Feishu may or may not have written it',
    zh: '请求发出后 {seconds} 秒内无响应：飞书可能已写入，也可能未写入',
  },
  'submit.http.status': {
    en: 'HTTP {status} without a Feishu error code',
    zh: 'HTTP {status}，响应中没有飞书错误码',
  },
  'submit.http.rateLimitCap': {
    en: 'still rate-limited after {waits} waits: giving up on this request',
    zh: '等待 {waits} 次后仍被限流：放弃该请求',
  },
  'submit.http.aborted': {
    en: 'stopped before this request could be sent',
    zh: '在发送该请求前已停止',
  },
  'submit.token.failed': {
    en: 'could not get a tenant_access_token: {msg}',
    zh: '无法获取 tenant_access_token：{msg}',
  },
  'submit.token.noToken': {
    en: 'the answer held no tenant_access_token',
    zh: '响应中没有 tenant_access_token',
  },
  'submit.token.invalidTwice': {
    en: 'Feishu rejected {times} freshly fetched tenant_access_tokens in a row: check the app and its permissions (was the app secret rotated?)',
    zh: '飞书连续 {times} 次拒绝了新获取的 tenant_access_token：请检查应用及其权限（应用密钥是否已更换？）',
  },

  // Feishu error codes explained.
  'submit.code.auth': {
    en: 'could not get a tenant_access_token: check FEISHU_APP_ID and FEISHU_APP_SECRET (an internal app of this tenant)',
    zh: '无法获取 tenant_access_token：请检查 FEISHU_APP_ID 和 FEISHU_APP_SECRET（需为本企业的自建应用）',
  },
  'submit.code.1220001': {
    en: 'parameter check failed: see the message for the field (e.g. "employee_type invalid" means the ID type is wrong)',
    zh: '入参校验失败：请根据返回信息检查入参（例如“employee_type invalid”代表人员类型异常）',
  },
  'submit.code.1220002': {
    en: 'tenant_id is empty: the tenant_access_token is not valid for this tenant',
    zh: 'tenant_id 为空：请检查 tenant_access_token 是否正确',
  },
  'submit.code.1220004': {
    en: 'invalid parameter: e.g. "user_id is not exist or does not have permission" means the user ID does not exist or is out of the app\'s scope',
    zh: '参数无效：例如“user_id is not exist or does not have permission”代表用户 ID 不存在或没有权限',
  },
  'submit.code.1220005': {
    en: "no permission for this employee's attendance data: check the data scope in the attendance admin console",
    zh: '没有该员工考勤数据的权限：请前往考勤管理后台检查数据权限范围',
  },
  'submit.code.1220600': {
    en: 'general attendance error: see the message and the attendance development guidelines',
    zh: '通用错误：请查看返回信息及考勤开发指南中的错误信息说明',
  },
  'submit.code.1225000': {
    en: 'internal error at Feishu: retried; if it persists, contact Feishu support with the log id',
    zh: '飞书内部服务异常：已重试；如持续出现，请携带 log id 联系技术支持',
  },
  'submit.code.1225001': {
    en: 'Feishu rejected some records of this request: see the per-record error messages',
    zh: '飞书拒绝了该请求中的部分记录：请查看各条记录的错误信息',
  },
  'submit.code.1226501': {
    en: 'no abnormal attendance that day: no remedy needed',
    zh: '当天没有异常考勤，无需补卡',
  },
  'submit.code.1226502': {
    en: "the employee's attendance group does not allow remedies",
    zh: '考勤组设置不允许补卡',
  },
  'submit.code.1226503': {
    en: 'the date is further back than the attendance group allows remedies for',
    zh: '超出可补卡日期：考勤组设置只允许补过去一定天数内的卡',
  },
  'submit.code.1226504': {
    en: 'no remedy quota left this period',
    zh: '超出补卡次数，当前周期的补卡次数已用完',
  },
  'submit.code.1227500': {
    en: 'shift service error: e.g. "not find user larkID" means the user could not be found',
    zh: '班次服务异常：例如“not find user larkID”代表没有找到对应用户',
  },
  'submit.code.1161001': {
    en: 'the approval task was already processed: nothing to do',
    zh: '审批任务已被处理，无需再次审批',
  },
  'submit.code.1161002': {
    en: 'invalid parameter: check the fields against the API description',
    zh: '参数非法：请对照接口字段说明自查',
  },
  'submit.code.1161003': {
    en: 'no permission: check that the app was granted the CoreHR approval scope',
    zh: '无权限：请确认是否已申请权限',
  },
  'submit.code.1161004': {
    en: 'automatic form submission failed: contact Feishu support with the log id',
    zh: '自动提交表单失败：请携带 log id 咨询技术支持',
  },
  'submit.code.1161005': {
    en: 'the approval state has changed meanwhile: read it again before deciding',
    zh: '审批状态已更新：请重新获取后再处理',
  },
  'submit.code.99991672': {
    en: 'the app lacks the permission scope for this API: enable it in the developer console and publish a new version',
    zh: '应用缺少该接口的权限：请在开发者后台开通权限并发布新版本',
  },
} satisfies Catalog;
