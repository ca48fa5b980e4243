/** Sent as User-Agent, so that Qovery can tell this action's requests apart. */
export const VERSION = '1.0.0'
export const USER_AGENT = `qovery-cancel-deployment/${VERSION}`
