export {
  NotifySmsAdapter,
  createNotifySmsAdapter,
  NOTIFY_SMS_ID,
  GATEWAY_SEND_PATH,
  GATEWAY_BALANCE_PATH,
} from './client.js';
export {
  NotifySmsOptionsSchema,
  parseNotifySmsOptions,
  type NotifySmsOptions,
  type NotifySmsConfig,
} from './options.js';
export {
  OutboundNotificationSchema,
  GatewayReplySchema,
  NotifyMappingError,
  RET_OK,
  RET_DUPLICATE,
  normaliseMobile,
  normaliseReceiver,
  clientMsgIdFor,
  toGatewaySend,
  parseSendReply,
  gatewayRecordToNotification,
  type GatewaySendBody,
  type GatewayRecord,
} from './mapping.js';
export {
  GATEWAY_MSG_TYPES,
  channelOfMsgType,
  toGatewayTime,
  fromGatewayTime,
  signGatewayRequest,
  gatewayHeaders,
  type GatewayChannel,
} from './legacy-format.js';
export {
  SmsGatewaySimulator,
  createNotifySmsSimulator,
  DEMO_GATEWAY_ACCOUNT,
  DEMO_GATEWAY_TEMPLATES,
  type GatewaySimulatorOptions,
} from './simulator/gateway-simulator.js';
export { notifySmsFromEnv } from './env.js';
