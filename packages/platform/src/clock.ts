/** Time as an input of the use cases: the services pass the system's, tests one they control. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
