// Loaded with --import into the action under test: on SIGUSR2 from the test, emits EMIT_SIGNAL in
// the process, as Node reports a signal that cannot be sent here (SIGBREAK is Ctrl-Break, on
// Windows only). The test sends SIGUSR2 once the log shows the moment it wants.
const name = process.env.EMIT_SIGNAL
if (name) process.on('SIGUSR2', () => process.emit(name, name))
