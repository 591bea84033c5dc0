import { badInput } from '@zhongtai/contracts';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Reads the flat XML WeChat pushes (`<xml><Tag><![CDATA[…]]></Tag><Tag>123</Tag>…</xml>`) into
 * name → text. Nested elements (e.g. `ScanCodeInfo`) are kept as their raw inner XML. Not a general
 * XML parser: no attributes, no namespaces, no DTDs (and so no entity expansion attacks).
 */
export function parseWechatXml(xml: string): Record<string, string> {
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(xml);
  if (!root) throw badInput('wechat: body is not a <xml>…</xml> message');
  const out: Record<string, string> = {};
  const re = /<([A-Za-z][\w]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([\s\S]*?))<\/\1>/g;
  let consumed = 0;
  for (let m = re.exec(root[1]); m; m = re.exec(root[1])) {
    if (root[1].slice(consumed, m.index).trim()) break;
    out[m[1]] =
      m[2] ??
      m[3].replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
        e[0] === '#'
          ? String.fromCodePoint(
              parseInt(e.slice(e[1] === 'x' || e[1] === 'X' ? 2 : 1), e[1] === 'x' || e[1] === 'X' ? 16 : 10),
            )
          : ENTITIES[e.toLowerCase()],
      );
    consumed = re.lastIndex;
  }
  if (root[1].slice(consumed).trim()) throw badInput('wechat: malformed XML message');
  return out;
}

/** The inverse, as WeChat writes it: text in CDATA, numbers bare. */
export function toWechatXml(fields: Record<string, string | number | undefined>): string {
  const body = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`))
    .join('');
  return `<xml>${body}</xml>`;
}
