/**
 * `npm run bench`: what the action costs a user, against what they would otherwise write.
 * Runs on Node 24 against the local Qovery simulator and prints a table and the targets, each
 * met only if its figure is within the target as stated; with --write (`npm run bench -- --write`)
 * it also writes bench/results.md. BENCH_RUNS sets the runs per figure (default 5; the median is
 * reported).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type EnvironmentScript, isReportRead, QoverySimulator, startSimulator } from '../test-support/qovery-simulator.ts'
import { eachModule, nccBuild, packageOf } from '../scripts/ncc.ts'
import { ACTION, type ActionRun, NODE24, ROOT, runAction } from '../test-support/run-action.ts'

const args = process.argv.slice(2)
if (args.some((arg) => arg !== '--write')) {
  console.error('Usage: npm run bench [-- --write]   (--write: also write bench/results.md)')
  process.exit(2)
}
const WRITE = args.includes('--write')
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5))
const ENVIRONMENT_ID = '3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d'
const TOKEN = 'qov_bench_token'
const DEFAULT_INTERVAL_MS = 5_000

interface Timed extends ActionRun {
  api: QoverySimulator
  maxRssKb?: number
}

/**
 * Starts a fresh simulator and runs one command against it as a runner would (the baselines read
 * the same inputs from QOVERY_* variables). With measureRss, Node loads a probe that records the
 * peak resident set size.
 */
