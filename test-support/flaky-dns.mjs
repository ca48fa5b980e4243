// Loaded with --import into the action under test: a resolver for names under .localhost, as a
// runner's would be, that can fail. Such a name resolves to 127.0.0.1, except while the file
// FLAKY_DNS_FILE holds a number above 0 (each lookup then fails with ENOTFOUND, as when a runner's
// resolver restarts, and takes one off) or `always` (every lookup fails: a name that does not
// exist). Each lookup appends `ok` or `fail` to FLAKY_DNS_FILE.log. Other names resolve as usual.
import dns from 'node:dns'
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'

const file = process.env.FLAKY_DNS_FILE
const lookup = dns.lookup

dns.lookup = function flakyLookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback
  const settings = typeof options === 'object' && options !== null ? options : {}
  if (file === undefined || !String(hostname).endsWith('.localhost')) return lookup.call(this, hostname, options, callback)
  const left = existsSync(file) ? readFileSync(file, 'utf8').trim() : '0'
  const fails = left === 'always' || Number(left) > 0
  if (fails && left !== 'always') writeFileSync(file, String(Number(left) - 1))
  appendFileSync(`${file}.log`, fails ? 'fail\n' : 'ok\n')
  if (fails) {
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: 'ENOTFOUND',
      errno: -3008,
      syscall: 'getaddrinfo',
      hostname
    })
    return process.nextTick(done, error)
  }
  if (settings.all) return process.nextTick(done, null, [{ address: '127.0.0.1', family: 4 }])
  return process.nextTick(done, null, '127.0.0.1', 4)
}
