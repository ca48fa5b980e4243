// Loaded with --import into the action under test: 100 ms after start, the wall clock (Date.now)
// steps by WALL_CLOCK_STEP_MS, as an NTP correction would. Monotonic time is left alone.
const realNow = Date.now
const start = realNow()
const step = Number(process.env.WALL_CLOCK_STEP_MS ?? 0)
Date.now = () => {
  const now = realNow()
  return now - start > 100 ? now + step : now
}
