/**
 * Jest's test order, by layer first. On a fresh clone jest knows no durations and orders by file
 * size, which can leave a slow suite for last while the other worker idles. Prism's suite goes
 * first (its server takes seconds to start), then the in-process runs (they mostly wait on timers
 * and sockets), the bundle's runs, and the quick layers last, to fill the gaps. Within a layer,
 * jest's own order: the last run's failures and durations when it has them, else file size.
 */
import Sequencer from '@jest/test-sequencer'

/** Path fragments, slowest first; a file matching none goes last. */
const LAYERS = ['/__tests__/in-process/prism.', '/__tests__/in-process/', '/__tests__/e2e/', '/__tests__/integration/', '/__tests__/unit/']

const rank = (path) => {
  const found = LAYERS.findIndex((layer) => path.includes(layer))
  return found === -1 ? LAYERS.length : found
}

export default class SlowLayersFirst extends Sequencer {
  sort(tests) {
    return super.sort(tests).sort((a, b) => rank(a.path) - rank(b.path))
  }
}
