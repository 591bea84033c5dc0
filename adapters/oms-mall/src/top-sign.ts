import { createHash } from 'node:crypto';

/**
 * TOP request signature (sign_method=md5): MD5 of secret + every parameter except `sign`, sorted
 * by name, as name+value + secret, upper-case hex.
 */
export function topSign(params: Record<string, string>, secret: string): string {
  const joined = Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join('');
  return createHash('md5').update(`${secret}${joined}${secret}`, 'utf8').digest('hex').toUpperCase();
}
