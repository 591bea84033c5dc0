import type { OutboundNotification } from '@zhongtai/contracts';
import { type SimRequest, type SimResponse, Simulator } from '@zhongtai/adapter-kit';
import {
  GATEWAY_MSG_TYPES,
  type GatewayChannel,
  fromGatewayTime,
  signGatewayRequest,
  toGatewayTime,
} from '../legacy-format.js';
import { type GatewayRecord, gatewayRecordToNotification } from '../mapping.js';

export interface GatewaySimulatorOptions {
  /** the account the adapter must sign for (defaults: `zt-demo` / `demo-secret-0001`) */
  appId?: string;
  appSecret?: string;
  /** channels this gateway delivers (default all three); others are refused with 400 */
  channels?: GatewayChannel[];
  /** the gateway's clock (message ids, timestamps, signature freshness) */
  now?: () => Date;
  /** seed of the fault plan's dice */
  seed?: number;
}

export const DEMO_GATEWAY_ACCOUNT = { appId: 'zt-demo', appSecret: 'demo-secret-0001' } as const;
/** templates the demo gateway has approved (`probe` is the conformance suite's fault probe) */
export const DEMO_GATEWAY_TEMPLATES: readonly string[] = Object.freeze([
  'apology',
  'probe',
  'welcome',
  'verify-code',
  'points-expiring',
  'order-shipped',
  'complaint-followup',
  'survey-invite',
]);
const SEND = '/api/v2/message/send';
const BALANCE = '/api/v2/account/balance';
const RECEIVERS: Record<number, RegExp> = {
  1: /^1[3-9]\d{9}$/,
  2: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  3: /^[A-Za-z0-9_-]{6,64}$/,
};
const refuse = (status: number, ret: string, msg: string): SimResponse => ({ status, body: { ret, msg } });

/**
 * The message gateway: `POST /api/v2/message/send` (signed; one delivery per brand and
 * clientMsgId, a repeat answers `ret` 1009 with the first msgId), `GET /api/v2/account/balance`
 * (signed), and `GET /messages` listing what it delivered (for tests and the demo; not signed).
 */
export class SmsGatewaySimulator extends Simulator {
  private readonly state: GatewayState;

  constructor(templates: string[] | undefined, opts: GatewaySimulatorOptions = {}) {
    const state = new GatewayState(templates, opts);
    super('notify-sms', (req) => state.handle(req), { seed: opts.seed });
    this.state = state;
  }

  /** what the gateway delivered, in its own shape, in order */
  records(): GatewayRecord[] {
    return this.state.records.map((r) => ({ ...r }));
  }

  /** what the gateway delivered, as the platform's messages */
  delivered(): OutboundNotification[] {
    return this.state.records.map(gatewayRecordToNotification);
  }

  /** the next `count` sends are delivered but answered only after `ms` (the reply is lost to a client timeout) */
  stallReplies(count: number, ms: number): void {
    this.state.stall = { count, ms };
  }
}

class GatewayState {
  readonly records: GatewayRecord[] = [];
  private readonly byClientId = new Map<string, GatewayRecord>();
  private readonly templates?: Set<string>;
  private readonly msgTypes: Set<number>;
  private readonly now: () => Date;
  private readonly account: { appId: string; appSecret: string };
  stall = { count: 0, ms: 0 };

  constructor(templates: string[] | undefined, opts: GatewaySimulatorOptions) {
    this.templates = templates ? new Set(templates) : undefined;
    this.msgTypes = new Set(
      (opts.channels ?? (Object.keys(GATEWAY_MSG_TYPES) as GatewayChannel[])).map(
        (c) => GATEWAY_MSG_TYPES[c],
      ),
    );
    this.now = opts.now ?? (() => new Date());
    this.account = {
      appId: opts.appId ?? DEMO_GATEWAY_ACCOUNT.appId,
      appSecret: opts.appSecret ?? DEMO_GATEWAY_ACCOUNT.appSecret,
    };
  }

