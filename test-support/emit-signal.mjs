// Loaded with --import into the action under test: emits EMIT_SIGNAL in the process after
// EMIT_SIGNAL_AFTER_MS, as Node reports a signal that cannot be sent here (SIGBREAK is Ctrl-Break,
// on Windows only).
const name = process.env.EMIT_SIGNAL
const afterMs = Number(process.env.EMIT_SIGNAL_AFTER_MS ?? 0)
if (name) setTimeout(() => process.emit(name, name), afterMs).unref()
