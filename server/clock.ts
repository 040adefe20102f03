// The server's one source of the current time for deadlines, notifications and digests: startServer
// hands it down, so a test can move it forward instead of waiting.
export type Clock = { now(): Date }

export const systemClock: Clock = { now: () => new Date() }
