/**
 * The system proxy for the engine, under Electron: when none of HTTPS_PROXY / HTTP_PROXY is set (the engine reads
 * those itself), Chromium's answer for Didit's API (`session.resolveProxy`, which follows the OS settings, PAC
 * scripts and WPAD included) becomes the engine's proxy for every server but loopback. Limits: one answer, asked once
 * at start, for Didit's host (a PAC script that sends other hosts elsewhere is not followed per host); no proxy
 * authentication prompt (put credentials in HTTPS_PROXY instead). The engine itself stays free of Electron.
 */
import type { Session } from 'electron';
import { DIDIT_BASE_URL } from '../../shared/reviewer-api.js';
import { proxyFromEnv, type ProxySettings } from '../core/index.js';

const SCHEMES: Record<string, string> = { PROXY: 'http', HTTPS: 'https', SOCKS: 'socks5', SOCKS5: 'socks5' };

/** The first usable entry of a PAC answer (`PROXY proxy.corp:3128; DIRECT`) as a URL, or null for DIRECT. */
export function proxyUrlFromPac(answer: string): string | null {
  for (const entry of answer.split(';')) {
    const [kind, hostPort] = entry.trim().split(/\s+/);
    if (kind?.toUpperCase() === 'DIRECT') return null;
    const scheme = SCHEMES[kind?.toUpperCase() ?? ''];
    if (scheme && hostPort) return `${scheme}://${hostPort}`;
  }
  return null;
}

/** Settings for startHost's `proxy`, or undefined to let the engine read the environment. */
export async function systemProxy(session: Session): Promise<ProxySettings | undefined> {
  const env = process.env;
  if (env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY) return undefined;
  const url = proxyUrlFromPac(await session.resolveProxy(DIDIT_BASE_URL).catch(() => 'DIRECT'));
  if (url === null) return undefined;
  // NO_PROXY still applies (loopback always direct).
  return { httpProxy: url, httpsProxy: url, noProxy: proxyFromEnv().noProxy };
}
