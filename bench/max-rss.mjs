// Loaded with --import by the benchmark: records the process's peak resident set size at exit.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS))
})
