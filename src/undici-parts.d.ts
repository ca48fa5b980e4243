// undici's index loads everything it has (fetch, WebSocket, caches, mocks); the action needs
// the proxy-aware agent and the request call. These are the two modules, typed from undici's own
// declarations. Should an undici release move them, the build stops here rather than at run time,
// and __tests__/unit/bundle.test.ts checks what the bundle holds.
declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import { EnvHttpProxyAgent } from 'undici'
  export default EnvHttpProxyAgent
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici'
  /** Dispatcher.request, called with the dispatcher as `this`. */
  export default function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>
}
