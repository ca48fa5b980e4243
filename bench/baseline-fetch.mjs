// The least a Node 24 script can do to cancel a Qovery deployment: read the status, send the
// cancel, with fetch and nothing else. Plain JavaScript, so that Node spends nothing on types:
// the benchmark's yardstick for start-up cost.
const base = process.env.QOVERY_API_URL ?? 'https://api.qovery.com/'
const headers = { authorization: `Token ${process.env.QOVERY_API_TOKEN}`, 'content-type': 'application/json' }
const environment = new URL(`environment/${process.env.QOVERY_ENVIRONMENT_ID}/`, base)
const status = await (await fetch(new URL('status', environment), { headers })).json()
const answer = await fetch(new URL('cancelDeployment', environment), {
  method: 'POST',
  headers,
  body: JSON.stringify({ force_cancel: false })
})
console.log(`${status.state} -> ${answer.status}`)
