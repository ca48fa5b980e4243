import * as core from '@actions/core'
import { run } from './main.ts'

// The entry point action.yml names (bundled as dist/index.js); the logic is run() in main.ts.
try {
  await run()
} catch (error) {
  core.setFailed(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`)
}
