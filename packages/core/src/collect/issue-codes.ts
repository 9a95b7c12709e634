/**
 * Every problem a collector can report, with a stable code and what it means. Operators filter
 * and alert on the code; the issue's `reason` carries the particulars.
 *
 * @example
 * ```ts
 * COLLECTOR_ISSUE_CODES.EMW_FETCH_TIMEOUT.zh; // '请求超时'
 * ```
 */
export const COLLECTOR_ISSUE_CODES = {
  EMW_FETCH_NETWORK: { zh: '网络错误', en: 'network error (refused, reset, DNS)' },
  EMW_FETCH_TIMEOUT: { zh: '请求超时', en: 'no response or body within the time limit' },
  EMW_FETCH_HTTP: { zh: 'HTTP 错误状态', en: 'the server answered with an error status' },
  EMW_FETCH_RATE_LIMITED: { zh: '被限流', en: 'the server asked us to slow down (429 or 503 with Retry-After)' },
  EMW_FETCH_TOO_LARGE: { zh: '响应体过大', en: 'the body is larger than the configured maximum' },
  EMW_FETCH_REDIRECTS: { zh: '重定向过多或循环', en: 'too many redirects, or a redirect loop' },
  EMW_FETCH_BLOCKED: { zh: '地址被拒绝', en: 'the address is not allowed (private, loopback or link-local)' },
  EMW_DECODE: { zh: '字符编码错误', en: 'the body could not be decoded in its declared or detected encoding' },
  EMW_PARSE_FORMAT: { zh: '格式无法识别', en: 'the document is not in the expected format' },
  EMW_PARSE_XML: { zh: 'XML 格式错误', en: 'the document is not well-formed XML' },
  EMW_PARSE_JSON: { zh: 'JSON 格式错误', en: 'the document is not valid JSON' },
  EMW_PARSE_CSV: { zh: 'CSV 格式错误', en: 'a CSV row could not be read' },
  EMW_PARSE_ITEM: { zh: '条目无效', en: 'one entry is missing required fields or has invalid values' },
  EMW_PARSE_DATE: { zh: '日期无法解析', en: 'a date could not be parsed (the entry keeps no time)' },
  EMW_CAP_INVALID: { zh: 'CAP 文档无效', en: 'a CAP document breaks the CAP 1.2 rules' },
  EMW_CAP_UNKNOWN_REFERENCE: { zh: 'CAP 引用了未知预警', en: 'an Update or Cancel refers to an alert never seen' },
  EMW_WEBHOOK_SIGNATURE: { zh: '签名无效', en: 'the webhook signature is missing or wrong' },
  EMW_WEBHOOK_STALE: { zh: '时间戳过期', en: 'the webhook timestamp is too old or in the future' },
  EMW_WEBHOOK_REPLAY: { zh: '重放请求', en: 'the webhook request was already received' },
  EMW_WEBHOOK_BODY: { zh: '请求体无效', en: 'the webhook body is too large or not JSON' },
  EMW_SOURCE_FAILED: { zh: '数据源失败', en: 'the source failed for a reason not listed above' },
} as const satisfies Record<string, { readonly zh: string; readonly en: string }>;

/** A stable collector issue code, e.g. `'EMW_FETCH_TIMEOUT'`. */
export type CollectorIssueCode = keyof typeof COLLECTOR_ISSUE_CODES;
