/**
 * The engine's one HTTP dispatcher (Didit API calls and media downloads alike), and the proxy it goes through.
 *
 * Analysts' workstations often reach the internet only through a corporate proxy. The engine honours the usual
 * variables, read from `process.env` when the engine opens: `HTTPS_PROXY` for https:// servers, `HTTP_PROXY` for
 * http:// ones (and, as undici does, for https:// ones when `HTTPS_PROXY` is unset), `NO_PROXY` for hosts to reach
 * directly (comma- or space-separated host names, `.suffix`, `host:port`, or `*`); lower-case spellings win, as in
 * curl. Loopback (`localhost`, `127.0.0.1`, `[::1]`) is always reached directly: the embedded demo sandbox and local
 * test servers live there and a corporate proxy cannot reach them. Proxy credentials go in the URL
 * (`http://user:pass@proxy:3128`). A host can pass settings of its own instead (the Electron shell passes the
 * system proxy when no variable is set; tests force loopback through a proxy). No proxy set: a plain Agent, as before.
 */
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

export interface ProxySettings {
  /** Proxy URL for http:// servers (and https:// ones when httpsProxy is empty); '' for none. */
  httpProxy: string;
  /** Proxy URL for https:// servers; '' for none. */
  httpsProxy: string;
  /** NO_PROXY syntax; used exactly as given (no loopback added). */
  noProxy: string;
}

/** Always direct, whatever NO_PROXY says. */
export const LOOPBACK_NO_PROXY = 'localhost,127.0.0.1,[::1]';

/** `proxy.corp:3128` means `http://proxy.corp:3128`, as in curl. */
function proxyUrl(value: string | undefined): string {
  const v = (value ?? '').trim();
  return v === '' || v.includes('://') ? v : `http://${v}`;
}

/** The proxy settings the environment asks for, loopback always direct. */
export function proxyFromEnv(env: NodeJS.ProcessEnv = process.env): ProxySettings {
  const noProxy = (env.no_proxy ?? env.NO_PROXY ?? '').trim();
  return {
    httpProxy: proxyUrl(env.http_proxy ?? env.HTTP_PROXY),
    httpsProxy: proxyUrl(env.https_proxy ?? env.HTTPS_PROXY),
    noProxy: noProxy === '*' ? '*' : [noProxy, LOOPBACK_NO_PROXY].filter(Boolean).join(','),
  };
}

/** Whether any proxy is configured at all. */
export function usesProxy(proxy: ProxySettings): boolean {
  return proxy.httpProxy !== '' || proxy.httpsProxy !== '';
}

/**
 * The dispatcher for `agentOptions` and `proxy`. The settings are passed to undici explicitly, never left for it to
 * read from the environment, so what the engine was given is exactly what it does.
 */
export function createDispatcher(agentOptions: Agent.Options, proxy: ProxySettings): Dispatcher {
  if (!usesProxy(proxy)) return new Agent(agentOptions);
  for (const url of [proxy.httpProxy, proxy.httpsProxy]) {
    if (url !== '' && !URL.canParse(url)) throw new Error(`The proxy ${JSON.stringify(url)} is not a URL.`);
  }
  return new EnvHttpProxyAgent({ ...agentOptions, ...proxy });
}
