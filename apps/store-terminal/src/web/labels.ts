/** The terminal's Chinese labels for the API's enums and error codes (RUNTIME.md). */

export const LIFECYCLE: Record<string, string> = {
  IDENTIFIED: '已识别',
  FAN: '粉丝',
  FIRST_PURCHASE: '首购',
  REPEAT: '复购',
  AT_RISK: '流失风险',
  CHURNED: '已流失',
};

export const CHANNEL: Record<string, string> = {
  APP: 'App',
  MALL: '商城',
  MINI_PROGRAM: '小程序',
  STORE: '门店',
  WECHAT: '微信',
  TAOBAO: '淘宝',
  CALL_CENTER: '客服中心',
};

export const ORDER_STATUS: Record<string, string> = {
  PLACED: '已下单',
  COMPLETED: '已完成',
  PARTIALLY_REFUNDED: '部分退款',
  REFUNDED: '已退款',
  CANCELLED: '已取消',
};

export const TICKET_STATUS: Record<string, string> = {
  OPEN: '待处理',
  WAITING_ON_CUSTOMER: '等待顾客回复',
  RESOLVED: '已解决',
};

export const ROLE: Record<string, string> = {
  CLERK: '店员',
  STORE_MANAGER: '店长',
  HQ: '总部',
};

/** what the clerk reads for an error code; the server's own message is shown beneath it */
export const ERROR: Record<string, string> = {
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '无权操作：该会员不在本店范围内',
  BAD_USER_INPUT: '输入有误',
  NOT_FOUND: '未找到',
  INSUFFICIENT_POINTS: '积分不足',
  CONFLICT: '操作冲突，请刷新后重试',
  UPSTREAM_UNAVAILABLE: '后台系统暂时不可用，请稍后重试',
  RATE_LIMITED: '操作过于频繁，请稍后重试',
  QUERY_TOO_COMPLEX: '请求过于复杂',
  NETWORK_ERROR: '网络异常，请检查网络后重试（重试不会重复记账）',
  INTERNAL_SERVER_ERROR: '系统错误，请稍后重试',
};

export const label = (table: Record<string, string>, value: string): string => table[value] ?? value;