  async handle(req: SimRequest): Promise<SimResponse> {
    if (req.method === 'GET' && req.path === '/messages') return { body: { ret: '0', data: this.records } };
    if (req.path !== SEND && req.path !== BALANCE) return refuse(404, '404', '接口不存在');
    const denied = this.authenticate(req);
    if (denied) return denied;
    if (req.method === 'GET' && req.path === BALANCE)
      return {
        body: { ret: '0', msg: 'OK', data: { balance: String(100_000 - this.records.length), unit: '条' } },
      };
    if (req.method !== 'POST' || req.path !== SEND) return refuse(405, '405', '方法不支持');
    const answer = this.send(req.body);
    if (answer.status === undefined && this.stall.count > 0) {
      this.stall.count--;
      const ms = this.stall.ms;
      await new Promise((r) => setTimeout(r, ms).unref());
    }
    return answer;
  }

  private authenticate(req: SimRequest): SimResponse | undefined {
    const { appId, appSecret } = this.account;
    if (req.headers['x-gw-appid'] !== appId) return refuse(401, '1001', 'appId不存在');
    const ts = req.headers['x-gw-timestamp'] ?? '';
    let at: Date;
    try {
      at = fromGatewayTime(ts);
    } catch {
      return refuse(401, '1002', '时间戳格式错误');
    }
    if (Math.abs(at.getTime() - this.now().getTime()) > 300_000) return refuse(401, '1002', '时间戳已过期');
    if (req.headers['x-gw-sign'] !== signGatewayRequest(appSecret, ts, req.body))
      return refuse(401, '1003', '签名错误');
    return undefined;
  }

  private send(raw: string): SimResponse {
    let m: Partial<Record<keyof GatewayRecord, unknown>>;
    try {
      m = JSON.parse(raw) as typeof m;
    } catch {
      return refuse(400, '2000', '报文格式错误');
    }
    if (typeof m.clientMsgId !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(m.clientMsgId))
      return refuse(400, '2005', 'clientMsgId非法');
    if (typeof m.brand !== 'string' || !m.brand) return refuse(400, '2006', 'brand不能为空');
    const seen = this.byClientId.get(`${m.brand}\u0000${m.clientMsgId}`);
    if (seen) return { body: { ret: '1009', msg: '重复提交', data: { msgId: seen.msgId } } };
    if (typeof m.msgType !== 'number' || !this.msgTypes.has(m.msgType))
      return refuse(400, '2002', `不支持的消息类型: ${JSON.stringify(m.msgType)}`);
    if (typeof m.tplCode !== 'string' || (this.templates && !this.templates.has(m.tplCode)))
      return refuse(400, '2001', `模板不存在或未审核: ${JSON.stringify(m.tplCode)}`);
    if (typeof m.receiver !== 'string' || !RECEIVERS[m.msgType].test(m.receiver))
      return refuse(400, '2003', `接收方格式错误: ${JSON.stringify(m.receiver)}`);
    if (typeof m.tplParams !== 'string' || !isStringMap(m.tplParams))
      return refuse(400, '2004', 'tplParams格式错误');
    const now = this.now();
    const record: GatewayRecord = {
      msgId: `GW${toGatewayTime(now)}${String(this.records.length + 1).padStart(6, '0')}`,
      clientMsgId: m.clientMsgId,
      outId: typeof m.outId === 'string' ? m.outId : '',
      msgType: m.msgType,
      receiver: m.receiver,
      tplCode: m.tplCode,
      tplParams: m.tplParams,
      brand: m.brand,
      recvTime: toGatewayTime(now),
      stat: 'DELIVRD',
    };
    this.records.push(record);
    this.byClientId.set(`${m.brand}\u0000${m.clientMsgId}`, record);
    return { body: { ret: '0', msg: '提交成功', data: { msgId: record.msgId } } };
  }
}

function isStringMap(json: string): boolean {
  try {
    const v = JSON.parse(json) as unknown;
    return (
      !!v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.values(v).every((x) => typeof x === 'string')
    );
  } catch {
    return false;
  }
}

/** A gateway that knows `templates` (any template when omitted); `await sim.start()` then pass `sim.url`. */
export function createNotifySmsSimulator(
  templates?: string[],
  opts: GatewaySimulatorOptions = {},
): SmsGatewaySimulator {
  return new SmsGatewaySimulator(templates, opts);
}
