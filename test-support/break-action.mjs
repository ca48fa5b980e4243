// Loaded with --import into the action under test: breaks it as a bug would, to check that the
// step still ends with outputs, a summary and a message. BREAK_ACTION says how:
// - set-up: the runtime's set-up throws (AbortController, which it builds first, is broken);
// - uncaught: a callback throws once the settings are printed (the run is under way);
// - rejection: a promise nobody handles is rejected then.
const how = process.env.BREAK_ACTION
if (how === 'set-up') {
  globalThis.AbortController = class {
    constructor() {
      throw new Error('AbortController is broken here')
    }
  }
} else if (how === 'uncaught' || how === 'rejection') {
  const write = process.stdout.write.bind(process.stdout)
  let armed = true
  process.stdout.write = (chunk, ...rest) => {
    if (armed && String(chunk).includes('::endgroup::')) {
      armed = false
      setTimeout(() => {
        if (how === 'uncaught') throw new Error('thrown from a callback')
        void Promise.reject(new Error('rejected, and never handled'))
      })
    }
    return write(chunk, ...rest)
  }
}
