/**
 * The application's notion of "now" for business rules that depend on the time of day (the
 * event join window, reminders, certificate deadlines). Real time in production; tests move it
 * forward or back to walk an event from its countdown to its certificates.
 */
export type Clock = {
  now(): Date
  /** Tests only: shift the clock by this many milliseconds from real time (0 = real time). */
  setOffset(ms: number): void
}

export function createClock(): Clock {
  let offset = 0
  return {
    now: () => new Date(Date.now() + offset),
    setOffset: (ms) => {
      offset = ms
    },
  }
}