async function timedRun(
  command: string[],
  script: Omit<EnvironmentScript, 'id'>,
  inputs: Record<string, string>,
  measureRss = false,
  latencyMs = 0
): Promise<Timed> {
  const api = await startSimulator({ token: TOKEN, environments: [{ id: ENVIRONMENT_ID, ...script }], latencyMs })
  const dir = mkdtempSync(join(tmpdir(), 'qovery-bench-'))
  const rssFile = join(dir, 'rss')
  const run = await runAction(
    { 'environment-id': ENVIRONMENT_ID, token: TOKEN, 'api-url': api.url, ...inputs },
    {
      command,
      env: {
        QOVERY_API_URL: api.url,
        QOVERY_API_TOKEN: TOKEN,
        QOVERY_ENVIRONMENT_ID: ENVIRONMENT_ID,
        ...(measureRss
          ? { BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `--import=${pathToFileURL(join(ROOT, 'bench', 'max-rss.mjs')).href}` }
          : {})
      }
    }
  )
  await api.stop()
  const timed: Timed = { ...run, api }
  if (measureRss) timed.maxRssKb = Number(readFileSync(rssFile, 'utf8'))
  rmSync(dir, { recursive: true, force: true })
  return timed
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

function cancelArrival(run: Timed): number {
  const post = run.api.requests.find((request) => request.method === 'POST')
  if (!post) throw new Error('no cancel request reached the simulator')
  return post.at - run.startedAt
}

const ACTION_COMMAND = [NODE24, ACTION]
const CANCELS_AT_ONCE: Omit<EnvironmentScript, 'id'> = { before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELED' }] }

/**
 * Start-up to cancel for each command. The commands take turns, run after run, so that a machine
 * getting slower or faster over time weighs on all alike; a first round warms the disk cache.
 * Cheap, so it takes three times the runs.
 */
async function timeToCancel(commands: string[][]): Promise<number[]> {
  const times: number[][] = commands.map(() => [])
  for (let round = 0; round <= 3 * RUNS; round++) {
    for (const [index, command] of commands.entries()) {
      const time = cancelArrival(await timedRun(command, CANCELS_AT_ONCE, { 'poll-interval': '1s' }))
      if (round > 0) times[index]!.push(time)
    }
  }
  return times.map(median)
}

/**
 * From the simulator turning CANCELED to the action's exit. The moment of the turn is spread
 * evenly over one poll interval across the runs, so every phase of the polling is sampled.
 */
async function timeToNotice(intervalMs: number): Promise<{ median: number; max: number }> {
  const runs = await Promise.all(
    Array.from({ length: RUNS }, async (_, index) => {
      const cancelingMs = 500 + Math.round((intervalMs * (index + 0.5)) / RUNS)
      const run = await timedRun(
        ACTION_COMMAND,
        { before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING', ms: cancelingMs }, { state: 'CANCELED' }] },
        { 'poll-interval': `${intervalMs}ms` }
      )
      const canceledAt = run.api.history(ENVIRONMENT_ID).find((entry) => entry.state === 'CANCELED')?.at
      if (run.exitCode !== 0 || canceledAt === undefined) throw new Error(`run ${index} at ${intervalMs}ms did not end CANCELED`)
      return run.endedAt - canceledAt
    })
  )
  return { median: median(runs), max: Math.max(...runs) }
}

/**
 * What a run reads, as the action is made to (docs/how-it-works.md, "The run, step by step").
 * isReportRead (the simulator's) picks the environment, its services' statuses and its deployment
 * history; the first look reads the last two as well (the kind of what runs is taken from them),
 * so the cancel tells them apart: those sent before it are the first look's.
 */
const READS = {
  /** The status, the queue, the services' statuses and the deployment history, side by side, before the cancel. */
  firstLook: 4,
  /** Of the first look, the reads isReportRead picks: the services' statuses and the history. */
  firstLookRecords: 2,
  /** The cancel, and Qovery's lookup of the request it targets sent beside it (not waited for). */
  cancel: 2,
  /** The environment (its name and place, for the console's links), once the cancel is on its way. */
  environment: 1,
  /**
   * Once the request has ended: the queue, its history entry (read again only while the entry
   * lags behind the status, which it does not here) and the services' statuses.
   */
  whatIsLeft: 3
}
/** From the cancel on, the reads isReportRead picks: the environment, then the history entry and the services' statuses. */
const REPORT_READS_AFTER_CANCEL = 3

/** Requests for a cancel that settles 30 s after it is requested, at the default interval. */
async function apiEconomy(): Promise<{
  requests: number
  minimum: number
  statusPolls: number
  afterSettled: number
  readsPerInterval: number
}> {
  const settleMs = 30_000
  const statusPolls = Math.ceil(settleMs / DEFAULT_INTERVAL_MS)
  const runs = await Promise.all(
    Array.from({ length: RUNS }, async () => {
      const run = await timedRun(
        ACTION_COMMAND,
        { before: [{ state: 'DEPLOYING' }], after: [{ state: 'CANCELING', ms: settleMs }, { state: 'CANCELED' }] },
        {}
      )
      const requests = run.api.requests
      const post = requests.find((request) => request.method === 'POST')!
      const canceledAt = run.api.history(ENVIRONMENT_ID).find((entry) => entry.state === 'CANCELED')!.at
      const firstCanceledRead = requests.find((request) => request.method === 'GET' && request.at >= canceledAt)!
      const statusReads = requests.filter((request) => request.path.endsWith('/status') && request.at > post.at)
      const firstLook = requests.filter((request) => request.at < post.at)
      return {
        requests: requests.length,
        // Once the status says the request ended, the queue and the report's reads (what is left)
        // go once each, by design: anything else after settling is waste.
        afterSettled: requests.filter(
          (request) => request.at > firstCanceledRead.at && !request.path.endsWith('/deploymentQueue') && !isReportRead(request)
        ).length,
        readsPerInterval: statusReads.length / Math.max(1, Math.ceil((firstCanceledRead.at - post.at) / DEFAULT_INTERVAL_MS)),
        firstLook: firstLook.length,
        firstLookRecords: firstLook.filter(isReportRead).length,
        reportReadsAfterCancel: requests.filter((request) => request.at >= post.at && isReportRead(request)).length
      }
    })
  )
  // The minimum below rests on these counts: a run that reads more is not what it describes.
  const most = (key: 'firstLook' | 'firstLookRecords' | 'reportReadsAfterCancel') => Math.max(...runs.map((run) => run[key]))
  if (most('firstLook') > READS.firstLook) throw new Error(`the first look sent ${most('firstLook')} requests, not ${READS.firstLook}`)
  if (most('firstLookRecords') > READS.firstLookRecords)
    throw new Error(`the first look read the services and the history ${most('firstLookRecords')} times, not ${READS.firstLookRecords}`)
  if (most('reportReadsAfterCancel') > REPORT_READS_AFTER_CANCEL)
    throw new Error(`the report was read ${most('reportReadsAfterCancel')} times after the cancel, not ${REPORT_READS_AFTER_CANCEL}`)
  return {
    requests: median(runs.map((run) => run.requests)),
    // The first look, the cancel and its lookup, the environment, a status read per interval, what is left.
    minimum: READS.firstLook + READS.cancel + READS.environment + statusPolls + READS.whatIsLeft,
    statusPolls,
    afterSettled: Math.max(...runs.map((run) => run.afterSettled)),
    readsPerInterval: Math.max(...runs.map((run) => run.readsPerInterval))
  }
}

const LATENCY_MS = 100

/**
 * The round trips among requests that arrived at these times (ms): a request arriving LATENCY_MS
 * or more after the first of the current trip could only be sent once an answer was back, so it
 * starts the next trip; requests sent side by side arrive together.
 */
function countTrips(arrivals: number[]): number {
  let trips = 0
  let tripStart = Number.NEGATIVE_INFINITY
  for (const at of [...arrivals].sort((a, b) => a - b)) {
    if (at >= tripStart + LATENCY_MS) {
      trips += 1
      tripStart = at
    }
  }
  return trips
}

/**
 * From a GitHub runner every call to the API costs a round trip, and the deployment runs on
 * meanwhile. With LATENCY_MS on every answer, from the first request (start-up done) until the
 * cancel is answered: the round trips counted (worst run), and the time in units of LATENCY_MS
 * (median and worst), which the action's own work makes a little longer than the count.
 */
async function roundTripsToCancel(): Promise<{ count: number; median: number; max: number }> {
  const counts: number[] = []
  const times: number[] = []
  for (let index = 0; index < RUNS; index++) {
    const run = await timedRun(ACTION_COMMAND, CANCELS_AT_ONCE, { 'poll-interval': '1s' }, false, LATENCY_MS)
    const first = run.api.requests[0]!
    const post = run.api.requests.find((request) => request.method === 'POST')!
    counts.push(countTrips(run.api.requests.filter((request) => request.at <= post.at).map((request) => request.at)))
    times.push((post.at + LATENCY_MS - first.at) / LATENCY_MS)
  }
  return { count: Math.max(...counts), median: median(times), max: Math.max(...times) }
}

/**
 * The queue advancing: R1 is canceled, CANCELING for 3 s, and R2 starts the moment it ends
 * (CANCELED never shows). Requests by endpoint, at a 1 s interval: once the status shows R2, the
 * lookup of R1 and its history entry say how it ended.
 */
async function queueAdvance(): Promise<{
  outcome: string
  byEndpoint: Record<string, number>
  total: number
  queueReads: number
  lookups: number
}> {
  const script: Omit<EnvironmentScript, 'id'> = {
    before: [{ state: 'DEPLOYING' }],
    after: [{ state: 'CANCELING', ms: 3_000 }, { state: 'CANCELED' }],
    queue: [{ before: [{ state: 'DEPLOYING' }] }]
  }
  const run = await timedRun(ACTION_COMMAND, script, { 'poll-interval': '1s' })
  const byEndpoint: Record<string, number> = {}
  for (const request of run.api.requests) {
    const endpoint = `${request.method} ${request.path.replace(/[0-9a-f-]{36}/g, '{id}')}${request.search.replace(/[0-9a-f-]{36}/g, '{id}')}`
    byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + 1
  }
  return {
    outcome: run.outputs.outcome ?? 'none',
    byEndpoint,
    total: run.api.requests.length,
    queueReads: byEndpoint['GET /environment/{id}/deploymentQueue'] ?? 0,
    lookups: byEndpoint['GET /environment/deploymentStatus?deploymentRequestId={id}'] ?? 0
  }
}

interface BundleParts {
  parts: Array<{ part: string; kib: number; file: string }>
  /** Distinct undici package folders in the bundle: one is the target. */
  undiciCopies: number
}

/**
 * What ncc puts in the bundle, by package and by file (the entry point and the chunk loaded
 * later): built again with webpack's statistics, concatenated modules counted one by one.
 */
function bundleParts(): BundleParts {
  const dir = mkdtempSync(join(tmpdir(), 'qovery-bench-ncc-'))
  const stats = nccBuild(dir, true)
  rmSync(dir, { recursive: true, force: true })
  const fileOf = new Map(stats.chunks.map((chunk) => [chunk.id, chunk.files[0] ?? '?']))
  const parts = new Map<string, { part: string; bytes: number; file: string }>()
  const undici = new Set<string>()
  eachModule(stats.modules, (module, chunk) => {
    const pkg = packageOf(module)
    if (pkg?.name === 'undici') undici.add(pkg.folder)
    const part = pkg?.name ?? (module.name.includes('src/') ? 'src/ (this action)' : 'webpack runtime')
    const file = fileOf.get(chunk) ?? '?'
    const key = `${file} ${part}`
    parts.set(key, { part, file, bytes: (parts.get(key)?.bytes ?? 0) + module.size })
  })
  return {
    parts: [...parts.values()]
      .map(({ part, bytes, file }) => ({ part, kib: Math.round(bytes / 1024), file }))
      .sort((a, b) => fileRank(a.file) - fileRank(b.file) || a.file.localeCompare(b.file) || b.kib - a.kib),
    undiciCopies: undici.size
  }
}

/** The entry point first, then the chunks by name. */
function fileRank(file: string): number {
  return file === 'index.js' ? 0 : 1
}

function directoryBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
}

const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`
const ms = (value: number) => `${Math.round(value)} ms`

const nodeVersion = spawnSync(NODE24, ['--version'], { encoding: 'utf8' }).stdout.trim()
console.log(`Benchmark: ${RUNS} runs per figure, Node ${nodeVersion}\n`)
console.log('Time to cancel...')
const curlAvailable = spawnSync('curl', ['--version']).status === 0
const [actionCancel = 0, fetchCancel = 0, curlCancel = Number.NaN] = await timeToCancel([
  ACTION_COMMAND,
  [NODE24, join(ROOT, 'bench', 'baseline-fetch.mjs')],
  ...(curlAvailable ? [['bash', join(ROOT, 'bench', 'baseline-curl.sh')]] : [])
])
console.log('Time to notice...')
const notice1 = await timeToNotice(1_000)
const notice5 = await timeToNotice(5_000)
console.log('API economy (a cancel that settles after 30 s)...')
const economy = await apiEconomy()
console.log(`Round trips to the cancel, ${LATENCY_MS} ms on every answer...`)
const trips = await roundTripsToCancel()
console.log('The queue advancing...')
const advance = await queueAdvance()
console.log('Footprint...')
const actionRss = median(
  await Promise.all(
    Array.from({ length: RUNS }, () =>
      timedRun(ACTION_COMMAND, CANCELS_AT_ONCE, { 'poll-interval': '100ms' }, true).then((run) => run.maxRssKb ?? 0)
    )
  )
)
const fetchRss = median(
  await Promise.all(
    Array.from({ length: RUNS }, () =>
      timedRun([NODE24, join(ROOT, 'bench', 'baseline-fetch.mjs')], CANCELS_AT_ONCE, {}, true).then((run) => run.maxRssKb ?? 0)
    )
  )
)
const { parts, undiciCopies } = bundleParts()
const distBytes = directoryBytes(join(ROOT, 'dist'))
const indexBytes = statSync(ACTION).size
// What loads before the cancel request: every file but the chunk of @actions/github.
const laterFiles = new Set(parts.filter(({ part }) => part === '@actions/github').map(({ file }) => file))
const startBytes = readdirSync(join(ROOT, 'dist'))
  .filter((name) => name.endsWith('.js') && !laterFiles.has(name))
  .reduce((sum, name) => sum + statSync(join(ROOT, 'dist', name)).size, 0)

// Each target's text is made from the limit its check compares with, so that neither can drift.
const CANCEL_RATIO = 1.4
const NOTICE_FACTOR = 1.1
const NOTICE_MARGIN_MS = 100
const READS_PER_INTERVAL = 1
const ROUND_TRIPS = 2
const noticeLimit = (intervalMs: number) => NOTICE_FACTOR * intervalMs + NOTICE_MARGIN_MS
const cancelRatio = actionCancel / fetchCancel
const targets = [
  {
    target: `time to cancel within ${CANCEL_RATIO}x the bare Node script`,
    met: cancelRatio <= CANCEL_RATIO,
    figure: `${cancelRatio.toFixed(2)}x`
  },
  { target: 'one copy of undici in the bundle', met: undiciCopies === 1, figure: String(undiciCopies) },
  ...[
    { intervalMs: 1_000, notice: notice1 },
    { intervalMs: 5_000, notice: notice5 }
  ].map(({ intervalMs, notice }) => ({
    target: `time to notice at most ${NOTICE_FACTOR}x the interval + ${NOTICE_MARGIN_MS} ms (${intervalMs / 1_000} s)`,
    met: notice.max <= noticeLimit(intervalMs),
    figure: `worst ${ms(notice.max)} (limit ${ms(noticeLimit(intervalMs))})`
  })),
  {
    target: `at most ${READS_PER_INTERVAL} status read per poll interval while waiting`,
    met: economy.readsPerInterval <= READS_PER_INTERVAL,
    figure: `${economy.readsPerInterval.toFixed(2)} status reads per interval`
  },
  {
    target: "no request after settling but the reads of what is left (the queue and the report's reads)",
    met: economy.afterSettled === 0,
    figure: `${economy.afterSettled} requests`
  },
  {
    target: 'requests no more than the minimum',
    met: economy.requests <= economy.minimum,
    figure: `${economy.requests} of ${economy.minimum}`
  },
  {
    target: `at most ${ROUND_TRIPS} round trips from start-up to the cancel answered`,
    met: trips.count <= ROUND_TRIPS,
    figure: `worst ${trips.count} (${trips.max.toFixed(2)} round trips' time)`
  },
  {
    target: 'queue advancing: canceled, the queue read twice, the lookup beside the cancel and once more when the next request shows',
    met: advance.outcome === 'canceled' && advance.queueReads === 2 && advance.lookups === 2,
    figure: `${advance.outcome}, ${advance.queueReads} queue reads, ${advance.lookups} lookups`
  }
]

const rows: Array<[string, string]> = [
  ['time to cancel: the action', ms(actionCancel)],
  ['time to cancel: bare Node 24 fetch script', ms(fetchCancel)],
  ['time to cancel: bash + curl', curlAvailable ? ms(curlCancel) : 'curl not installed'],
  ['ratio action / fetch script', `${(actionCancel / fetchCancel).toFixed(2)}x`],
  ['difference action - fetch script', ms(actionCancel - fetchCancel)],
  ['ratio action / curl', curlAvailable ? `${(actionCancel / curlCancel).toFixed(2)}x` : '—'],
  [
    'time to notice, 1 s interval (median / worst)',
    `${ms(notice1.median)} / ${ms(notice1.max)} = ${(notice1.median / 1_000).toFixed(2)} / ${(notice1.max / 1_000).toFixed(2)} of the interval`
  ],
  [
    'time to notice, 5 s interval (median / worst)',
    `${ms(notice5.median)} / ${ms(notice5.max)} = ${(notice5.median / 5_000).toFixed(2)} / ${(notice5.max / 5_000).toFixed(2)} of the interval`
  ],
  [
    'requests, cancel settling after 30 s at 5 s',
    `${economy.requests} (minimum ${economy.minimum}: the status, the queue, the services' statuses and the deployment history side by side, one cancel and the request's lookup beside it, the environment once, one status read per interval, then the queue, the history and the services' statuses once each)`
  ],
  ["requests after settling, besides the reads of what is left (the queue and the report's reads)", String(economy.afterSettled)],
  [
    `round trips from start-up to the cancel answered, ${LATENCY_MS} ms a trip`,
    `${trips.count} at worst, taking ${trips.median.toFixed(2)} / ${trips.max.toFixed(2)} trips' time (median / worst)`
  ],
  [
    'requests, queue advancing (CANCELING 3 s at 1 s, then the next request starts)',
    `${advance.total}: ${Object.entries(advance.byEndpoint)
      .map(([endpoint, count]) => `${count} \`${endpoint}\``)
      .join(', ')}`
  ],
  ['dist/ size', kib(distBytes)],
  ['dist/index.js size (the entry point, which catches signals)', kib(indexBytes)],
  ['code loaded before the cancel request (the entry point and the chunks it imports)', kib(startBytes)],
  ['copies of undici in the bundle', String(undiciCopies)],
  ['peak RSS: the action', `${(actionRss / 1024).toFixed(1)} MiB`],
  ['peak RSS: bare Node 24 fetch script', `${(fetchRss / 1024).toFixed(1)} MiB`]
]

const width = Math.max(...rows.map(([name]) => name.length))
console.log(`\n${rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n')}\n`)
for (const { target, met, figure } of targets) console.log(`${met ? 'met   ' : 'MISSED'}  ${target}: ${figure}`)

const PART_NOTES: Record<string, string> = {
  undici:
    'HTTP/1.1 client with ProxyAgent (HTTPS through a CONNECT tunnel) and its llhttp parser compiled to WebAssembly, loaded through its public index; @actions/http-client uses the same copy',
  '@actions/core': 'the runner protocol: inputs, masking, outputs, annotations, groups, the job summary',
  '@actions/http-client':
    "@actions/core's HTTP client (for OIDC tokens, unused here), on the bundle's one undici; the action reads NO_PROXY by its rule (checkBypass)",
  '@actions/exec': '@actions/core imports it (platform details), unused here',
  '@actions/io': "@actions/exec's file helpers",
  tunnel: "@actions/http-client's proxy tunnel",
  '@actions/github': 'the workflow run context for the summary; loaded after the cancel request',
  'src/ (this action)': 'the action itself',
  'webpack runtime': "the bundler's module loader"
}
const cpu = cpus()[0]?.model ?? 'unknown CPU'
const markdown = `# Benchmark results

Written by \`npm run bench -- --write\` on ${new Date().toISOString().slice(0, 10)}: ${RUNS} runs per figure (${3 * RUNS} for time to cancel, the
commands taking turns), medians unless said otherwise, against the local Qovery simulator on loopback.

Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}; Node ${nodeVersion}.

## Figures

| measure | value |
|---|---|
${rows.map(([name, value]) => `| ${name} | ${value} |`).join('\n')}

- **Time to cancel**: from spawning the process to the cancel request reaching the simulator. The
  fetch script (\`bench/baseline-fetch.mjs\`) and the curl step (\`bench/baseline-curl.sh\`) are
  what users write by hand: read the status, send the cancel. The action reads four records side
  by side before its cancel (the status, the queue, the services' statuses and the deployment
  history: the kind of what runs is taken from them), so it waits for the slowest of four answers
  where the scripts wait for one; the ratio counts that against the action.
- **Time to notice**: from the simulator turning the environment CANCELED to the action's exit;
  the moment of the turn is spread evenly over one poll interval across the runs.
- **API economy**: the status, the queue, the services' statuses and the deployment history read
  side by side (what runs, and its kind from its own records); one cancel, with Qovery's lookup of
  the request it targets sent beside it (not waited for); the environment (its name and place, for
  the console's links), once the cancel is on its way; then one status read per poll interval, the
  first one interval after the cancel (the 202's body is not taken for the request's state), until
  the read that sees CANCELED, whose word stands; then what is left, side by side: the queue, the
  request's history entry (read again only while it lags behind the status, which it does not
  here) and the services' statuses, once each; nothing else. A script that reads the status,
  cancels and polls the status would send ${2 + economy.statusPolls}; the other ${economy.minimum - 2 - economy.statusPolls} are for
  canceling the right request and for saying what became of it.
- **Round trips**: with ${LATENCY_MS} ms added to every answer, as from a runner far from the API, from
  the first request to the cancel's answer: the round trips counted (a request reaching the simulator
  ${LATENCY_MS} ms or more after the first of a trip starts the next one), one for the four reads
  (side by side), one for the cancel (the lookup goes beside it); and the time, in units of
  ${LATENCY_MS} ms, which the action's own work makes a little longer.
- **Queue advancing**: the canceled request is CANCELING for 3 s, then the next one starts at once
  and CANCELED never shows; once the status shows the next request, the action reads the
  canceled request's lookup and history entry side by side, which say how it ended.

## Targets

| target | result | figure |
|---|---|---|
${targets.map(({ target, met, figure }) => `| ${target} | ${met ? 'met' : '**missed**'} | ${figure} |`).join('\n')}

## What dist/ holds

| file | part | size | what it is |
|---|---|---|---|
${parts.map(({ part, kib: size, file }) => `| ${file} | ${part} | ${size} KiB | ${PART_NOTES[part] ?? (part.startsWith('@octokit/') || ['before-after-hook', 'universal-user-agent', 'json-with-bigint', 'content-type'].includes(part) ? "@actions/github's Octokit client" : '')} |`).join('\n')}

The entry point, \`dist/index.js\`, holds the bundler's loader and the signal handlers: it catches the
runner's signals first, then imports the chunks that hold the action and its dependencies, so that a
signal while they load ends the run \`interrupted\` with its report. Every file is ASCII only: Node
reads a file with one character beyond ASCII as a two-byte string, slower to decode and to parse.

Copies of undici in the bundle: ${undiciCopies}. npm \`overrides\` give the whole tree the action's own undici, and
@actions/github the ESM @actions/http-client 4 that @actions/core uses. @actions/github (with its Octokit
client) sits in a chunk of its own, loaded by a dynamic \`import()\` once the run is over, for the summary's
link to the workflow run: nothing before the cancel request pays for it.

undici is used through its public API only: a \`ProxyAgent\` when a proxy variable applies to an
\`https://\` API (the variables read as curl reads them, NO_PROXY by @actions/http-client's rule), else
a plain \`Agent\`, and always for a loopback \`http://\` API, which never goes through a proxy. An earlier build imported two of
undici's internal modules to load less; it broke HTTPS through a proxy (the CONNECT tunnel needs
parts those modules leave out).

Against curl the action is slower to start, as any Node program is (Node itself takes about 20 ms to start
here): curl is a native binary, and the action also checks every input before its first request.
Against the fetch script, the difference is mostly the action's start-up, V8 compiling the 1.9 MB
of code loaded before the cancel (undici is most of it), where Node's own fetch comes precompiled:
a fixed cost, so the ratio grows as the machine gets faster, and moves by about 0.1x from one run
of the benchmark to the next. The rest is the first look's three more reads (sent side by side
with the status, they add no round trip) and the action's reading of their answers.
`
if (WRITE) {
  writeFileSync(join(ROOT, 'bench', 'results.md'), markdown)
  console.log('\nWrote bench/results.md')
} else {
  console.log('\nbench/results.md left as it is: `npm run bench -- --write` writes it.')
}
